-- client.messages (the Ruby gem's Service::Message): admin-initiated
-- messages, in-app or by email. API 2.15: POST /messages.
local op = require "intercom.operation"

return {
  ops = {
    create = op.call { "POST /messages", needs_args = true,
      args = { message_type = "string", subject = "string", body = "string!", template = "string", from = "table",
        to = "table!", cc = "table", bcc = "table", created_at = "integer",
        create_conversation_without_contact_reply = "boolean" } },
    save = op.save { create = "POST /messages" },
  },
}
