-- Transports move bytes and nothing else. The default is libcurl, in the core;
-- any function can stand in for it (OpenResty cosockets, a test double):
--
--   transport(request) -> response | nil, failure
--   request  = { method, url, headers = { [name] = value }, body, timeout, connect_timeout }
--   response = { status = 200, headers = { [lowercase name] = value }, body = "..." }
--   failure  = { kind = "connect" | "dns" | "connect_timeout" | "tls" | "timeout"
--                       | "dropped" | "network", message = "..." }
--
-- Retries, rate limits, errors and paging live above this line (request.lua),
-- once, for every transport.
local core = require "intercom.core"

local type, pcall, tostring, pairs, ipairs, error = type, pcall, tostring, pairs, ipairs, error
local is_error = core.is_error
local math_floor = math.floor

local _M = {}

function _M.curl(client, method, url, body, headers)
  local status, data, response_headers, code = client:perform(method, url, body, headers)
  if status then return { status = status, body = data, headers = response_headers } end
  return nil, { kind = data, message = response_headers, curl_code = code }
end

-- The header table a Lua transport receives, from the client's header lines.
function _M.header_table(lines)
  local t = {}
  for _, line in ipairs(lines) do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    t[name] = value
  end
  return t
end

local function lowercase_keys(h)
  local t = {}
  for k, v in pairs(h) do
    if type(k) == "string" then t[k:lower()] = v end
  end
  return t
end

-- What a user transport's response fields must be, when present.
local FIELD_TYPES = { body = "string", headers = "table" }

-- Calls a user transport; whatever it does, the caller gets a response or a
-- failure, never a Lua error from inside it.
function _M.custom(fn, client, settings, method, url, body, extra)
  local headers = {}
  for k, v in pairs(settings.header_table) do headers[k] = v end
  headers.Authorization = client:_authorization()
  if body then headers["Content-Type"] = "application/json" end
  for _, line in ipairs(extra or {}) do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    headers[name] = value
  end
  local ok, response, failure = pcall(fn, {
    method = method, url = url, headers = headers, body = body,
    timeout = settings.timeout, connect_timeout = settings.connect_timeout,
  })
  if not ok then
    -- An intercom.Error is the transport's verdict (say, a phase without
    -- sockets), raised as it is; anything else is a failure to send.
    if is_error(response) then error(response, 0) end
    return nil, { kind = "network", message = "transport raised: " .. tostring(response) }
  end
  if type(response) ~= "table" then
    if type(failure) == "table" then return nil, failure end
    return nil, { kind = "network", message = tostring(failure or "transport returned no response") }
  end
  local status = response.status
  if type(status) ~= "number" then
    return nil, { kind = "network", message = "transport response has no numeric status" }
  end
  -- NaN, math.huge and 200.5 are numbers too, but no HTTP status
  if status ~= status or status ~= math_floor(status) or status >= math.huge or status <= -math.huge then
    return nil, { kind = "network", message = "transport response status must be a whole number, got "
      .. tostring(status) }
  end
  for field, kind in pairs(FIELD_TYPES) do
    local v = response[field]
    if v ~= nil and type(v) ~= kind then
      return nil, { kind = "network", message = ("transport response %s must be a %s, got a %s")
        :format(field, kind, type(v)) }
    end
  end
  return {
    status = math_floor(status),
    body = response.body or "",
    headers = lowercase_keys(response.headers or {}),
  }
end

return _M
