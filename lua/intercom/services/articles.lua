-- client.articles (the Ruby gem's Service::Article). API 2.15: /articles.
-- The list pages by page number (pages.next is the next page's URL) and asks
-- for the largest page the API allows (250).
local op = require "intercom.operation"
local check = require "intercom.check"

local type = type

local FIELDS = {
  title = "string", description = "string", body = "string", author_id = "id", state = "string",
  parent_id = "id", parent_type = "string", translated_content = "table",
}

local function with(fields, extra)
  local out = {}
  for k, v in pairs(fields) do out[k] = v end
  for k, v in pairs(extra) do out[k] = v end
  return out
end

-- What API 2.15 declares as integers (POST also parent_id; PUT declares it a string).
local INTEGERS = { "author_id", "translated_content.*.author_id" }
local CREATE_INTEGERS = { "author_id", "parent_id", "translated_content.*.author_id" }

local SEARCH_STATES = { "published", "draft", "all" }

local search_list = op.list { "GET /articles/search", paging = "pages", items = "data.articles",
  args = { phrase = "string", state = "string", help_center_id = "id", highlight = "boolean" } }

-- search{ phrase =, state =, help_center_id =, highlight = } or search("phrase"):
-- the matching articles, page after page. Each page also carries
-- data.highlights (see :pages()) when highlight = true.
local function search(svc, where, x)
  if type(x) == "string" then x = { phrase = x } end
  if type(x) == "table" and x.state ~= nil then check.one_of(where, "state", x.state, SEARCH_STATES) end
  return op.invoke(search_list, where, svc, x) -- lazy: nothing is sent yet
end

local delete = op.call { "DELETE /articles/{article_id}", target = "article_id", returns = "target" }

return {
  ops = {
    all = op.list { "GET /articles", paging = "pages", per_page = 250 },
    find = op.call { "GET /articles/{article_id}", target = "article_id", returns = "object!" },
    create = op.call { "POST /articles", needs_args = true,
      args = with(FIELDS, { title = "string!", author_id = "id!" }), integers = CREATE_INTEGERS },
    update = op.call { "PUT /articles/{article_id}", target = "article_id", needs_args = true, args = FIELDS,
      integers = INTEGERS },
    save = op.save { update = "PUT /articles/{id}", create = "POST /articles", integers = INTEGERS },
    delete = delete,
    archive = delete, -- the gem's alias
    search = op.custom(search, { "GET /articles/search" }),
  },
  classes = {
    article = {
      methods = { -- API 2.16: tags on articles
        add_tag = op.call { "POST /articles/{article_id}/tags", self = "article_id",
          args = { id = "id!", admin_id = "id" } },
        remove_tag = op.call { "DELETE /articles/{article_id}/tags/{id}", self = "article_id",
          path_args = { id = "id" } },
      },
    },
  },
}
