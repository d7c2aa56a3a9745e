-- Reading request bodies: the checks every nested route repeats.
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"

local _M = {}

-- The body as an object ({} when the request had none).
function _M.object(body)
  if body == nil then return {} end
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  return body
end

-- An id from the body; the API accepts numbers (its examples send {"id": 81}).
function _M.id(body, name, message)
  local v = _M.object(body)[name]
  if type(v) == "number" and v == math.floor(v) then return string.format("%d", v) end
  if type(v) ~= "string" or v == "" then reply.missing(message or (name .. " not specified"), name) end
  return v
end

function _M.string(body, name, required)
  local v = _M.object(body)[name]
  if json.is_null(v) then
    if required then reply.missing(name .. " is required", name) end
    return nil
  end
  if type(v) ~= "string" then reply.invalid(name .. " must be a string", name) end
  return v
end

return _M
