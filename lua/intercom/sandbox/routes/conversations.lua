-- /conversations: create (from a contact), list, find, update, delete,
-- search, redact, convert to a ticket, handling events. Replies, parts, tags
-- and participants are in conversation_parts.lua. Seeds the inbox
-- (fixtures/conversations.lua) at every reset.
local conversation_fixtures = require "intercom.sandbox.fixtures.conversations"
local conversation_search = require "intercom.sandbox.search.conversations"
local conversations = require "intercom.sandbox.model.conversations"
local contacts = require "intercom.sandbox.model.contacts"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local legacy = require "intercom.sandbox.server.legacy"
local paging = require "intercom.sandbox.search.paging"
local record_search = require "intercom.sandbox.search.records"
local render_conversations = require "intercom.sandbox.render.conversations"
local render_tickets = require "intercom.sandbox.render.tickets"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"
local tickets = require "intercom.sandbox.model.tickets"

-- Newest first, by creation: a stable order for cursors.
local NEWEST_FIRST = record_search.NEWEST_FIRST
local function seq_key(rec) return { s = rec.seq } end

local function render_opts(ctx, extra)
  local opts = extra or {}
  if ctx.query.display_as == "plaintext" then opts.plaintext = true end
  return opts
end

-- The filters GET /conversations took up to API 2.5 (the gem's find_all):
-- type=user with intercom_user_id/user_id/email, type=admin with admin_id
-- ("nobody" for unassigned), open, unread. Later versions ignore them, as
-- the API ignores parameters it does not know.
local function legacy_filter(ctx)
  local q = ctx.query
  if not legacy.at_most(ctx, 2, 5) or (q.type == nil and q.open == nil and q.unread == nil) then return nil end
  local contact_id
  if q.type == "user" then
    local who = conversations.contact_by(ctx.st, { intercom_user_id = q.intercom_user_id, user_id = q.user_id,
      email = q.email })
    if not who then reply.missing("intercom_user_id, user_id or email is required with type=user", "type") end
    contact_id = who.id
  elseif q.type ~= nil and q.type ~= "admin" then
    reply.invalid("type must be user or admin", "type")
  end
  return function(rec)
    if contact_id and not conversations.contains(rec.contacts, contact_id) then return false end
    if q.type == "admin" and q.admin_id ~= nil then
      if q.admin_id == "nobody" then
        if rec.admin_assignee_id then return false end
      elseif rec.admin_assignee_id ~= q.admin_id then
        return false
      end
    end
    if q.open ~= nil and (rec.state ~= "closed") ~= (q.open == "true") then return false end
    if q.unread == "true" and rec.read then return false end
    return true
  end
end

local function list(ctx)
  local recs = store.list(ctx.st, "conversations", legacy_filter(ctx))
  paging.sort(recs, NEWEST_FIRST, seq_key)
  local per_page = paging.per_page(ctx.query.per_page, 20, 150)
  local page, pages, total = paging.cursor_page(recs, NEWEST_FIRST, seq_key, per_page, ctx.query.starting_after)
  local data = json.array()
  for i, rec in ipairs(page) do
    data[i] = render_conversations.conversation(ctx.st, rec, render_opts(ctx, { brief = true }))
  end
  return reply.json(200, { type = "conversation.list", conversations = data, total_count = total, pages = pages })
end

-- A contact starts a conversation; the answer is the message it sent.
local function create(ctx)
  local body = input.object(ctx.body)
  local from = body.from
  if not json.is_object(from) then reply.missing("from is required", "from") end
  if from.type ~= "user" and from.type ~= "lead" and from.type ~= "contact" then
    reply.invalid("from.type must be user, lead or contact", "from.type")
  end
  local who = contacts.find(ctx.st, input.id(from, "id", "from.id is required"))
  local text = input.string(body, "body")
  if text == nil or text == "" then reply.invalid("Body is required", "body") end
  local created = conversations.created_at(body, ctx.now)
  local rec = conversations.new_record(ctx.st, {
    type = "conversation", delivered_as = "customer_initiated", subject = input.string(body, "subject"),
    body = text, author = conversations.contact_author(who),
  }, { who.id }, created)
  return reply.json(200, render_conversations.user_message(rec))
end

local function show(ctx)
  local rec = conversations.find(ctx.st, ctx.params.id)
  return reply.json(200, render_conversations.conversation(ctx.st, rec, render_opts(ctx)))
end

local function update(ctx)
  local rec = conversations.find(ctx.st, ctx.params.id)
  conversations.update(ctx.st, rec, ctx.body, ctx.now)
  return reply.json(200, render_conversations.conversation(ctx.st, rec, render_opts(ctx)))
end

local function delete(ctx)
  local rec = conversations.find(ctx.st, ctx.params.id)
  conversations.remove(ctx.st, rec)
  return reply.json(200, { id = rec.id, object = "conversation", deleted = true })
end

local function search(ctx)
  local match, sort, pagination = record_search.request(ctx.body, conversation_search.field_ok)
  local data, pages, total = record_search.page(store.list(ctx.st, "conversations"),
    function(rec) return conversation_search.view(ctx.st, rec) end, match, sort, pagination)
  return reply.json(200, { type = "conversation.list", conversations = data, total_count = total, pages = pages })
end

local function redact(ctx)
  local rec = conversations.redact(ctx.st, ctx.body)
  return reply.json(200, render_conversations.conversation(ctx.st, rec))
end

local function convert(ctx)
  local rec = conversations.find(ctx.st, ctx.params.id)
  local t = tickets.convert(ctx.st, rec, ctx.body, ctx.now)
  return reply.json(200, render_tickets.ticket(ctx.st, t))
end

local function handling_events(ctx)
  local rec = conversations.find(ctx.st, ctx.params.id)
  local events = json.array()
  for i, e in ipairs(rec.handling) do events[i] = render_conversations.handling_event(ctx.st, e) end
  return reply.json(200, { handling_events = events })
end

local routes = {
  { "GET /conversations", list },
  { "POST /conversations", create },
  { "POST /conversations/search", search },
  { "POST /conversations/redact", redact },
  { "GET /conversations/{id}", show },
  { "PUT /conversations/{id}", update },
  { "DELETE /conversations/{id}", delete },
  { "POST /conversations/{id}/convert", convert },
  { "GET /conversations/{id}/handling_events", handling_events },
}

routes.seed = conversation_fixtures.seed

return routes
