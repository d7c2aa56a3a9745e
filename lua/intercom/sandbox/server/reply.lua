-- Building responses: JSON bodies, error.list bodies, and a structured
-- failure that any route can raise from deep inside validation code.
local json = require "intercom.sandbox.server.json"

local _M = {}

_M.CONTENT_TYPE = "application/json; charset=utf-8"

-- The error code the API uses for a bare status (faults without a code).
_M.DEFAULT_CODE = {
  [400] = "bad_request", [401] = "unauthorized", [403] = "forbidden", [404] = "not_found",
  [405] = "method_not_allowed", [408] = "request_timeout", [409] = "conflict", [410] = "gone",
  [413] = "request_too_large", [415] = "unsupported_media_type", [422] = "unprocessable_entity",
  [429] = "rate_limit_exceeded", [500] = "server_error", [502] = "bad_gateway",
  [503] = "service_unavailable", [504] = "gateway_timeout",
}

_M.DEFAULT_MESSAGE = {
  [400] = "Bad Request", [401] = "Access Token Invalid", [403] = "Forbidden",
  [404] = "Resource Not Found", [408] = "Request Timeout", [409] = "Conflict",
  [413] = "Request body is too large", [422] = "Unprocessable Entity",
  [429] = "Rate limit exceeded", [500] = "Internal Server Error", [502] = "Bad Gateway",
  [503] = "Service Unavailable", [504] = "Gateway Timeout",
}

local FAILURE = {} -- metatable marking a raised failure

function _M.json(status, value, headers)
  return { status = status, headers = headers or {}, value = value }
end

function _M.error_value(code, message, field)
  local e = { code = code, message = message or json.null }
  if field ~= nil then e.field = field end
  return { type = "error.list", errors = json.array { e } }
end

function _M.error(status, code, message, field, headers)
  return _M.json(status, _M.error_value(code or _M.DEFAULT_CODE[status] or "client_error",
    message or _M.DEFAULT_MESSAGE[status], field), headers)
end

-- Raises a failure that app.handle turns into an error.list response.
function _M.fail(status, code, message, field)
  error(setmetatable({ response = _M.error(status, code, message, field) }, FAILURE), 0)
end

-- Raises a failure that answers with the given response (the v1 API's own error shape).
function _M.fail_with(response)
  error(setmetatable({ response = response }, FAILURE), 0)
end

function _M.is_failure(e)
  return getmetatable(e) == FAILURE
end

-- Commonly raised failures, worded like the API.
function _M.not_found(message, code)
  _M.fail(404, code or "not_found", message or "Resource Not Found")
end

function _M.invalid(message, field)
  _M.fail(400, "parameter_invalid", message, field)
end

function _M.missing(message, field)
  _M.fail(400, "parameter_not_found", message, field)
end

return _M
