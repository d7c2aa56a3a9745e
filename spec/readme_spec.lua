-- Every ```lua block of README.md runs here against a sandbox, so the README
-- cannot rot. Each block is its own chunk; it finds `intercom`, `client` (on
-- a fresh sandbox) and `sandbox` already there, as the README says.
local intercom = require "intercom"
local sandbox_module = require "intercom.sandbox"

local function blocks(path)
  local f = assert(io.open(path, "r"))
  local text = f:read("a")
  f:close()
  local out = {}
  local pos = 1
  while true do
    local s, e, code = text:find("\n```lua\n(.-)\n```", pos)
    if not s then break end
    local _, lines_before = text:sub(1, s):gsub("\n", "")
    out[#out + 1] = { code = code, line = lines_before + 2 }
    pos = e + 1
  end
  return out
end

-- os.getenv answers a placeholder token, so a block that reads
-- INTERCOM_TOKEN builds its client (it sends nothing to the real API).
local function environment(sandbox)
  local env = setmetatable({}, { __index = _G })
  env.intercom = intercom
  env.sandbox = sandbox
  env.client = intercom.new{ token = "readme", base_url = sandbox.url }
  env.os = setmetatable({ getenv = function(name)
    if name == "INTERCOM_TOKEN" then return "readme-token" end
    return os.getenv(name)
  end }, { __index = os })
  env.print = function() end
  return env
end

describe("README.md", function()
  local sandbox
  setup(function() sandbox = sandbox_module.start{ port = 0 } end)
  teardown(function() sandbox:stop() end)

  local found = blocks(os.getenv("README") or "README.md") -- README=other.md checks a draft
  it("has Lua examples", function() assert.is_true(#found >= 10) end)

  for _, block in ipairs(found) do
    it(("block at line %d runs"):format(block.line), function()
      sandbox:reset()
      local chunk = assert(load(block.code, "=README.md:" .. block.line, "t", environment(sandbox)))
      chunk()
    end)
  end
end)
