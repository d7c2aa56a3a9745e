-- client.newsfeeds: the newsfeeds news items are published to, and the live
-- items of each (also newsfeed:items()). API 2.15: /news/newsfeeds.
local op = require "intercom.operation"

return {
  ops = {
    all = op.list { "GET /news/newsfeeds", paging = "pages", per_page = 150 },
    find = op.call { "GET /news/newsfeeds/{newsfeed_id}", target = "newsfeed_id", returns = "object!" },
    items = op.list { "GET /news/newsfeeds/{newsfeed_id}/items", target = "newsfeed_id", paging = "pages",
      per_page = 150 },
  },
  classes = {
    newsfeed = {
      methods = {
        items = op.list { "GET /news/newsfeeds/{newsfeed_id}/items", self = "newsfeed_id", paging = "pages",
          per_page = 150 },
      },
    },
  },
}
