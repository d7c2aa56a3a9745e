-- /help_center/collections: create, list (most recently updated first, page
-- numbers with a next URL), find, update, delete. Collections nest through
-- parent_id; the legacy /help_center/sections routes show the nested ones.
local content_input = require "intercom.sandbox.model.content_input"
local content_pages = require "intercom.sandbox.search.content_pages"
local fixtures = require "intercom.sandbox.fixtures.content"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local model = require "intercom.sandbox.model.help_center"
local render_help_center = require "intercom.sandbox.render.help_center"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local LIMITS = { default = 20, max = 150 }

local function render(st)
  return function(c) return render_help_center.collection(st, c) end
end

local function list(ctx)
  local records = content_pages.newest_first(store.list(ctx.st, "collections"))
  return reply.json(200, content_pages.list(ctx, records, render(ctx.st), "/help_center/collections", LIMITS))
end

local function show(ctx)
  return reply.json(200, render_help_center.collection(ctx.st, model.find_collection(ctx.st, ctx.params.id)))
end

local function create(ctx)
  local body = input.object(ctx.body)
  content_input.only(body, { name = true, description = true, parent_id = true, help_center_id = true,
    translated_content = true })
  local help_center_id = content_input.id(body, "help_center_id")
  if help_center_id and not store.get(ctx.st, "help_centers", help_center_id) then
    reply.invalid("help_center_id does not match a help center", "help_center_id")
  end
  local parent = model.parent(ctx.st, body)
  if parent and help_center_id and parent.help_center_id ~= help_center_id then
    reply.invalid("the parent collection is in another help center", "parent_id")
  end
  local c = model.create_collection(ctx.st, {
    name = content_input.string(body, "name"), description = content_input.string(body, "description"),
    parent = parent, help_center_id = help_center_id, translations = model.group_translations(body),
  }, ctx.now)
  return reply.json(200, render_help_center.collection(ctx.st, c))
end

local function update(ctx)
  local c = model.find_collection(ctx.st, ctx.params.id)
  local body = input.object(ctx.body)
  content_input.only(body, { name = true, description = true, parent_id = true, translated_content = true })
  local parent
  if body.parent_id ~= nil then parent = json.is_null(body.parent_id) and false or model.parent(ctx.st, body) end
  model.update_collection(ctx.st, c, {
    name = content_input.string(body, "name"), description = content_input.string(body, "description"),
    parent = parent, translations = model.group_translations(body),
  }, ctx.now)
  return reply.json(200, render_help_center.collection(ctx.st, c))
end

local function delete(ctx)
  local c = model.find_collection(ctx.st, ctx.params.id)
  model.delete_collection(ctx.st, c)
  return reply.json(200, render_help_center.deleted("collection", c.id))
end

local routes = {
  { "GET /help_center/collections", list },
  { "POST /help_center/collections", create },
  { "GET /help_center/collections/{id}", show },
  { "PUT /help_center/collections/{id}", update },
  { "DELETE /help_center/collections/{id}", delete },
}

function routes.seed(st)
  local E, DAY = fixtures.EPOCH, fixtures.DAY
  for _, c in ipairs(fixtures.COLLECTIONS) do
    store.add(st, "collections", {
      id = c.id, name = c.name, description = c.description, icon = c.icon, order = c.order,
      parent_id = c.parent, help_center_id = c.help_center, created_at = E + c.at * DAY,
      updated_at = E + (c.at + 2) * DAY,
    })
  end
end

return routes
