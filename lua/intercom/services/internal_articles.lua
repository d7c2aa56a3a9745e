-- client.internal_articles: articles for teammates only, in the style of
-- client.articles. API 2.15: /internal_articles.
local op = require "intercom.operation"


local INTEGERS = { "author_id", "owner_id" } -- admin ids, integers in API 2.15

local delete = op.call { "DELETE /internal_articles/{internal_article_id}", target = "internal_article_id",
  returns = "target" }

return {
  ops = {
    all = op.list { "GET /internal_articles", paging = "pages", per_page = 150 },
    find = op.call { "GET /internal_articles/{internal_article_id}", target = "internal_article_id",
      returns = "object!" },
    create = op.call { "POST /internal_articles", needs_args = true,
      args = { title = "string!", body = "string", author_id = "id!", owner_id = "id!" }, integers = INTEGERS },
    update = op.call { "PUT /internal_articles/{internal_article_id}", target = "internal_article_id",
      needs_args = true, args = { title = "string", body = "string", author_id = "id", owner_id = "id" },
      integers = INTEGERS },
    save = op.save { update = "PUT /internal_articles/{id}", create = "POST /internal_articles",
      integers = INTEGERS },
    delete = delete,
    archive = delete, -- as for articles
    -- search{ folder_id = ... }: the internal articles in a folder, page after page
    search = op.list { "GET /internal_articles/search", paging = "pages", items = "data.internal_articles",
      args = { folder_id = "id" } },
  },
  classes = {
    internal_article = {
      methods = { -- API 2.16: tags on internal articles
        add_tag = op.call { "POST /internal_articles/{internal_article_id}/tags", self = "internal_article_id",
          args = { id = "id!", admin_id = "id" } },
        remove_tag = op.call { "DELETE /internal_articles/{internal_article_id}/tags/{id}",
          self = "internal_article_id", path_args = { id = "id" } },
      },
    },
  },
}
