-- client.subscription_types (the Ruby gem's Service::SubscriptionType). API
-- 2.15 lists them (GET /subscription_types); find and delete are the gem's
-- calls on /subscription_types/{id}, which no documented version lists.
local op = require "intercom.operation"

return {
  ops = {
    all = op.list { "GET /subscription_types" },
    find_all = op.list { "GET /subscription_types" },
    find = op.call { "GET /subscription_types/{id}", target = "id", returns = "object!" },
    delete = op.call { "DELETE /subscription_types/{id}", target = "id", returns = "target" },
    archive = op.call { "DELETE /subscription_types/{id}", target = "id", returns = "target" },
  },
}
