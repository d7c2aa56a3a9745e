-- client.tags on a v1 client: tags found by name, made and changed with the
-- users they tag (user_ids or emails, tag_or_untag).
local op = require "intercom.operation"

local ARGS = {
  name = "string!", color = "string", user_ids = "table", emails = "table", tag_or_untag = "string",
}

return {
  ops = {
    find = op.call { "GET /tags", args = { name = "string!" }, needs_args = true, returns = "object!" },
    create = op.call { "POST /tags", args = ARGS, needs_args = true, returns = "object!" },
    update = op.call { "PUT /tags", args = ARGS, needs_args = true, returns = "object!" },
  },
}
