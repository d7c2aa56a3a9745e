-- require("intercom.sandbox").start{...}: a local, stateful fake of the
-- Intercom API on an HTTP port of this process (see docs/sandbox.md).
--
--   local sb = require("intercom.sandbox").start{ port = 0 }
--   local client = intercom.new{ token = "anything", base_url = sb.url }
--   sb:fault{ route = "GET /contacts/{id}", status = 503, times = 2 }
--   sb:stop()
--
-- The server runs on libmicrohttpd threads with its own Lua state; this object
-- talks to it through the C handle's call(), which passes JSON both ways.
local core = require "intercom.core"

local _M = {}

local Sandbox = {}
Sandbox.__index = Sandbox

local function call(self, name, arg)
  if not self.handle:running() then error("this sandbox is stopped", 3) end
  local text = self.handle:call(name, arg ~= nil and core.json_encode(arg) or nil)
  return core.json_decode(text)
end

-- The journal, oldest first: { method, path, query, raw_query, headers, body, json, status, request_id }.
function Sandbox:requests()
  local list = call(self, "requests")
  for _, e in ipairs(list) do
    if e.body:find("%S") then e.json = core.json_decode(e.body) end -- nil when not JSON
  end
  return list
end

function Sandbox:clear_requests()
  call(self, "clear_requests")
  return self
end

-- fault{ route = "GET /contacts/{id}" | "*", status, code, message, times = 1,
--        delay, drop, truncate, body, headers, retry_after }
function Sandbox:fault(spec)
  return call(self, "fault", spec or {})
end

function Sandbox:faults()
  return call(self, "faults")
end

function Sandbox:clear_faults()
  call(self, "clear_faults")
  return self
end

-- set_rate_limit{ limit = 5, window = 10 } (window in seconds; kept when omitted)
function Sandbox:set_rate_limit(spec)
  return call(self, "set_rate_limit", spec)
end

function Sandbox:rate_limit()
  return call(self, "rate_limit")
end

-- Back to the seeded state; journal, faults and rate limit as at start.
function Sandbox:reset()
  call(self, "reset")
  return self
end

function Sandbox:info()
  return call(self, "info")
end

-- Calls any function of the sandbox app with a JSON-able argument.
function Sandbox:call(name, arg)
  return call(self, name, arg)
end

function Sandbox:running()
  return self.handle:running()
end

function Sandbox:stop()
  self.handle:stop()
  return self
end

Sandbox.close = Sandbox.stop
Sandbox.__close = Sandbox.stop
Sandbox.__gc = Sandbox.stop -- the C handle stops itself too; this just makes it prompt

function Sandbox:__tostring()
  return "intercom.Sandbox<" .. self.url .. ">" .. (self.handle:running() and "" or " (stopped)")
end

-- What start's options must be: an ArgumentError naming the option, before
-- anything starts (the server checks what the host is, and the rate limit).
local function whole_port(v)
  return type(v) == "number" and v == math.floor(v) and v >= 0 and v <= 65535
end
local OPTIONS = {
  port = { whole_port, "a whole number from 0 to 65535" },
  host = { "string", "a string" }, token = { "string", "a string" }, seed = { "boolean", "a boolean" },
  workspace_id = { "string", "a string" }, module = { "string", "a string" }, rate_limit = { "table", "a table" },
}

local function check_options(opts)
  local function refuse(message)
    error(core.error("ArgumentError", { message = "intercom.sandbox.start: " .. message }), 0)
  end
  if type(opts) ~= "table" then refuse("options must be a table, got a " .. type(opts)) end
  for name, rule in pairs(OPTIONS) do
    local v, test = opts[name], rule[1]
    if v ~= nil and not (type(test) == "function" and test(v) or type(v) == test) then
      refuse(("option '%s' must be %s, got %s"):format(name, rule[2],
        type(v) == "string" and ("%q"):format(v) or type(v) == "number" and tostring(v) or "a " .. type(v)))
    end
  end
end

-- start{ host = "127.0.0.1", port = 0, token = nil, seed = true,
--        rate_limit = { limit = 1000, window = 60 }, workspace_id = "sandbox1" }
-- token: when set, only "Bearer <token>" is accepted; otherwise any bearer.
-- seed = false starts without the sample contacts (the workspace's admins,
-- tags, companies, segments and subscription types are always there).
function _M.start(opts)
  opts = opts or {}
  check_options(opts)
  local config = {
    token = opts.token, seed = opts.seed ~= false, rate_limit = opts.rate_limit,
    workspace_id = opts.workspace_id,
  }
  local host = opts.host or "127.0.0.1"
  local handle = core.sandbox_start {
    host = host, port = opts.port or 0, module = opts.module or "intercom.sandbox.app",
    config = core.json_encode(config), path = package.path, cpath = package.cpath,
  }
  local port = handle:port()
  local url_host = host:find(":", 1, true) and ("[" .. host .. "]") or host
  return setmetatable({
    handle = handle, port = port, host = host, url = "http://" .. url_host .. ":" .. port,
  }, Sandbox)
end

return _M
