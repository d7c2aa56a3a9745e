-- /news: news items (create, list newest first, find, update, delete) and
-- the seeded newsfeeds they are assigned to. A newsfeed's items are the live
-- ones assigned to it, most recently published first; an assignment gets its
-- published_at when the item goes live.
local content_input = require "intercom.sandbox.model.content_input"
local content_pages = require "intercom.sandbox.search.content_pages"
local fixtures = require "intercom.sandbox.fixtures.content"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local render_news = require "intercom.sandbox.render.news"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local LIMITS = { default = 10, max = 150 }
local STATES = { "draft", "live" }
local FIELDS = { title = true, body = true, sender_id = true, state = true, deliver_silently = true, labels = true,
  reactions = true, newsfeed_assignments = true, cover_image_url = true }
local MAX_REACTIONS = 4

local function find_item(st, id)
  local n = store.get(st, "news_items", id)
  if not n then reply.not_found() end
  return n
end

local function find_feed(st, id)
  local f = store.get(st, "newsfeeds", id)
  if not f then reply.not_found() end
  return f
end

local function assignments(st, body)
  local v = body.newsfeed_assignments
  if json.is_null(v) then return nil end
  if type(v) ~= "table" or (next(v) ~= nil and not json.is_array(v)) then
    reply.invalid("newsfeed_assignments must be an array", "newsfeed_assignments")
  end
  local out = {}
  for i, a in ipairs(v) do
    if not json.is_object(a) then
      reply.invalid("each newsfeed assignment must be an object", "newsfeed_assignments")
    end
    local feed = content_input.id(a, "newsfeed_id")
    if not feed then reply.missing("newsfeed_id is required in each assignment", "newsfeed_assignments") end
    if not store.get(st, "newsfeeds", feed) then
      reply.invalid("newsfeed " .. feed .. " does not exist", "newsfeed_assignments")
    end
    out[i] = { newsfeed_id = feed, published_at = content_input.timestamp(a, "published_at") }
  end
  return out
end

-- Title and sender_id are required on create and on update alike (news_item_request).
local function read(st, body)
  input.object(body)
  content_input.only(body, FIELDS)
  local f = {
    title = content_input.string(body, "title"), body = content_input.string(body, "body"),
    sender_id = content_input.admin_id(st, body, "sender_id"), state = content_input.one_of(body, "state", STATES),
    deliver_silently = content_input.boolean(body, "deliver_silently"),
    labels = content_input.strings(body, "labels"), reactions = content_input.strings(body, "reactions", true),
    newsfeed_assignments = assignments(st, body), cover_image_url = content_input.string(body, "cover_image_url"),
  }
  if not f.title or f.title == "" then reply.missing("title is required", "title") end
  if not f.sender_id then reply.missing("sender_id is required", "sender_id") end
  if f.reactions and #f.reactions > MAX_REACTIONS then
    reply.invalid(("a news item has at most %d reactions"):format(MAX_REACTIONS), "reactions")
  end
  return f
end

-- Going live stamps the assignments not yet published.
local function publish(n, now)
  if n.state ~= "live" then return end
  for _, a in ipairs(n.newsfeed_assignments) do
    if a.published_at == nil then a.published_at = now end
  end
end

local function create(ctx)
  local f = read(ctx.st, ctx.body or {})
  local n = {
    id = store.next_number(ctx.st, "news_item", 1504), title = f.title, body = f.body, sender_id = f.sender_id,
    state = f.state or "draft", deliver_silently = f.deliver_silently or false, labels = f.labels or {},
    reactions = f.reactions or {}, newsfeed_assignments = f.newsfeed_assignments or {},
    cover_image_url = f.cover_image_url, created_at = ctx.now, updated_at = ctx.now,
  }
  publish(n, ctx.now)
  store.add(ctx.st, "news_items", n)
  return reply.json(200, render_news.news_item(ctx.st, n))
end

local function update(ctx)
  local n = find_item(ctx.st, ctx.params.id)
  local f = read(ctx.st, ctx.body or {})
  for k, v in pairs(f) do n[k] = v end
  n.updated_at = ctx.now
  publish(n, ctx.now)
  return reply.json(200, render_news.news_item(ctx.st, n))
end

local function list_items(ctx)
  local records = content_pages.newest_first(store.list(ctx.st, "news_items"), "created_at")
  return reply.json(200, content_pages.list(ctx, records, function(n)
    return render_news.news_item(ctx.st, n)
  end, "/news/news_items", LIMITS))
end

local function show_item(ctx)
  return reply.json(200, render_news.news_item(ctx.st, find_item(ctx.st, ctx.params.id)))
end

local function delete_item(ctx)
  local n = find_item(ctx.st, ctx.params.id)
  store.remove(ctx.st, "news_items", n.id)
  return reply.json(200, { id = n.id, object = "news-item", deleted = true })
end

local function list_feeds(ctx)
  local records = store.list(ctx.st, "newsfeeds")
  return reply.json(200, content_pages.list(ctx, records, render_news.newsfeed, "/news/newsfeeds", LIMITS))
end

local function show_feed(ctx)
  return reply.json(200, render_news.newsfeed(find_feed(ctx.st, ctx.params.id)))
end

local function feed_items(ctx)
  local feed = find_feed(ctx.st, ctx.params.id)
  local published = {}
  local live = store.list(ctx.st, "news_items", function(n)
    if n.state ~= "live" then return false end
    for _, a in ipairs(n.newsfeed_assignments) do
      if a.newsfeed_id == feed.id then
        published[n] = a.published_at or n.updated_at
        return true
      end
    end
    return false
  end)
  table.sort(live, function(a, b)
    if published[a] ~= published[b] then return published[a] > published[b] end
    return a.seq > b.seq
  end)
  return reply.json(200, content_pages.list(ctx, live, function(n)
    return render_news.news_item(ctx.st, n)
  end, "/news/newsfeeds/" .. feed.id .. "/items", LIMITS))
end

local routes = {
  { "GET /news/news_items", list_items },
  { "POST /news/news_items", create },
  { "GET /news/news_items/{id}", show_item },
  { "PUT /news/news_items/{id}", update },
  { "DELETE /news/news_items/{id}", delete_item },
  { "GET /news/newsfeeds", list_feeds },
  { "GET /news/newsfeeds/{id}", show_feed },
  { "GET /news/newsfeeds/{id}/items", feed_items },
}

function routes.seed(st)
  local E, DAY = fixtures.EPOCH, fixtures.DAY
  for _, f in ipairs(fixtures.NEWSFEEDS) do
    store.add(st, "newsfeeds", { id = f.id, name = f.name, created_at = E + f.at * DAY, updated_at = E + f.at * DAY })
  end
  for _, n in ipairs(fixtures.NEWS_ITEMS) do
    local at = E + n.at * DAY
    local assigned = {}
    for i, feed in ipairs(n.feeds) do
      assigned[i] = { newsfeed_id = feed, published_at = n.state == "live" and at + 3600 or nil }
    end
    store.add(st, "news_items", {
      id = n.id, title = n.title, body = n.body, sender_id = n.sender, state = n.state,
      deliver_silently = n.deliver_silently or false, labels = json.copy(n.labels), reactions = json.copy(n.reactions),
      newsfeed_assignments = assigned, cover_image_url = n.cover_image_url, created_at = at, updated_at = at + 3600,
    })
  end
end

return routes
