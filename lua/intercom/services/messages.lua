-- client.messages (the Ruby gem's Service::Message): admin-initiated
-- messages, in-app or by email (API 2.15: POST /messages), and, as in the
-- gem's README, a message from a contact (from = { type = "user" | "lead" |
-- "contact", id = ... }, no `to`): API 2.x takes those at POST /conversations,
-- which answers the same user_message the gem returned.
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"

local KEEP_NULL = { null = core.null } -- a body keeps the nulls the object holds

local type = type

local admin_message = op.call { "POST /messages", needs_args = true,
  args = { message_type = "string", subject = "string", body = "string!", template = "string", from = "table",
    to = "table!", cc = "table", bcc = "table", created_at = "integer",
    create_conversation_without_contact_reply = "boolean" },
  integers = { "from.id" } } -- the admin's id: an integer in API 2.15

local user_message = op.call { "POST /conversations", needs_args = true, returns = "object!",
  args = { from = "table!", body = "string!", subject = "string", created_at = "integer",
    attachment_urls = "table" } }

local CONTACT_SENDERS = { user = true, lead = true, contact = true }

-- A message whose sender is a contact and which names no recipient.
local function from_contact(x)
  return type(x) == "table" and x.to == nil and type(x.from) == "table" and CONTACT_SENDERS[x.from.type] == true
end

local function create(svc, where, x)
  if from_contact(x) then
    check.value(where, "from.id", x.from.id, "id!")
    return op.invoke(user_message, where, svc, x)
  end
  return op.invoke(admin_message, where, svc, x)
end

local save_admin_message = op.save { create = "POST /messages", integers = { "from.id" } }

-- save(message): as create (the gem's save of a new message).
local function save(svc, where, x)
  if from_contact(x) then
    return create(svc, where, core.is_resource(x) and x:to_table(KEEP_NULL) or x)
  end
  return op.invoke(save_admin_message, where, svc, x)
end

return {
  ops = {
    create = op.custom(create, { "POST /messages", "POST /conversations" }),
    save = op.custom(save, { "POST /messages", "POST /conversations" }),
  },
}
