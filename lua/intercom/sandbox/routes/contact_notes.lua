-- /contacts/{id}/notes: create and list (newest first, cursor pages).
local contacts = require "intercom.sandbox.model.contacts"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local paging = require "intercom.sandbox.search.paging"
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local NEWEST_FIRST = { seq_descending = true }

local function create(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, "User Not Found")
  local body = input.object(ctx.body)
  local text = input.string(body, "body", true)
  local author_id = ctx.st.me
  if not json.is_null(body.admin_id) then
    author_id = input.id(body, "admin_id")
    if not store.get(ctx.st, "admins", author_id) then reply.not_found("Resource Not Found") end
  end
  local note = store.add(ctx.st, "notes", {
    id = store.next_number(ctx.st, "note", 1001), body = text, contact_id = rec.id,
    author_id = author_id, created_at = ctx.now,
  })
  rec.notes[#rec.notes + 1] = note.id
  return reply.json(200, render.note(ctx.st, note))
end

local function list(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, "User Not Found")
  local notes = {}
  for _, id in ipairs(rec.notes) do notes[#notes + 1] = store.get(ctx.st, "notes", id) end
  local key_of = function(n) return { s = n.seq } end
  paging.sort(notes, NEWEST_FIRST, key_of)
  local per_page = paging.per_page(ctx.query.per_page)
  local page, pages, total = paging.cursor_page(notes, NEWEST_FIRST, key_of, per_page, ctx.query.starting_after)
  local data = json.array()
  for i, n in ipairs(page) do data[i] = render.note(ctx.st, n) end
  return reply.json(200, { type = "list", data = data, total_count = total, pages = pages })
end

return {
  { "POST /contacts/{id}/notes", create },
  { "GET /contacts/{id}/notes", list },
}
