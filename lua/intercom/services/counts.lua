-- client.counts (the Ruby gem's Service::Counts): GET /counts, an API 1.x
-- endpoint (use a client with api_version = "1.4", or none).
--   client.counts:for_app()                                  -- company, segment, tag, user, lead totals
--   client.counts:for_type{ type = "user", count = "tag" }   -- users per tag
local op = require "intercom.operation"

return {
  ops = {
    for_app = op.call { "GET /counts", returns = "object!" },
    for_type = op.call { "GET /counts", args = { type = "string!", count = "string" }, needs_args = true,
      returns = "object!" },
    find = op.call { "GET /counts", returns = "object!" },
  },
}
