-- client.tickets and the methods of a ticket object. API 2.15: /tickets.
-- (The Ruby gem predates tickets; names follow its style.)
local op = require "intercom.operation"

-- What creating a ticket takes (create_ticket_request); contacts is a list of
-- { id = } / { external_id = } / { email = }.
local CREATE_ARGS = {
  ticket_type_id = "id!", contacts = "table!", ticket_attributes = "table", assignment = "table",
  company_id = "id", conversation_to_link_id = "id", created_at = "integer", skip_notifications = "boolean",
}

-- An admin's reply (admin_id) or a contact's (intercom_user_id, email or user_id).
local REPLY_ARGS = {
  type = "string!", message_type = "string!", body = "string", admin_id = "id",
  intercom_user_id = "id", email = "string", user_id = "string", created_at = "integer",
  attachment_urls = "table", reply_options = "table", cross_post = "boolean", skip_notifications = "boolean",
}

return {
  ops = {
    create = op.call { "POST /tickets", needs_args = true, args = CREATE_ARGS },
    -- The same, processed asynchronously: returns a job.
    enqueue = op.call { "POST /tickets/enqueue", needs_args = true, args = CREATE_ARGS },
    find = op.call { "GET /tickets/{ticket_id}", target = "ticket_id", returns = "object!" },
    load = op.call { "GET /tickets/{ticket_id}", target = "ticket_id", returns = "refresh" },
    update = op.call { "PUT /tickets/{ticket_id}", target = "ticket_id", needs_args = true,
      args = { ticket_state_id = "id", assignee_id = "id", admin_id = "id", open = "boolean", is_shared = "boolean",
        snoozed_until = "integer", ticket_attributes = "table", company_id = "any", skip_notifications = "boolean" },
      integers = { "admin_id" } }, -- an integer in API 2.15 (a string in replies and tags)
    save = op.save { update = "PUT /tickets/{ticket_id}", create = "POST /tickets", integers = { "admin_id" } },
    delete = op.call { "DELETE /tickets/{ticket_id}", target = "ticket_id" },
    search = op.search { "POST /tickets/search", per_page = 150 },
    reply = op.call { "POST /tickets/{ticket_id}/reply", target = "ticket_id", needs_args = true, args = REPLY_ARGS },
  },
  classes = {
    ticket = {
      autovivify = { ticket_attributes = true },
      methods = {
        reply = op.call { "POST /tickets/{ticket_id}/reply", self = "ticket_id", needs_args = true, args = REPLY_ARGS },
        add_tag = op.call { "POST /tickets/{ticket_id}/tags", self = "ticket_id",
          args = { id = "id!", admin_id = "id!" } },
        remove_tag = op.call { "DELETE /tickets/{ticket_id}/tags/{tag_id}", body = true, self = "ticket_id",
          path_args = { tag_id = "id" }, args = { admin_id = "id!" } },
        -- API 2.16
        change_type = op.call { "POST /tickets/{ticket_id}/change_type", self = "ticket_id", needs_args = true,
          args = { ticket_type_id = "id!", ticket_state_id = "id!", ticket_attributes = "table" } },
        link_conversation = op.call { "POST /tickets/{ticket_id}/linked_conversations", self = "ticket_id",
          needs_args = true, args = { conversation_id = "id!" } },
        unlink_conversation = op.call { "DELETE /tickets/{ticket_id}/linked_conversations/{id}", self = "ticket_id",
          path_args = { id = "id" } },
      },
    },
  },
}
