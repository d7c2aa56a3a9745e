-- client.brands: the workspace's brands. API 2.15: /brands.
local op = require "intercom.operation"

return {
  ops = {
    all = op.list { "GET /brands" },
    find = op.call { "GET /brands/{id}", target = "id", returns = "object!" },
  },
}
