-- require "intercom.sandbox": a local, stateful fake of the Intercom API
-- (see docs/sandbox.md), in one of two forms with the same controls:
--
--   -- in this Lua state, no threads, no sockets: for unit tests
--   local sb = require("intercom.sandbox").new()
--   local client = intercom.new{ token = "anything", transport = sb:transport() }
--
--   -- on an HTTP port of this process: for the libcurl path and other processes
--   local sb = require("intercom.sandbox").start{ port = 0 }
--   local client = intercom.new{ token = "anything", base_url = sb.url }
--
--   sb:fault{ route = "GET /contacts/{id}", status = 503, times = 2 }
--   sb:stop()
--
-- The HTTP server runs on libmicrohttpd threads with its own Lua state (the C
-- module intercom.sandbox.front, loaded only by start); this object talks to
-- it through the C handle's call(), which passes JSON both ways. The
-- in-process sandbox passes its controls through JSON too, so both answer
-- alike.
local core = require "intercom.core"
local in_process = require "intercom.sandbox.in_process"

local setmetatable, ipairs, type, error = setmetatable, ipairs, type, error

local _M = {}

-- The controls, shared by both forms: each form has a _call(name, arg) that
-- runs the app's function `name` and answers its JSON-decoded result.
local Controls = {}

-- The journal, oldest first: { method, path, query, raw_query, headers, body, json, status, request_id }.
function Controls:requests()
  local list = self:_call("requests")
  for _, e in ipairs(list) do
    if e.body:find("%S") then e.json = core.json_decode(e.body) end -- nil when not JSON
  end
  return list
end

function Controls:clear_requests()
  self:_call("clear_requests")
  return self
end

-- fault{ route = "GET /contacts/{id}" | "*", status, code, message, times = 1,
--        delay, drop, truncate, body, headers, retry_after }
function Controls:fault(spec)
  return self:_call("fault", spec or {})
end

function Controls:faults()
  return self:_call("faults")
end

function Controls:clear_faults()
  self:_call("clear_faults")
  return self
end

-- set_rate_limit{ limit = 5, window = 10 } (window in seconds; kept when omitted)
function Controls:set_rate_limit(spec)
  return self:_call("set_rate_limit", spec)
end

function Controls:rate_limit()
  return self:_call("rate_limit")
end

-- Back to the seeded state; journal, faults and rate limit as at start.
function Controls:reset()
  self:_call("reset")
  return self
end

function Controls:info()
  return self:_call("info")
end

-- Webhooks (docs/webhooks.md). subscribe{ url, topics = { ... }, secret = nil }:
-- a subscription as the Developer Hub makes one for API 2.x; v1 clients use
-- client.subscriptions. Deliveries go to loopback URLs only, signed with the
-- subscription's secret, else the sandbox's client_secret.
function Controls:subscribe(spec)
  return self:_call("subscribe", spec)
end

-- The delivery journal, oldest first: { id, notification_id, subscription_id,
-- url, topic, status = "pending" | "sending" | "delivered" | "failed" |
-- "skipped", attempts, responses = { { status | error, at } }, body, json }.
function Controls:deliveries()
  local list = self:_call("deliveries")
  for _, d in ipairs(list) do
    if type(d.body) == "string" then d.json = core.json_decode(d.body) end
  end
  return list
end

-- Calls any function of the sandbox app with a JSON-able argument.
function Controls:call(name, arg)
  return self:_call(name, arg)
end

---- the HTTP sandbox ------------------------------------------------------

local Sandbox = setmetatable({}, { __index = Controls })
Sandbox.__index = Sandbox

function Sandbox:_call(name, arg)
  if not self.handle:running() then error("this sandbox is stopped", 3) end
  local text = self.handle:call(name, arg ~= nil and core.json_encode(arg) or nil)
  return core.json_decode(text)
end

-- deliver{ timeout = 10 }: the HTTP sandbox delivers from a thread of its
-- own as soon as a delivery is due; this waits until none is pending (or
-- timeout seconds), and answers the journal.
function Sandbox:deliver(opts)
  opts = type(opts) == "table" and opts or {}
  local deadline = core.now() + (opts.timeout or 10)
  while self:_call("pending_deliveries").pending > 0 and core.now() < deadline do
    core.sleep(0.01)
  end
  return self:deliveries()
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
  webhooks = { "table", "a table" },
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

-- The options both forms take, as the app's configure reads them.
local function app_config(opts)
  return {
    token = opts.token, seed = opts.seed ~= false, rate_limit = opts.rate_limit,
    workspace_id = opts.workspace_id, webhooks = opts.webhooks,
  }
end

-- start{ host = "127.0.0.1", port = 0, token = nil, seed = true,
--        rate_limit = { limit = 1000, window = 60 }, workspace_id = "sandbox1",
--        webhooks = { client_secret = "sandbox-client-secret", attempts = 3, backoff = 1, timeout = 5 } }
-- webhooks: the secret deliveries are signed with, how many attempts each
-- gets, the first retry's delay in seconds (doubling after), each POST's timeout.
-- token: when set, only "Bearer <token>" is accepted; otherwise any bearer.
-- seed = false starts without the sample contacts (the workspace's admins,
-- tags, companies, segments and subscription types are always there).
function _M.start(opts)
  opts = opts or {}
  check_options(opts)
  local front = require "intercom.sandbox.front" -- the C module: libmicrohttpd only for those who start one
  local host = opts.host or "127.0.0.1"
  local handle = front.start {
    host = host, port = opts.port or 0, module = opts.module or "intercom.sandbox.server.app",
    config = core.json_encode(app_config(opts)), path = package.path, cpath = package.cpath,
  }
  local port = handle:port()
  local url_host = host:find(":", 1, true) and ("[" .. host .. "]") or host
  return setmetatable({
    handle = handle, port = port, host = host, url = "http://" .. url_host .. ":" .. port,
  }, Sandbox)
end

---- the in-process sandbox -------------------------------------------------

-- new{ token = nil, seed = true, rate_limit = { limit = 1000, window = 60 },
--      workspace_id = "sandbox1", sleep = core.sleep }
-- The same sandbox as start's, answering in this Lua state through
-- sb:transport(), a transport for intercom.new{ transport = ... }. Faults that
-- need a socket become what a transport reports: drop and truncate a
-- "dropped" failure, a delay a sleep (a "timeout" failure when it outlasts the
-- request's timeout). sleep(seconds) is how delays are waited out.
function _M.new(opts)
  if opts ~= nil and type(opts) ~= "table" then
    error(core.error("ArgumentError", {
      message = "intercom.sandbox.new: options must be a table, not a " .. type(opts) }), 2)
  end
  opts = opts or {}
  return in_process.new(Controls, app_config(opts), opts.sleep)
end

return _M
