-- The in-process sandbox (require("intercom.sandbox").new{...}): the sandbox's
-- app running in the caller's Lua state, reached through a transport
-- function instead of a socket, so unit tests need no threads, ports or C
-- front. Its controls are the HTTP sandbox's (intercom.sandbox's Controls),
-- and pass through JSON as theirs do, so both answer alike.
--
-- What the transport does with the faults that need a socket, as the
-- libcurl and cosocket transports report them:
--   drop      -> nil, { kind = "dropped" }  (no response)
--   truncate  -> nil, { kind = "dropped" }  (a body shorter than its length)
--   delay     -> a sleep first; one that outlasts request.timeout is cut
--                there, and the request fails with kind "timeout"
local core = require "intercom.core"
local app_module = require "intercom.sandbox.server.app"

local type, pairs, error, pcall, tostring, setmetatable = type, pairs, error, pcall, tostring, setmetatable
local json_encode, json_decode = core.json_encode, core.json_decode
local math_min, str_match, str_lower = math.min, string.match, string.lower

local _M = {}

local BODY_METHODS = { POST = true, PUT = true, PATCH = true }

_M.MAX_UPLOAD = 8 * 1024 * 1024 -- as the HTTP front: a larger body is answered with 413
_M.MAX_DELAY = 600              -- seconds, as the HTTP front: a longer injected delay is cut

local function argument_error(message)
  return core.error("ArgumentError", { message = "intercom.sandbox.new: " .. message })
end

-- scheme://authority, path, query of a request URL (path and query as sent).
local function split_url(url)
  local origin, target = str_match(url, "^(https?://[^/?#]*)(.*)$")
  if not origin then return nil end
  local path, query = str_match(target, "^([^?#]*)%??([^#]*)")
  if path == "" then path = "/" end
  return origin, path, query
end

-- A JSON round trip: what crosses the HTTP front's state boundary, and so a
-- copy the caller may change without touching the sandbox's state.
local function through_json(v)
  return json_decode(json_encode(v))
end

local Local = {}

function Local:_call(name, arg)
  if self.stopped then error("this sandbox is stopped", 3) end
  local fn = self.app[name]
  if type(fn) ~= "function" or name == "handle" or name == "configure" then
    error("sandbox: the sandbox has no function '" .. tostring(name) .. "'", 0)
  end
  if arg ~= nil then arg = through_json(arg) end -- raises ArgumentError for what JSON cannot hold
  local ok, result = pcall(fn, arg)
  if not ok then error("sandbox: " .. tostring(result), 0) end -- as the HTTP front's call says it
  return through_json(result)
end

function Local:running()
  return not self.stopped
end

-- After stop, the transport fails as a server that is gone would: "connect".
-- The app and its data are let go, as the HTTP front closes its Lua state: a
-- test run keeps its stopped sandboxes' handles, not their stores.
function Local:stop()
  self.stopped = true
  self.app = nil
  return self
end

Local.close = Local.stop
Local.__close = Local.stop

function Local:__tostring()
  return "intercom.Sandbox<in-process>" .. (self.stopped and " (stopped)" or "")
end

-- transport(request) -> response | nil, failure: see intercom.transport.
function Local:transport()
  local sleep = self.sleep
  return function(request)
    local app = self.app
    if not app then return nil, { kind = "connect", message = "the in-process sandbox is stopped" } end
    local origin, path, query = split_url(request.url)
    if not origin then return nil, { kind = "network", message = "the sandbox serves http(s) URLs only" } end
    local headers = {}
    for name, value in pairs(request.headers or {}) do headers[str_lower(name)] = tostring(value) end
    headers.host = str_match(origin, "//(.*)$")
    local body = request.body or ""
    -- What an HTTP transport puts on the wire: a length for any body, and
    -- for an empty POST, PUT or PATCH.
    if body ~= "" or BODY_METHODS[request.method] then headers["content-length"] = tostring(#body) end
    local too_large = #body > _M.MAX_UPLOAD
    local out = app.handle {
      method = request.method, path = path, query = query, headers = headers,
      body = too_large and "" or body, body_too_large = too_large or nil, base_url = origin,
    }
    local delay = type(out.delay) == "number" and math_min(out.delay, _M.MAX_DELAY) or 0
    if delay > 0 then
      local timeout = request.timeout
      if type(timeout) == "number" and delay >= timeout then
        sleep(timeout)
        return nil, { kind = "timeout", message = ("no answer within %g s (sandbox delay fault)"):format(timeout) }
      end
      sleep(delay)
    end
    if out.fault == "drop" then
      return nil, { kind = "dropped", message = "the sandbox dropped the connection (fault)" }
    elseif out.fault == "truncate" then
      return nil, { kind = "dropped",
        message = ("the body was cut short after %d of %d bytes (sandbox fault)"):format(#out.body // 2, #out.body) }
    end
    return { status = out.status, headers = out.headers, body = out.body }
  end
end

-- deliver{ transport = nil, timeout = 10, wait = true }: sends the due webhook
-- deliveries now, in this Lua state: over luasocket, or through transport
-- (a function(request) -> response | nil, failure, as intercom.transport's),
-- which lets a test hand them to its receiver with no socket. With wait, it
-- also waits out the retries' backoff (with the sandbox's sleep) until none
-- is pending or timeout seconds have passed. Answers the journal.
function Local:deliver(opts)
  opts = opts or {}
  if type(opts) ~= "table" then error(argument_error("deliver: options must be a table"), 2) end
  if opts.transport ~= nil and type(opts.transport) ~= "function" then
    error(argument_error("deliver: transport must be a function(request)"), 2)
  end
  local send = require "intercom.sandbox.webhooks.send"
  -- Its own clock: the time it started plus what it slept, so that a
  -- test's sleep that returns at once still lets the backoff pass.
  local now = core.now()
  local deadline = now + (opts.timeout or 10)
  while true do
    local taken = self:_call("take_deliveries", { now = now })
    if #taken.jobs > 0 then
      self:_call("delivery_results", { results = core.array(send.post_all(taken.jobs, opts.transport)), now = now })
    elseif taken.wait < 0 or opts.wait == false or now + taken.wait > deadline then
      break
    else
      self.sleep(taken.wait)
      now = math.max(now + taken.wait, core.now())
    end
  end
  return self:deliveries()
end

local class -- Local on top of the shared controls, made at the first new

-- new(Controls, config, sleep): config as the app's configure reads it.
function _M.new(controls, config, sleep)
  if sleep ~= nil and type(sleep) ~= "function" then
    error(argument_error("sleep must be a function(seconds), not a " .. type(sleep)), 3)
  end
  if not class then
    class = setmetatable({}, { __index = controls })
    for k, v in pairs(Local) do class[k] = v end
    class.__index = class
  end
  local app = app_module.new()
  local ok, err = pcall(app.configure, config)
  if not ok then error(argument_error(tostring(err)), 3) end
  return setmetatable({ app = app, sleep = sleep or core.sleep, stopped = false }, class)
end

return _M
