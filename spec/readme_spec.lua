-- Every ```lua block of README.md and of docs/ (guides and the generated
-- service reference; not docs/src/, whose blocks the reference repeats) runs
-- here against a sandbox, so the docs cannot rot. Each block is its own chunk;
-- it finds `intercom`, `client` (on a fresh sandbox) and `sandbox` already
-- there, as the README says.
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

-- README.md (or README=other.md, to check a draft), then docs/**/*.md.
local function documents()
  local out = { os.getenv("README") or "README.md" }
  local find = assert(io.popen("find docs -name '*.md' -not -path 'docs/src/*' | LC_ALL=C sort"))
  for path in find:lines() do out[#out + 1] = path end
  find:close()
  return out
end

local files = documents()

describe("the docs", function()
  it("include README.md and the service reference", function()
    assert.equal(files[1], os.getenv("README") or "README.md")
    assert.truthy(#files > 30, "docs/services/*.md not found")
  end)
end)

for i, path in ipairs(files) do
  describe(path, function()
    local sandbox
    setup(function() sandbox = sandbox_module.start{ port = 0 } end)
    teardown(function() sandbox:stop() end)

    local found = blocks(path)
    if i == 1 then
      it("has Lua examples", function() assert.is_true(#found >= 10) end)
    end

    for _, block in ipairs(found) do
      it(("block at line %d runs"):format(block.line), function()
        sandbox:reset()
        local chunk = assert(load(block.code, ("=%s:%d"):format(path, block.line), "t", environment(sandbox)))
        chunk()
      end)
    end
  end)
end
