-- The body of a DELETE request: the app decodes bodies of POST, PUT and
-- PATCH only, but the API documents one for detaching tags and contacts
-- ({"admin_id": ...}). The admin_id may also come in the query.
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"

return function(ctx)
  local raw = ctx.req.body
  local body
  if raw and raw:find("%S") then
    body = json.decode(raw)
    if body == nil then reply.fail(400, "bad_request", "The request body is not valid JSON") end
  end
  body = input.object(body)
  if body.admin_id == nil and ctx.query.admin_id ~= nil then body.admin_id = ctx.query.admin_id end
  return body
end
