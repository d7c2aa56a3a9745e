-- increment(key, by) / decrement(key, by) on objects with custom attributes
-- (contacts, companies, users, visitors), as in the Ruby gem: the change is
-- local and the next save sends it. The API has no atomic increment.
local op = require "intercom.operation"
local check = require "intercom.check"

local type = type

local function bump(sign)
  return op.custom(function(obj, where, key, by)
    check.value(where, "key", key, "string!")
    check.value(where, "by", by, "number")
    local attributes = obj.custom_attributes
    local current = attributes[key]
    if current ~= nil and type(current) ~= "number" then
      check.fail(where, ("custom attribute '%s' is %s, not a number"):format(key, check.describe(current)))
    end
    attributes[key] = (current or 0) + sign * (by or 1)
    return obj
  end)
end

return { increment = bump(1), decrement = bump(-1) }
