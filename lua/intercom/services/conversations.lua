-- client.conversations (the Ruby gem's Service::Conversation) and the methods
-- of a conversation object. API 2.15: /conversations.
--
-- The gem posts open/close/snooze/assign to /conversations/{id}/reply; API 2.x
-- manages a conversation through /conversations/{id}/parts, so they go there.
local op = require "intercom.operation"
local check = require "intercom.check"

local PARTS = "POST /conversations/{conversation_id}/parts"

-- What a reply may carry: an admin's (admin_id) or a contact's
-- (intercom_user_id, email or user_id), as the API's reply requests list.
local REPLY_ARGS = {
  type = "string!", message_type = "string!", body = "string", admin_id = "id",
  intercom_user_id = "id", email = "string", user_id = "string", created_at = "integer",
  attachment_urls = "table", attachment_files = "table", reply_options = "table",
  skip_notifications = "boolean",
}

-- open, close, snooze and assign: one conversation part each. The message
-- type is fixed; type = "admin" where the API requires it (close, assign).
local function manage(message_type, args, fixed)
  fixed = fixed or {}
  fixed.message_type = message_type
  return op.call { PARTS, target = "conversation_id", needs_args = true, args = args, fixed = fixed }
end

local find = op.call { "GET /conversations/{conversation_id}", target = "conversation_id", returns = "object!",
  args = { display_as = "string", include_translations = "boolean" } }
local list_with_params = op.list { "GET /conversations", paging = "cursor" }

-- find_all(params): the gem's lookup for API <= 2.5, where GET /conversations
-- took filters (type, intercom_user_id, admin_id, open, ...). With an id and
-- no type it is a find (the gem sends the same request) and returns that
-- conversation; otherwise a lazy collection of the matching conversations.
local function find_all(svc, where, params)
  check.value(where, "params", params, "table!")
  if params.id ~= nil and params.type == nil then return op.invoke(find, where, svc, params) end
  return op.invoke(list_with_params, where, svc, params)
end

return {
  ops = {
    all = op.list { "GET /conversations", paging = "cursor", per_page = 150 },
    find = find,
    find_all = op.custom(find_all, { "GET /conversations/{conversation_id}", "GET /conversations" }),
    load = op.call { "GET /conversations/{conversation_id}", target = "conversation_id", returns = "refresh" },
    create = op.call { "POST /conversations", needs_args = true,
      args = { from = "table!", body = "string!", subject = "string", created_at = "integer",
        attachment_urls = "table" } },
    save = op.save { update = "PUT /conversations/{conversation_id}", create = "POST /conversations" },
    update = op.call { "PUT /conversations/{conversation_id}", target = "conversation_id", needs_args = true,
      args = { read = "boolean", title = "string", custom_attributes = "table", company_id = "any" } },
    search = op.search { "POST /conversations/search", per_page = 150 },
    mark_read = op.call { "PUT /conversations/{conversation_id}", target = "conversation_id",
      fixed = { read = true } },
    reply = op.call { "POST /conversations/{conversation_id}/reply", target = "conversation_id",
      needs_args = true, args = REPLY_ARGS },
    -- "last" stands for the contact's most recent conversation (a contact reply).
    reply_to_last = op.call { "POST /conversations/last/reply", needs_args = true, args = REPLY_ARGS },
    open = manage("open", { admin_id = "id!" }),
    close = manage("close", { admin_id = "id!", body = "string" }, { type = "admin" }),
    snooze = manage("snoozed", { admin_id = "id!", snoozed_until = "integer!" }),
    assign = manage("assignment", { admin_id = "id!", assignee_id = "id!", type = "string", body = "string" },
      { type = "admin" }),
    -- Legacy: gone after API 2.11 (the sandbox answers it for earlier versions only).
    run_assignment_rules = op.call { "POST /conversations/{conversation_id}/run_assignment_rules",
      target = "conversation_id", body = false }, -- API 2.6 declares no body
    delete = op.call { "DELETE /conversations/{conversation_id}", target = "conversation_id" },
    redact = op.call { "POST /conversations/redact", needs_args = true,
      args = { type = "string!", conversation_id = "id!", conversation_part_id = "id", source_id = "id" } },
    convert = op.call { "POST /conversations/{conversation_id}/convert", target = "conversation_id",
      needs_args = true, args = { ticket_type_id = "id!", attributes = "table" } },
    handling_events = op.list { "GET /conversations/{id}/handling_events", target = "id",
      items = "handling_events" },
    -- API 2.16
    merge = op.call { "POST /conversations/{id}/merge", target = "id", needs_args = true,
      args = { merge_into_conversation_id = "id!" } },
    deleted = op.list { "GET /conversations/deleted", paging = "pages", per_page = 150,
      args = { order = "string" } },
  },
  classes = {
    conversation = {
      autovivify = { custom_attributes = true },
      methods = {
        reply = op.call { "POST /conversations/{conversation_id}/reply", self = "conversation_id",
          needs_args = true, args = REPLY_ARGS },
        add_tag = op.call { "POST /conversations/{conversation_id}/tags", self = "conversation_id",
          args = { id = "id!", admin_id = "id!" } },
        remove_tag = op.call { "DELETE /conversations/{conversation_id}/tags/{tag_id}", body = true,
          self = "conversation_id", path_args = { tag_id = "id" }, args = { admin_id = "id!" } },
        add_contact = op.call { "POST /conversations/{conversation_id}/customers", self = "conversation_id",
          needs_args = true, args = { admin_id = "id!", customer = "table!" } },
        remove_contact = op.call { "DELETE /conversations/{conversation_id}/customers/{contact_id}", body = true,
          self = "conversation_id", path_args = { contact_id = "id" }, args = { admin_id = "id!" } },
        convert = op.call { "POST /conversations/{conversation_id}/convert", self = "conversation_id",
          needs_args = true, args = { ticket_type_id = "id!", attributes = "table" } },
        handling_events = op.list { "GET /conversations/{id}/handling_events", self = "id",
          items = "handling_events" },
        side_conversations = op.list { "GET /conversations/{id}/side_conversations", self = "id",
          paging = "pages" }, -- API 2.16
      },
    },
  },
}
