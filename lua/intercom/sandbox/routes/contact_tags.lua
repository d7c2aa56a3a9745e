-- /contacts/{id}/tags: attach, detach, list. Attached tags show in the
-- contact's own "tags" list at once (render/people.lua derives it).
local contacts = require "intercom.sandbox.model.contacts"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local USER_NOT_FOUND = "User Not Found" -- nested routes word it this way

local function find_tag(st, id)
  local tag = store.get(st, "tags", id)
  if not tag then reply.not_found("Resource Not Found") end
  return tag
end

local function list(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, USER_NOT_FOUND)
  local data = json.array()
  for _, t in ipairs(rec.tags) do
    local tag = store.get(ctx.st, "tags", t.id)
    if tag then data[#data + 1] = render.tag(tag) end
  end
  return reply.json(200, { type = "list", data = data })
end

local function attach(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, USER_NOT_FOUND)
  local tag = find_tag(ctx.st, input.id(ctx.body, "id", "tag not specified"))
  for _, t in ipairs(rec.tags) do
    if t.id == tag.id then return reply.json(200, render.tag(tag, t)) end -- already tagged
  end
  local applied = { id = tag.id, applied_at = ctx.now, applied_by = ctx.st.me }
  rec.tags[#rec.tags + 1] = applied
  return reply.json(200, render.tag(tag, applied))
end

local function detach(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, USER_NOT_FOUND)
  local tag = find_tag(ctx.st, ctx.params.tag_id)
  for i, t in ipairs(rec.tags) do
    if t.id == tag.id then
      table.remove(rec.tags, i)
      return reply.json(200, render.tag(tag, t))
    end
  end
  return reply.json(200, render.tag(tag))
end

return {
  { "GET /contacts/{id}/tags", list },
  { "POST /contacts/{id}/tags", attach },
  { "DELETE /contacts/{id}/tags/{tag_id}", detach },
}
