-- client.subscriptions (the Ruby gem's Service::Subscription): webhook
-- subscriptions through the v1 API (api_version = "1.4", or none); API 2.x
-- configures webhooks in the Developer Hub instead.
local op = require "intercom.operation"

return {
  ops = {
    all = op.list { "GET /subscriptions", items = "items" },
    find_all = op.list { "GET /subscriptions", items = "items" },
    find = op.call { "GET /subscriptions/{id}", target = "id", returns = "object!" },
    create = op.call { "POST /subscriptions", needs_args = true, args = { url = "string!", topics = "table!" } },
    save = op.save { update = "PUT /subscriptions/{id}", create = "POST /subscriptions" },
    delete = op.call { "DELETE /subscriptions/{id}", target = "id", returns = "target" },
    archive = op.call { "DELETE /subscriptions/{id}", target = "id", returns = "target" },
  },
}
