-- client.phone_call_redirect (the Ruby gem's Service::PhoneCallRedirect; the
-- API calls it a phone Switch): texts a link to the Messenger to a phone
-- number. API 2.15: POST /phone_call_redirects.
local op = require "intercom.operation"
local check = require "intercom.check"

local pairs = pairs

local post = op.call { "POST /phone_call_redirects", returns = "object!",
  args = { phone = "string!", custom_attributes = "table" } }

-- create{ phone_number = "+353...", custom_attributes = {...} }: the gem's
-- argument is phone_number, but the API reads phone; either name is taken
-- and phone is what is sent.
local function create(svc, where, args)
  check.value(where, "arguments", args, "table!")
  check.args(where, args, { phone_number = "string", phone = "string" })
  if args.phone_number ~= nil and args.phone ~= nil and args.phone_number ~= args.phone then
    check.fail(where, "give phone_number or phone, not two different numbers")
  end
  local body = {}
  for k, v in pairs(args) do
    if k ~= "phone_number" then body[k] = v end
  end
  body.phone = args.phone or args.phone_number
  if body.phone == nil then check.fail(where, "argument 'phone_number' is required (a string)") end
  return op.invoke(post, where, svc, body)
end

return {
  ops = {
    create = op.custom(create, { "POST /phone_call_redirects" }),
    save = op.custom(create, { "POST /phone_call_redirects" }),
  },
}
