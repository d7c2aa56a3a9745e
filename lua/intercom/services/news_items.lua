-- client.news_items: news items. API 2.15: /news/news_items. The API wants
-- title and sender_id in every update, so save always sends them.
local op = require "intercom.operation"

local FIELDS = {
  title = "string!", sender_id = "id!", body = "string", state = "string", deliver_silently = "boolean",
  labels = "table", reactions = "table", newsfeed_assignments = "table", cover_image_url = "string",
}

-- Integers in API 2.15: the sender (an admin id) and each newsfeed's id.
local INTEGERS = { "sender_id", "newsfeed_assignments.*.newsfeed_id" }

local delete = op.call { "DELETE /news/news_items/{news_item_id}", target = "news_item_id", returns = "target" }

return {
  ops = {
    all = op.list { "GET /news/news_items", paging = "pages", per_page = 150 },
    find = op.call { "GET /news/news_items/{news_item_id}", target = "news_item_id", returns = "object!" },
    create = op.call { "POST /news/news_items", needs_args = true, args = FIELDS, integers = INTEGERS },
    update = op.call { "PUT /news/news_items/{news_item_id}", target = "news_item_id", needs_args = true,
      args = FIELDS, integers = INTEGERS },
    save = op.save { update = "PUT /news/news_items/{id}", create = "POST /news/news_items",
      identity = { "title", "sender_id" }, integers = INTEGERS },
    delete = delete,
  },
}
