-- /help_center/sections (API 2.10 and older): a section is a collection inside
-- a top-level collection, shown in the old shape. These routes answer only a
-- request whose Intercom-Version is 1.x or 2.0 to 2.10; any other version, or
-- none (the sandbox's default version is 2.15), gets 404 as from the API today.
local content_input = require "intercom.sandbox.model.content_input"
local content_pages = require "intercom.sandbox.search.content_pages"
local input = require "intercom.sandbox.server.input"
local legacy = require "intercom.sandbox.server.legacy"
local model = require "intercom.sandbox.model.help_center"
local render_help_center = require "intercom.sandbox.render.help_center"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local LIMITS = { default = 20, max = 150 }

-- Sub-collections replaced sections after API 2.10.
local function gate(ctx)
  if not legacy.at_most(ctx, 2, 10) then reply.not_found() end
end

local function is_section(c)
  return c.parent_id ~= nil
end

local function find(st, id)
  local c = store.get(st, "collections", id)
  if not c or not is_section(c) then reply.not_found() end
  return c
end

-- A section's parent must be a top-level collection.
local function parent(st, body)
  local p = model.parent(st, body)
  if p and p.parent_id ~= nil then reply.invalid("parent_id must be a collection, not a section", "parent_id") end
  return p
end

local function list(ctx)
  gate(ctx)
  local records = content_pages.newest_first(store.list(ctx.st, "collections", is_section))
  return reply.json(200, content_pages.list(ctx, records, function(c)
    return render_help_center.section(ctx.st, c)
  end, "/help_center/sections", LIMITS))
end

local function show(ctx)
  gate(ctx)
  return reply.json(200, render_help_center.section(ctx.st, find(ctx.st, ctx.params.id)))
end

local function create(ctx)
  gate(ctx)
  local body = input.object(ctx.body)
  content_input.only(body, { name = true, parent_id = true, translated_content = true })
  local p = parent(ctx.st, body)
  if not p then reply.invalid("Parent ID can't be nil", "parent_id") end -- API 2.6's answer
  local c = model.create_collection(ctx.st, {
    name = content_input.string(body, "name"), parent = p, translations = model.group_translations(body),
  }, ctx.now)
  return reply.json(200, render_help_center.section(ctx.st, c))
end

local function update(ctx)
  gate(ctx)
  local c = find(ctx.st, ctx.params.id)
  local body = input.object(ctx.body)
  content_input.only(body, { name = true, parent_id = true, translated_content = true })
  model.update_collection(ctx.st, c, {
    name = content_input.string(body, "name"), parent = parent(ctx.st, body),
    translations = model.group_translations(body),
  }, ctx.now)
  return reply.json(200, render_help_center.section(ctx.st, c))
end

local function delete(ctx)
  gate(ctx)
  local c = find(ctx.st, ctx.params.id)
  model.delete_collection(ctx.st, c)
  return reply.json(200, render_help_center.deleted("section", c.id))
end

return {
  { "GET /help_center/sections", list },
  { "POST /help_center/sections", create },
  { "GET /help_center/sections/{id}", show },
  { "PUT /help_center/sections/{id}", update },
  { "DELETE /help_center/sections/{id}", delete },
}
