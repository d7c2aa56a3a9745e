-- client.users on a client made with api_version = "v1": the original API's
-- users (/v1/users), found by email or user_id, paged by page number.
local op = require "intercom.operation"
local common = require "intercom.services.v1.common"

local ARGS = {
  email = "string", user_id = "string", name = "string", created_at = "integer", custom_data = "table",
  last_seen_ip = "string", last_seen_user_agent = "string", unsubscribed_from_emails = "boolean",
}

return {
  ops = {
    -- all{ page =, per_page =, tag_id =, tag_name = }: a lazy collection, page by page
    all = op.list { "GET /users", paging = "v1", items = "users", per_page = 500,
      args = { page = "integer", per_page = "integer", tag_id = "string", tag_name = "string" } },
    find = common.by_user { "GET /users", args = common.USER, returns = "object!" },
    create = common.by_user { "POST /users", args = ARGS, returns = "object!" },
    update = common.by_user { "PUT /users", args = ARGS, returns = "object!" },
    delete = common.by_user { "DELETE /users", args = common.USER, returns = "object!" },
  },
}
