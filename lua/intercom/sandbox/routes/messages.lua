-- POST /messages: an admin writes to contacts, in-app or by email. The
-- message starts a conversation (admin-initiated) with those contacts; unlike
-- the API, which shows it only once a contact replies (or with
-- create_conversation_without_contact_reply), the sandbox makes it at once
-- and names it in conversation_id, so tests can follow the thread.
local contacts = require "intercom.sandbox.model.contacts"
local conversations = require "intercom.sandbox.model.conversations"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local render_conversations = require "intercom.sandbox.render.conversations"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local is_null = json.is_null

-- A recipient: { type = "user" | "lead", id } (email and user_id are accepted too).
local function recipient(st, r, field)
  if not json.is_object(r) then reply.invalid(field .. " must be a recipient object { type, id }", field) end
  if r.type ~= "user" and r.type ~= "lead" and r.type ~= "contact" then
    reply.invalid(field .. ".type must be user or lead", field .. ".type")
  end
  local who
  if not is_null(r.id) then
    who = contacts.find(st, input.id(r, "id"), "User Not Found")
  else
    who = conversations.contact_by(st, r)
    if not who then reply.missing(field .. ".id is required", field .. ".id") end
  end
  return who
end

local function recipients(st, value, field, required)
  if is_null(value) then
    if required then reply.missing(field .. " is required", field) end
    return {}
  end
  local list = json.is_array(value) and value or { value }
  local out = {}
  for i, r in ipairs(list) do out[i] = recipient(st, r, field) end
  return out
end

local function create(ctx)
  local body = input.object(ctx.body)
  local message_type = is_null(body.message_type) and "in_app" or body.message_type
  if message_type == "inapp" then message_type = "in_app" end
  if message_type ~= "in_app" and message_type ~= "email" then
    reply.invalid("message_type must be in_app or email", "message_type")
  end
  local text = input.string(body, "body")
  if text == nil or text == "" then reply.invalid("Body is required", "body") end
  local subject = input.string(body, "subject")
  if message_type == "email" then
    if subject == nil or subject == "" then
      reply.fail(422, "parameter_not_found", "No subject supplied for email message")
    end
    local template = input.string(body, "template")
    if template ~= nil and template ~= "plain" and template ~= "personal" then
      reply.invalid("template must be plain or personal", "template")
    end
  end
  local sender
  if is_null(body.from) then
    sender = store.get(ctx.st, "admins", ctx.st.me)
  else
    if not json.is_object(body.from) or body.from.type ~= "admin" then
      reply.invalid("from must be { type = admin, id }", "from")
    end
    sender = conversations.admin(ctx.st, input.id(body.from, "id", "from.id is required"))
  end
  local people = {}
  for _, field in ipairs({ "to", "cc", "bcc" }) do
    for _, who in ipairs(recipients(ctx.st, body[field], field, field == "to")) do
      if not conversations.contains(people, who.id) then people[#people + 1] = who.id end
    end
  end
  local created = conversations.created_at(body, ctx.now)
  local rec = conversations.new_record(ctx.st, {
    type = message_type == "email" and "email" or "conversation", delivered_as = "admin_initiated",
    subject = subject, body = text, author = conversations.admin_author(sender),
  }, people, created)
  return reply.json(200, render_conversations.admin_message(ctx.st, rec,
    message_type == "email" and "email" or "inapp"))
end

return {
  { "POST /messages", create },
}
