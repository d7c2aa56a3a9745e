-- /articles: Help Center articles. Create, list (most recently updated first,
-- page numbers with a next URL), find, update, delete, and search by phrase
-- (search/articles.lua). An article sits in a collection (parent_id) or stands
-- alone; its help center is its collection's.
local article_search = require "intercom.sandbox.search.articles"
local content_input = require "intercom.sandbox.model.content_input"
local content_pages = require "intercom.sandbox.search.content_pages"
local fixtures = require "intercom.sandbox.fixtures.content"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local model = require "intercom.sandbox.model.help_center"
local render_help_center = require "intercom.sandbox.render.help_center"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local LIMITS = { default = 25, max = 250 }
local SEARCH_LIMITS = { default = 10, max = 50 }
local STATES = { "published", "draft" }
local DEFAULT = render_help_center.DEFAULT_LOCALE
local FIELDS = { title = true, description = true, body = true, author_id = true, state = true, parent_id = true,
  parent_type = true, translated_content = true }

local function find(st, id)
  local a = store.get(st, "articles", id)
  if not a then reply.not_found() end
  return a
end

local function full(st, a)
  return render_help_center.article(st, a, { statistics = true })
end

-- article_translated_content: { <locale> = article_content }. Fields the API
-- derives (url, dates, type) are ignored when sent back.
local function translations(st, body)
  return content_input.translations(body, function(content)
    return {
      title = content_input.string(content, "title"), description = content_input.string(content, "description"),
      body = content_input.string(content, "body"), author_id = content_input.admin_id(st, content, "author_id"),
      state = content_input.one_of(content, "state", STATES),
    }
  end)
end

-- The collection the body puts the article in: nil (not said), false (none).
local function parent(st, body)
  local parent_type = content_input.string(body, "parent_type")
  if parent_type and parent_type ~= "collection" then
    reply.invalid("parent_type must be 'collection'", "parent_type")
  end
  if body.parent_id == nil then return nil end
  if json.is_null(body.parent_id) then return false end
  return model.parent(st, body)
end

-- Locales other than the default keep their own content; the default one
-- is the article's own fields.
local function apply(a, changes, translated, now)
  local default = translated and translated[DEFAULT] or {}
  for _, k in ipairs({ "title", "description", "body", "author_id", "state" }) do
    local v = changes[k]
    if v == nil then v = default[k] end
    if v ~= nil then a[k] = v end
  end
  for locale, t in pairs(translated or {}) do
    if locale ~= DEFAULT then
      a.translations = a.translations or {}
      local old = a.translations[locale] or { created_at = now, author_id = a.author_id, state = "draft" }
      for k, v in pairs(t) do old[k] = v end
      old.updated_at = now
      a.translations[locale] = old
    end
  end
  a.updated_at = now
end

local function changes_from(st, body)
  return {
    title = content_input.string(body, "title"), description = content_input.string(body, "description"),
    body = content_input.string(body, "body"), author_id = content_input.admin_id(st, body, "author_id"),
    state = content_input.one_of(body, "state", STATES),
  }
end

local function create(ctx)
  local st = ctx.st
  local body = input.object(ctx.body)
  content_input.only(body, FIELDS)
  local a = { id = store.next_number(st, "article", 7208), state = "draft", created_at = ctx.now,
    stats = { views = 0, conversions = 0, reactions = { 0, 0, 0 } } }
  local p = parent(st, body)
  apply(a, changes_from(st, body), translations(st, body), ctx.now)
  if type(a.title) ~= "string" or a.title == "" then
    reply.missing("title must be in the main body or in the default locale's translated_content", "title")
  end
  if a.author_id == nil then
    reply.missing("author_id must be in the main body or in the default locale's translated_content", "author_id")
  end
  a.parent_id = p and p.id or nil
  store.add(st, "articles", a)
  return reply.json(200, full(st, a))
end

local function update(ctx)
  local st = ctx.st
  local a = find(st, ctx.params.id)
  local body = input.object(ctx.body)
  content_input.only(body, FIELDS)
  local p = parent(st, body)
  local changes = changes_from(st, body)
  if changes.title == "" then reply.invalid("title cannot be empty", "title") end
  apply(a, changes, translations(st, body), ctx.now)
  if p ~= nil then a.parent_id = p and p.id or nil end
  return reply.json(200, full(st, a))
end

local function list(ctx)
  local records = content_pages.newest_first(store.list(ctx.st, "articles"))
  return reply.json(200, content_pages.list(ctx, records, function(a)
    return render_help_center.article(ctx.st, a)
  end, "/articles", LIMITS))
end

local function show(ctx)
  return reply.json(200, full(ctx.st, find(ctx.st, ctx.params.id)))
end

local function delete(ctx)
  local a = find(ctx.st, ctx.params.id)
  store.remove(ctx.st, "articles", a.id)
  return reply.json(200, render_help_center.deleted("article", a.id))
end

local function search(ctx)
  local st, q = ctx.st, ctx.query
  local phrase = type(q.phrase) == "string" and q.phrase or nil
  local state = q.state or "all"
  if state ~= "all" and state ~= "published" and state ~= "draft" then
    reply.invalid("state must be one of published, draft, all", "state")
  end
  local help_center
  if q.help_center_id and q.help_center_id ~= "" then
    help_center = store.get(st, "help_centers", q.help_center_id)
    if not help_center then reply.invalid("help_center_id does not match a help center", "help_center_id") end
  end
  local ranks = {}
  local found = store.list(st, "articles", function(a)
    if state ~= "all" and a.state ~= state then return false end
    if help_center and render_help_center.article_help_center(st, a).id ~= help_center.id then return false end
    ranks[a] = article_search.rank(a, phrase)
    return ranks[a] ~= nil
  end)
  content_pages.newest_first(found)
  local order = {}
  for i, a in ipairs(found) do order[a] = i end
  table.sort(found, function(x, y)
    if ranks[x] ~= ranks[y] then return ranks[x] > ranks[y] end
    return order[x] < order[y]
  end)
  local page, pages, total = content_pages.page(ctx, found, "/articles/search", SEARCH_LIMITS)
  local articles, highlights = json.array(), json.array()
  for i, a in ipairs(page) do
    articles[i] = full(st, a)
    if q.highlight == "true" then highlights[i] = article_search.highlight(a, phrase) end
  end
  return reply.json(200, { type = "list", total_count = total, pages = pages,
    data = { articles = articles, highlights = highlights } })
end

local routes = {
  { "GET /articles", list },
  { "POST /articles", create },
  { "GET /articles/search", search },
  { "GET /articles/{id}", show },
  { "PUT /articles/{id}", update },
  { "DELETE /articles/{id}", delete },
}

function routes.seed(st)
  local E, DAY = fixtures.EPOCH, fixtures.DAY
  for _, a in ipairs(fixtures.ARTICLES) do
    store.add(st, "articles", {
      id = a.id, title = a.title, description = a.description, body = a.body, author_id = a.author,
      state = a.state, parent_id = a.parent, created_at = E + a.at * DAY, updated_at = E + (a.at + 3) * DAY,
      stats = { views = a.views or 0, conversions = a.views and math.floor(a.views / 40) or 0,
        reactions = a.reactions or { 0, 0, 0 } },
    })
  end
end

return routes
