-- The conversation model: who takes part, the parts that make up the thread,
-- and the state changes replies and /parts requests make. HTTP glue lives in
-- routes/conversations.lua and routes/conversation_parts.lua; shapes in
-- render/conversations.lua. Statistics are not stored: they are derived from
-- the parts when a conversation is rendered.
local contacts = require "intercom.sandbox.model.contacts"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local _M = {}

local is_null = json.is_null

-- Id counters (store.next_number): conversations and tickets share one, as
-- tickets are conversations underneath; parts and messages have their own.
_M.FIRST_ID = { conversation = 7001, part = 18001, message = 40001 }

function _M.next_id(st, name)
  return store.next_number(st, name, _M.FIRST_ID[name])
end

function _M.find(st, id)
  local rec = store.get(st, "conversations", id)
  if not rec then reply.not_found("Conversation not found") end
  return rec
end

function _M.admin(st, id)
  local a = store.get(st, "admins", id)
  if not a then reply.not_found("Admin not found", "admin_not_found") end
  return a
end

-- The admin a body names in admin_id (required).
function _M.acting_admin(st, body, message)
  return _M.admin(st, input.id(body, "admin_id", message or "admin_id is required"))
end

-- A contact named the ways the API accepts: intercom_user_id (or id), email,
-- user_id (the external id). Returns nil when the body names none.
function _M.contact_by(st, body)
  local id = not is_null(body.intercom_user_id) and body.intercom_user_id or body.id
  if not is_null(id) then return contacts.find(st, input.id({ id = id }, "id"), "User Not Found") end
  if not is_null(body.user_id) then
    local rec = contacts.find_by_external_id(st, input.string(body, "user_id"))
    if not rec then reply.not_found("User Not Found") end
    return rec
  end
  if not is_null(body.email) then
    local found = _M.contact_by_email(st, input.string(body, "email"))
    if not found then reply.not_found("User Not Found") end
    return found
  end
end

-- The oldest contact with this email (case-insensitive), or nil.
function _M.contact_by_email(st, email)
  email = email:lower()
  local found
  for _, rec in pairs(st.contacts) do
    if rec.fields.email and rec.fields.email:lower() == email and (not found or rec.seq < found.seq) then
      found = rec
    end
  end
  return found
end

-- An author reference: { type = "admin" | "user" | "lead" | "bot", id }.
function _M.contact_author(rec)
  return { type = rec.fields.role == "lead" and "lead" or "user", id = rec.id }
end

function _M.admin_author(a)
  return { type = "admin", id = a.id }
end

local function contains(list, value)
  for _, v in ipairs(list) do
    if v == value then return true end
  end
  return false
end
_M.contains = contains

local function add_teammate(rec, admin_id)
  if not contains(rec.teammates, admin_id) then rec.teammates[#rec.teammates + 1] = admin_id end
end

-- A new record. source = { type, delivered_as, subject, body, author, attachments }.
function _M.new_record(st, source, participants, now)
  source.id = source.id or _M.next_id(st, "message")
  source.subject = source.subject or ""
  source.attachments = source.attachments or {}
  source.redacted = false
  local from_contact = source.author.type ~= "admin"
  local rec = {
    id = _M.next_id(st, "conversation"), created_at = now, updated_at = now,
    state = "open", read = false, priority = "not_priority",
    waiting_since = from_contact and now or nil,
    contacts = participants, teammates = {}, tags = {}, parts = {}, custom_attributes = {},
    linked = {}, handling = {}, source = source,
  }
  if not from_contact then add_teammate(rec, source.author.id) end
  return store.add(st, "conversations", rec)
end

-- Appends a part; part = { part_type, author, body, assigned_to, ... }.
function _M.add_part(st, rec, part, now)
  part.id = _M.next_id(st, "part")
  part.created_at = part.created_at or now
  part.updated_at = now
  part.notified_at = now
  part.attachments = part.attachments or {}
  part.redacted = false
  part.state = rec.state
  rec.parts[#rec.parts + 1] = part
  rec.updated_at = now
  if part.author.type == "admin" then add_teammate(rec, part.author.id) end
  return part
end

-- Moves a conversation to open; a closed one counts as reopened.
local function reopen(rec)
  local was_closed = rec.state == "closed"
  rec.state = "open"
  rec.snoozed_until = nil
  return was_closed
end

---- replies -----------------------------------------------------------------

local ADMIN_REPLY_TYPES = { comment = true, note = true, quick_reply = true }

local function attachment_urls(body)
  local urls = body.attachment_urls
  if is_null(urls) then return {} end
  if not json.is_array(urls) and not (type(urls) == "table" and next(urls) == nil) then
    reply.invalid("attachment_urls must be an array of URLs", "attachment_urls")
  end
  if #urls > 10 then reply.invalid("attachment_urls takes at most 10 URLs", "attachment_urls") end
  local out = {}
  for i, u in ipairs(urls) do
    if type(u) ~= "string" or not u:match("^https?://") then
      reply.invalid("attachment_urls must be an array of URLs", "attachment_urls")
    end
    out[i] = { type = "upload", name = u:match("([^/?#]+)[^/]*$") or "attachment", url = u,
      content_type = "application/octet-stream", filesize = 0 }
  end
  return out
end

-- created_at from a body (a UNIX timestamp), else now.
function _M.created_at(body, now)
  if is_null(body.created_at) then return now end
  if math.type(body.created_at) ~= "integer" then reply.invalid("created_at must be a UNIX timestamp", "created_at") end
  return body.created_at
end
local created_at_of = _M.created_at

-- Checks a reply body (an admin's or a contact's); returns the part to add
-- and the contact who replied, if it was one.
function _M.reply_part(st, body, now)
  body = input.object(body)
  local kind = input.string(body, "type", true)
  local message_type = input.string(body, "message_type", true)
  local text = input.string(body, "body")
  local files = attachment_urls(body)
  if kind == "admin" then
    if not ADMIN_REPLY_TYPES[message_type] then
      reply.invalid("message_type must be one of comment, note, quick_reply", "message_type")
    end
    local a = _M.acting_admin(st, body)
    if message_type == "quick_reply" then
      if not json.is_array(body.reply_options) or #body.reply_options == 0 then
        reply.missing("reply_options is required for a quick reply", "reply_options")
      end
    elseif (text == nil or text == "") and #files == 0 then
      reply.missing("Body is required", "body")
    end
    return { part_type = message_type, author = _M.admin_author(a), body = text, attachments = files,
      created_at = created_at_of(body, now) }, nil
  elseif kind == "user" then
    if message_type ~= "comment" then reply.invalid("a contact's reply has message_type comment", "message_type") end
    if text == nil or text == "" then reply.missing("Body is required", "body") end
    local who = _M.contact_by(st, body)
    if not who then reply.missing("intercom_user_id, email or user_id is required", "intercom_user_id") end
    return { part_type = "comment", author = _M.contact_author(who), body = text, attachments = files,
      created_at = created_at_of(body, now) }, who
  end
  reply.invalid("type must be admin or user", "type")
end

-- Applies a reply to a conversation: a contact's comment reopens it and
-- starts the wait; an admin's comment ends the wait.
function _M.reply(st, rec, body, now)
  local part, who = _M.reply_part(st, body, now)
  if who and not contains(rec.contacts, who.id) then
    reply.invalid("That contact is not a participant in this conversation", "intercom_user_id")
  end
  if who then
    part.reopened = reopen(rec)
    rec.waiting_since = rec.waiting_since or now
    rec.read = false
  elseif part.part_type ~= "note" then
    rec.waiting_since = nil
  end
  return _M.add_part(st, rec, part, now)
end

-- The contact's most recently updated conversation ("last" in a reply path).
function _M.last_of(st, contact)
  local best
  for _, rec in pairs(st.conversations or {}) do
    if contains(rec.contacts, contact.id) then
      if not best or rec.updated_at > best.updated_at or (rec.updated_at == best.updated_at and rec.seq > best.seq) then
        best = rec
      end
    end
  end
  if not best then reply.not_found("Conversation not found") end
  return best
end

---- managing: open, close, snooze, assign ----------------------------------

local function team_exists(st, id)
  if store.get(st, "teams", id) then return true end
  return next(st.teams or {}) == nil -- no teams in this sandbox: any id is taken at its word
end

local MANAGE = {}

function MANAGE.open(_, rec, a)
  local part = { part_type = "open", author = _M.admin_author(a) }
  part.reopened = reopen(rec)
  return part
end

function MANAGE.close(_, rec, a, body)
  rec.state = "closed"
  rec.snoozed_until = nil
  rec.waiting_since = nil
  return { part_type = "close", author = _M.admin_author(a), body = input.string(body, "body") }
end

function MANAGE.snoozed(_, rec, a, body)
  local until_at = body.snoozed_until
  if is_null(until_at) then reply.missing("snoozed_until is required", "snoozed_until") end
  if math.type(until_at) ~= "integer" then
    reply.invalid("snoozed_until must be a UNIX timestamp in seconds", "snoozed_until")
  end
  rec.state = "snoozed"
  rec.snoozed_until = until_at
  return { part_type = "snoozed", author = _M.admin_author(a) }
end

-- assignee_id "0" unassigns; type says whether it names an admin or a team.
function MANAGE.assignment(st, rec, a, body)
  local kind = is_null(body.type) and "admin" or body.type
  if kind ~= "admin" and kind ~= "team" then reply.invalid("type must be admin or team", "type") end
  local assignee = input.id(body, "assignee_id", "assignee_id is required")
  local assigned_to = json.null
  if assignee == "0" then
    if kind == "admin" then rec.admin_assignee_id = nil else rec.team_assignee_id = nil end
  elseif kind == "admin" then
    _M.admin(st, assignee)
    rec.admin_assignee_id = assignee
    assigned_to = { type = "admin", id = assignee }
  else
    if not assignee:match("^%d+$") or not team_exists(st, assignee) then
      reply.not_found("Team not found", "team_not_found")
    end
    rec.team_assignee_id = assignee
    assigned_to = { type = "team", id = assignee }
  end
  return { part_type = "assignment", author = _M.admin_author(a), body = input.string(body, "body"),
    assigned_to = assigned_to }
end

function _M.manage(st, rec, body, now)
  body = input.object(body)
  local message_type = input.string(body, "message_type", true)
  local apply = MANAGE[message_type]
  if not apply then reply.invalid("message_type must be one of open, close, snoozed, assignment", "message_type") end
  local a = _M.acting_admin(st, body)
  return _M.add_part(st, rec, apply(st, rec, a, body), now)
end

-- Assignment rules (legacy): the conversation goes to the teammate with an
-- inbox seat, not away, who has the fewest open conversations; it reopens.
function _M.run_assignment_rules(st, rec, now)
  local load = {}
  for _, c in pairs(st.conversations) do
    if c.state ~= "closed" and c.admin_assignee_id then
      load[c.admin_assignee_id] = (load[c.admin_assignee_id] or 0) + 1
    end
  end
  local best
  for _, a in ipairs(store.list(st, "admins")) do
    if a.has_inbox_seat and not a.away_mode_enabled and (not best or (load[a.id] or 0) < (load[best.id] or 0)) then
      best = a
    end
  end
  local part = { part_type = "assign_and_reopen", author = { type = "bot", id = _M.BOT.id } }
  part.reopened = reopen(rec)
  if best then
    rec.admin_assignee_id = best.id
    part.assigned_to = { type = "admin", id = best.id }
  end
  return _M.add_part(st, rec, part, now)
end

-- The workspace's bot, author of automatic parts.
_M.BOT = { id = "991267499", name = "Operator" }

---- tags and participants --------------------------------------------------

function _M.attach_tag(st, rec, body, now)
  body = input.object(body)
  local tag = store.get(st, "tags", input.id(body, "id", "id is required"))
  local a = _M.acting_admin(st, body)
  if not tag then reply.not_found("Tag not found") end
  for _, t in ipairs(rec.tags) do
    if t.id == tag.id then return tag, t end
  end
  local applied = { id = tag.id, applied_at = now, applied_by = a.id }
  rec.tags[#rec.tags + 1] = applied
  return tag, applied
end

function _M.detach_tag(st, tags, tag_id, body)
  _M.acting_admin(st, body)
  for i, t in ipairs(tags) do
    if t.id == tag_id then
      table.remove(tags, i)
      return store.get(st, "tags", tag_id) or { id = tag_id, name = "" }, t
    end
  end
  reply.not_found("Tag not found")
end

function _M.attach_contact(st, rec, body, now)
  body = input.object(body)
  _M.acting_admin(st, body)
  local customer = body.customer
  if not json.is_object(customer) then reply.missing("customer is required", "customer") end
  local who = _M.contact_by(st, customer)
  if not who then reply.missing("customer needs intercom_user_id, user_id or email", "customer") end
  if not contains(rec.contacts, who.id) then
    rec.contacts[#rec.contacts + 1] = who.id
    rec.updated_at = now
  end
  return rec
end

function _M.detach_contact(st, rec, contact_id, body, now)
  _M.acting_admin(st, body)
  for i, id in ipairs(rec.contacts) do
    if id == contact_id then
      if #rec.contacts == 1 then reply.invalid("Removing the last customer is not allowed") end
      table.remove(rec.contacts, i)
      rec.updated_at = now
      return rec
    end
  end
  reply.not_found("Contact not found")
end

---- updates, redaction ------------------------------------------------------

local UPDATABLE = {
  read = function(rec, v)
    if type(v) ~= "boolean" then reply.invalid("read must be a boolean", "read") end
    rec.read = v
  end,
  title = function(rec, v)
    if not is_null(v) and type(v) ~= "string" then reply.invalid("title must be a string", "title") end
    rec.title = not is_null(v) and v or nil
  end,
  custom_attributes = function(rec, v)
    if not json.is_object(v) and not (type(v) == "table" and next(v) == nil) then
      reply.invalid("custom_attributes must be an object", "custom_attributes")
    end
    for k, x in pairs(v) do
      if type(x) == "table" and x ~= json.null then
        reply.invalid("custom attribute '" .. k .. "' must be a string, number, boolean or null",
          "custom_attributes." .. k)
      end
      rec.custom_attributes[k] = not is_null(x) and x or nil
    end
  end,
}

function _M.update(st, rec, body, now)
  body = input.object(body)
  for k in pairs(body) do
    if not UPDATABLE[k] and k ~= "company_id" then
      reply.invalid("'" .. tostring(k) .. "' is not a field you can update on a conversation", tostring(k))
    end
  end
  if body.company_id ~= nil then
    if is_null(body.company_id) then
      rec.company_id = nil
    else
      local company = store.get(st, "companies", input.id(body, "company_id"))
      if not company then reply.not_found("Company Not Found", "company_not_found") end
      rec.company_id = company.id
    end
  end
  for k, v in pairs(body) do
    if UPDATABLE[k] then UPDATABLE[k](rec, v) end
  end
  rec.updated_at = now
  return rec
end

_M.REDACTED = "<p><i>This message has been redacted.</i></p>"

local function not_found_part()
  reply.not_found("Conversation part or message not found", "conversation_part_or_message_not_found")
end

-- Redacts a part (it must have a body) or the source (written by a contact).
function _M.redact(st, body)
  body = input.object(body)
  local kind = input.string(body, "type", true)
  local rec = _M.find(st, input.id(body, "conversation_id", "conversation_id is required"))
  local target
  if kind == "conversation_part" then
    local part_id = input.id(body, "conversation_part_id", "conversation_part_id is required")
    for _, p in ipairs(rec.parts) do
      if p.id == part_id then target = p end
    end
    if not target then not_found_part() end
    if target.body == nil or target.body == "" then
      reply.invalid("This conversation part has no body to redact", "conversation_part_id")
    end
  elseif kind == "source" then
    local source_id = input.id(body, "source_id", "source_id is required")
    if rec.source.id ~= source_id then not_found_part() end
    target = rec.source
    if target.author.type == "admin" then
      reply.invalid("Only a message written by a contact can be redacted", "source_id")
    end
  else
    reply.invalid("type must be conversation_part or source", "type")
  end
  target.body = _M.REDACTED
  target.attachments = {}
  target.redacted = true
  return rec
end

-- Deletes a conversation; calls and tickets no longer point at it.
function _M.remove(st, rec)
  store.remove(st, "conversations", rec.id)
  for _, call in pairs(st.calls or {}) do
    if call.conversation_id == rec.id then call.conversation_id = nil end
  end
  for _, t in pairs(st.tickets or {}) do
    for i = #t.linked, 1, -1 do
      if t.linked[i].id == rec.id then table.remove(t.linked, i) end
    end
  end
end

return _M
