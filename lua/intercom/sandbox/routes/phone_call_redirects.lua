-- POST /phone_call_redirects (a phone Switch): "texts" the caller a link to
-- the Messenger. The number must be in E.164 form; custom_attributes are added
-- to the contact with that phone number, when there is one. As on the API, a
-- number that cannot be texted answers 400 with { error_key, message }, not
-- an error.list.
local ids = require "intercom.sandbox.model.ids"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

-- Reserved for fiction (ITU/Ofcom drama ranges): the SMS provider refuses them.
local UNDELIVERABLE = { "^%+1555", "^%+4477009" }

local function create(ctx)
  local body = ctx.body
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  if json.is_null(body.phone) then reply.missing("phone is required", "phone") end
  if type(body.phone) ~= "string" or not body.phone:match("^%+[1-9]%d%d%d%d%d%d+$") or #body.phone > 16 then
    return reply.json(400, { error_key = "invalid_phone_number", message = "Invalid phone number" })
  end
  for _, pattern in ipairs(UNDELIVERABLE) do
    if body.phone:match(pattern) then
      return reply.json(400, { error_key = "sms_failed", message = "SMS was not sent due to an unknown error" })
    end
  end
  if not json.is_null(body.custom_attributes) then
    if not json.is_object(body.custom_attributes) then
      reply.invalid("custom_attributes must be an object", "custom_attributes")
    end
    for _, rec in ipairs(store.list(ctx.st, "contacts", function(c) return c.fields.phone == body.phone end)) do
      for k, v in pairs(body.custom_attributes) do rec.fields.custom_attributes[k] = v end
      rec.fields.updated_at = ctx.now
    end
  end
  return reply.json(200, { type = "phone_call_redirect", phone = body.phone,
    url = "https://via.intercom.io/msgr/" .. ids.request_id() })
end

return {
  { "POST /phone_call_redirects", create },
}
