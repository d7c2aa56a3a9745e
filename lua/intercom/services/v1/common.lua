-- What the v1 services share: a user named by email or user_id.
local check = require "intercom.check"
local op = require "intercom.operation"

local _M = {}

-- The v1 API finds a user by email or user_id: one of them must be given.
function _M.by_user(spec)
  local call = op.call(spec)
  return op.custom(function(svc, where, args)
    check.value(where, "arguments", args, "table!")
    if args.email == nil and args.user_id == nil then check.fail(where, "give an email or a user_id") end
    return op.invoke(call, where, svc, args)
  end, { spec[1] })
end

_M.USER = { email = "string", user_id = "string" }

return _M
