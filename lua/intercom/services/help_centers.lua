-- client.help_centers: the workspace's help centers (read only).
-- API 2.15: /help_center/help_centers.
local op = require "intercom.operation"

return {
  ops = {
    all = op.list { "GET /help_center/help_centers" },
    find = op.call { "GET /help_center/help_centers/{help_center_id}", target = "help_center_id",
      returns = "object!" },
  },
}
