-- From a response (or a transport failure) to data or an intercom.Error.
--
-- Unlike the Ruby gem, the body is read before the status decides: the first
-- error.list entry's code picks the class, and code, message and request_id
-- are kept for every status. Every status of 400 or more is an error.
local core = require "intercom.core"

local type, tonumber = type, tonumber
local json_decode, new_error, error_class_for = core.json_decode, core.error, core.error_class_for
local null = core.null

local _M = {}

-- What each transport failure kind is, as an error class.
local FAILURE_CLASSES = {
  connect = "ServiceConnectionError",
  network = "ServiceConnectionError",
  dns = "DnsResolutionError",
  connect_timeout = "ConnectTimeoutError",
  tls = "TlsError",
  timeout = "ReadTimeoutError",
  dropped = "ConnectionDroppedError",
  too_large = "UnexpectedResponseError",
}

function _M.failure_error(failure, method, url)
  return new_error(FAILURE_CLASSES[failure.kind] or "ServiceConnectionError", {
    kind = failure.kind, message = failure.message, curl_code = failure.curl_code,
    method = method, url = url,
  })
end

-- The first bytes of a body that is not JSON, on one line.
local function snippet(body)
  local s = body:sub(1, 120):gsub("%s+", " ")
  return #body > 120 and s .. "..." or s
end

-- A field of an error body as the error keeps it: a string, else absent
-- (null, a number or a table from a server is no code, message or id).
local function text(v)
  if type(v) == "string" then return v end
  return nil
end

local function finite(n)
  if n and n == n and n > -math.huge and n < math.huge then return n end
  return nil
end

-- Returns the decoded body (nil when empty), or nil and an error.
-- opts.raw: a 2xx body is returned as it came; opts.redirect: a 3xx is no error.
function _M.interpret(response, method, url, opts)
  local status, body, headers = response.status, response.body, response.headers
  if opts then
    if opts.raw and status >= 200 and status < 300 then return body end
    if opts.redirect and status >= 300 and status < 400 then return nil end
  end
  local data
  if body:find("%S") then
    local why
    data, why = json_decode(body)
    if data == nil then
      return nil, new_error("UnexpectedResponseError", {
        http_code = status, body = body, method = method, url = url,
        request_id = text(headers["x-request-id"]),
        message = ("expected a JSON body, got '%s' (%s)"):format(snippet(body), why or "not JSON"),
      })
    end
  end
  local error_list = type(data) == "table" and data.type == "error.list"
  if status >= 200 and status < 300 and not error_list then
    if data == null then return nil end
    return data
  end
  local first = error_list and type(data.errors) == "table" and data.errors[1] or nil
  if type(first) ~= "table" then first = nil end
  if not first and type(data) == "table" and type(data.error_key) == "string" then
    first = { code = data.error_key, message = data.message } -- the phone-switch endpoint's error shape
  end
  if not first and type(data) == "table" and type(data.error) == "table" then
    first = data.error -- the v1 API's { "error": { "type", "message" } }
  end
  first = first or {}
  local code = text(first.code) or text(first.type)
  local class, status_text = error_class_for(status, code)
  return nil, new_error(class, {
    http_code = status,
    code = code,
    message = text(first.message) or status_text,
    field = text(first.field),
    request_id = error_list and text(data.request_id) or text(headers["x-request-id"]),
    errors = error_list and data.errors or nil,
    body = body,
    method = method,
    url = url,
    retry_after = finite(tonumber(headers["retry-after"])),
  })
end

return _M
