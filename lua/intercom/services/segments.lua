-- client.segments (the Ruby gem's Service::Segment). API 2.15: /segments.
-- include_count = true adds each segment's member count.
local op = require "intercom.operation"

return {
  ops = {
    all = op.list { "GET /segments", args = { include_count = "boolean" } },
    find = op.call { "GET /segments/{segment_id}", target = "segment_id", args = { include_count = "boolean" },
      returns = "object!" },
  },
}
