-- A tiny HTTP helper for the sandbox specs, on the core's raw libcurl client
-- (client:perform), plus a raw-socket request for what a real client never
-- sends (no Authorization header at all), on luasocket (a test dependency).
local core = require "intercom.core"

local _M = {}

_M.TOKEN = "sandbox_spec_token_0123456789abcd"

function _M.client(token)
  return core.new_client {
    token = token or _M.TOKEN, headers = { "Accept: application/json" },
    timeout = 20, connect_timeout = 5,
  }
end

-- request(sb, method, path [, body [, opts]]) -> res | nil, kind, message
-- body: a table (sent as JSON) or a string (sent as is).
-- opts: { client = <core client>, token = "...", headers = { "Name: value" } }
-- res: { status, body, headers (lowercased names), json (decoded body or nil) }
function _M.request(sb, method, path, body, opts)
  opts = opts or {}
  local client = opts.client or _M.client(opts.token)
  if type(body) == "table" then body = core.json_encode(body) end
  local status, text, headers = client:perform(method, sb.url .. path, body, opts.headers)
  if not opts.client then client:close() end
  if not status then return nil, text, headers end
  return { status = status, body = text, headers = headers, json = core.json_decode(text) }
end

-- Shorthands that fail loudly when the transport fails.
local function must(res, kind, message)
  if not res then error("request failed: " .. tostring(kind) .. ": " .. tostring(message), 2) end
  return res
end

function _M.get(sb, path, opts) return must(_M.request(sb, "GET", path, nil, opts)) end
function _M.post(sb, path, body, opts) return must(_M.request(sb, "POST", path, body or {}, opts)) end
function _M.put(sb, path, body, opts) return must(_M.request(sb, "PUT", path, body or {}, opts)) end
function _M.delete(sb, path, opts) return must(_M.request(sb, "DELETE", path, nil, opts)) end

-- Sends raw request text over a plain socket.
-- Returns status, headers (lowercased), body.
function _M.raw(port, text)
  local socket = require "socket"
  local conn = assert(socket.tcp())
  conn:settimeout(10)
  assert(conn:connect("127.0.0.1", port))
  assert(conn:send(text))
  local status_line = assert(conn:receive("*l"))
  local headers = {}
  while true do
    local line = assert(conn:receive("*l"))
    if line == "" then break end
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if name then headers[name:lower()] = value end
  end
  local body = ""
  local len = tonumber(headers["content-length"] or "")
  if len and len > 0 then body = assert(conn:receive(len)) end
  conn:close()
  return tonumber(status_line:match("^HTTP/%d%.%d (%d+)")), headers, body
end

-- Seconds taken by fn().
function _M.timed(fn)
  local t0 = core.now()
  local a, b, c = fn()
  return core.now() - t0, a, b, c
end

return _M
