-- /contacts: create, find, update, delete, archive, list, search, merge.
local contact_search = require "intercom.sandbox.search.contacts"
local contacts = require "intercom.sandbox.model.contacts"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local paging = require "intercom.sandbox.search.paging"
local query = require "intercom.sandbox.search.query"
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local CREATION_ORDER = { seq_descending = false }

local function seq_key(rec) return { s = rec.seq } end

local function list(ctx)
  local recs = store.list(ctx.st, "contacts", function(rec) return not rec.archived end)
  local per_page = paging.per_page(ctx.query.per_page)
  local page, pages, total = paging.cursor_page(recs, CREATION_ORDER, seq_key, per_page, ctx.query.starting_after)
  local data = json.array()
  for i, rec in ipairs(page) do data[i] = render.contact(ctx.st, rec) end
  return reply.json(200, { type = "list", data = data, total_count = total, pages = pages })
end

local function create(ctx)
  return reply.json(200, render.contact(ctx.st, contacts.create(ctx.st, ctx.body, ctx.now)))
end

local function show(ctx)
  return reply.json(200, render.contact(ctx.st, contacts.find(ctx.st, ctx.params.id)))
end

local function update(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id)
  return reply.json(200, render.contact(ctx.st, contacts.update(ctx.st, rec, ctx.body, ctx.now)))
end

local function delete(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id)
  contacts.remove(ctx.st, rec)
  return reply.json(200, render.contact_ref(rec, "deleted", true))
end

local function archive(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id)
  rec.archived = true
  return reply.json(200, render.contact_ref(rec, "archived", true))
end

-- Blocking also archives the contact, as the API describes.
local function block(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id)
  rec.blocked = true
  rec.archived = true
  return reply.json(200, render.contact_ref(rec, "blocked", true))
end

local function unarchive(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id)
  rec.archived = false
  return reply.json(200, render.contact_ref(rec, "archived", false))
end

local function find_by_external_id(ctx)
  local rec = contacts.find_by_external_id(ctx.st, ctx.params.external_id)
  if not rec then reply.not_found("Contact Not Found") end
  return reply.json(200, render.contact(ctx.st, rec))
end

local function search(ctx)
  local body = input.object(ctx.body)
  if json.is_null(body.query) then reply.missing("query is required", "query") end
  local match, err = query.compile(body.query, { field_ok = contact_search.field_ok })
  if not match then reply.invalid(err.message, err.field) end
  local sort, serr = query.sort_spec(body.sort)
  if serr then reply.invalid(serr.message, serr.field) end
  if sort then
    local ok, why = contact_search.field_ok(sort.field)
    if not ok then reply.invalid(why, "sort.field") end
  end
  local pagination = body.pagination
  if not json.is_null(pagination) and not json.is_object(pagination) then
    reply.invalid("pagination must be an object", "pagination")
  end
  pagination = json.is_null(pagination) and {} or pagination

  local views = {}
  for _, rec in ipairs(store.list(ctx.st, "contacts", function(r) return not r.archived end)) do
    local v = contact_search.view(ctx.st, rec)
    v._seq = rec.seq
    if match(v) then views[#views + 1] = v end
  end
  local order, key_of
  if sort then
    order = { field = sort.field, descending = sort.descending }
    key_of = function(v) return { v = query.get(v, sort.field), s = v._seq } end
  else
    order, key_of = CREATION_ORDER, function(v) return { s = v._seq } end
  end
  paging.sort(views, order, key_of)
  local per_page = paging.per_page(pagination.per_page)
  local page, pages, total = paging.cursor_page(views, order, key_of, per_page, pagination.starting_after)
  for _, v in ipairs(page) do
    -- the derived search fields are not part of the contact's shape
    v._seq, v.tag_id, v.segment_id = nil, nil, nil
  end
  return reply.json(200, { type = "list", data = page, total_count = total, pages = pages })
end

local function merge(ctx)
  local body = input.object(ctx.body)
  local from_id = input.id(body, "from", "from is required")
  local into_id = input.id(body, "into", "into is required")
  local from = contacts.find(ctx.st, from_id)
  local into = contacts.find(ctx.st, into_id)
  return reply.json(200, render.contact(ctx.st, contacts.merge(ctx.st, from, into, ctx.now)))
end

return {
  { "GET /contacts", list },
  { "POST /contacts", create },
  { "POST /contacts/search", search },
  { "POST /contacts/merge", merge },
  { "GET /contacts/find_by_external_id/{external_id}", find_by_external_id },
  { "GET /contacts/{id}", show },
  { "PUT /contacts/{id}", update },
  { "DELETE /contacts/{id}", delete },
  { "POST /contacts/{id}/archive", archive },
  { "POST /contacts/{id}/block", block },
  { "POST /contacts/{id}/unarchive", unarchive },
}
