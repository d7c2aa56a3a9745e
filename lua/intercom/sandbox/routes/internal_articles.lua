-- /internal_articles: articles for teammates only. Create, list (most recently
-- updated first, page numbers with a next URL), find, update, delete, and
-- search, which in 2.15 filters by folder (seeded articles sit in folders 55
-- and 56; the API of 2.15 cannot put new ones in a folder).
local content_input = require "intercom.sandbox.model.content_input"
local content_pages = require "intercom.sandbox.search.content_pages"
local fixtures = require "intercom.sandbox.fixtures.content"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local render_help_center = require "intercom.sandbox.render.help_center"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local LIMITS = { default = 50, max = 150 }
local FIELDS = { title = true, body = true, author_id = true, owner_id = true }

local function find(st, id)
  local a = store.get(st, "internal_articles", id)
  if not a then reply.not_found() end
  return a
end

local function read(st, body)
  input.object(body)
  content_input.only(body, FIELDS)
  return {
    title = content_input.string(body, "title"), body = content_input.string(body, "body"),
    author_id = content_input.admin_id(st, body, "author_id"), owner_id = content_input.admin_id(st, body, "owner_id"),
  }
end

local function create(ctx)
  local f = read(ctx.st, ctx.body or {})
  if not f.title or f.title == "" then reply.missing("title is required", "title") end
  if not f.author_id then reply.missing("author_id is required", "author_id") end
  if not f.owner_id then reply.missing("owner_id is required", "owner_id") end
  local a = store.add(ctx.st, "internal_articles", {
    id = store.next_number(ctx.st, "internal_article", 9304), title = f.title, body = f.body,
    author_id = f.author_id, owner_id = f.owner_id, created_at = ctx.now, updated_at = ctx.now,
  })
  return reply.json(200, render_help_center.internal_article(a))
end

local function update(ctx)
  local a = find(ctx.st, ctx.params.id)
  local f = read(ctx.st, ctx.body or {})
  if f.title == "" then reply.invalid("title cannot be empty", "title") end
  for k, v in pairs(f) do a[k] = v end
  a.updated_at = ctx.now
  return reply.json(200, render_help_center.internal_article(a))
end

local function list(ctx)
  local records = content_pages.newest_first(store.list(ctx.st, "internal_articles"))
  return reply.json(200, content_pages.list(ctx, records, render_help_center.internal_article,
    "/internal_articles", LIMITS))
end

local function show(ctx)
  return reply.json(200, render_help_center.internal_article(find(ctx.st, ctx.params.id)))
end

local function delete(ctx)
  local a = find(ctx.st, ctx.params.id)
  store.remove(ctx.st, "internal_articles", a.id)
  return reply.json(200, render_help_center.deleted("internal_article", a.id))
end

local function search(ctx)
  local folder = ctx.query.folder_id
  if folder == "" then folder = nil end
  local found = content_pages.newest_first(store.list(ctx.st, "internal_articles", function(a)
    return folder == nil or a.folder_id == folder
  end))
  local page, pages, total = content_pages.page(ctx, found, "/internal_articles/search", { default = 10, max = 50 })
  local items = json.array()
  for i, a in ipairs(page) do items[i] = render_help_center.internal_article(a) end
  return reply.json(200, { type = "list", total_count = total, pages = pages,
    data = { internal_articles = items } })
end

local routes = {
  { "GET /internal_articles", list },
  { "POST /internal_articles", create },
  { "GET /internal_articles/search", search },
  { "GET /internal_articles/{id}", show },
  { "PUT /internal_articles/{id}", update },
  { "DELETE /internal_articles/{id}", delete },
}

function routes.seed(st)
  local E, DAY = fixtures.EPOCH, fixtures.DAY
  for _, a in ipairs(fixtures.INTERNAL_ARTICLES) do
    store.add(st, "internal_articles", {
      id = a.id, title = a.title, body = a.body, author_id = a.author, owner_id = a.owner, folder_id = a.folder,
      created_at = E + a.at * DAY, updated_at = E + (a.at + 1) * DAY,
    })
  end
end

return routes
