-- client.subscription_types (the Ruby gem's Service::SubscriptionType). API
-- 2.15 (and 2.6) list them: GET /subscription_types, one short page. The gem's
-- find calls GET /subscription_types/{id}, which no documented API version
-- has, so find picks the type out of the list instead. delete (archive) stays
-- the gem's DELETE /subscription_types/{id}: it too is in no documented
-- version, and there is nothing documented to replace it with.
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"

local type, tostring, error = type, tostring, error

local list = op.list { "GET /subscription_types" }

-- find(id), find{ id = } or find(object): the subscription type with that id.
local function find(svc, where, x)
  local id = x
  if core.is_resource(x) then
    id = x.id
  elseif type(x) == "table" then
    id = x.id
  end
  if not check.is_id(id) then
    check.fail(where, "argument 'id' must be a non-empty string or integer id, got " .. check.describe(id))
  end
  id = tostring(id)
  for s in op.invoke(list, where, svc) do
    if tostring(s.id) == id then return s end
  end
  error(core.error("ResourceNotFound", { message = where .. ": no subscription type has id " .. id,
    code = "not_found" }), 0)
end

return {
  ops = {
    all = op.list { "GET /subscription_types" },
    find_all = op.list { "GET /subscription_types" },
    find = op.custom(find, { "GET /subscription_types" }),
    delete = op.call { "DELETE /subscription_types/{id}", target = "id", returns = "target" },
    archive = op.call { "DELETE /subscription_types/{id}", target = "id", returns = "target" },
  },
}
