-- client.ticket_types, and the attribute methods of a ticket type object.
-- API 2.15: /ticket_types and /ticket_types/{id}/attributes.
local op = require "intercom.operation"

local TYPE_ARGS = {
  name = "string", description = "string", category = "string", icon = "string", is_internal = "boolean",
  archived = "boolean",
}

-- create_ticket_type_attribute_request; list_items is "a,b,c" for data_type "list".
local ATTRIBUTE_ARGS = {
  name = "string", description = "string", data_type = "string", required_to_create = "boolean",
  required_to_create_for_contacts = "boolean", visible_on_create = "boolean", visible_to_contacts = "boolean",
  multiline = "boolean", list_items = "string", allow_multiple_values = "boolean", archived = "boolean",
}

local function with(base, extra)
  local out = {}
  for k, v in pairs(base) do out[k] = v end
  for k, v in pairs(extra) do out[k] = v end
  return out
end

local CREATE_ATTRIBUTE = with(ATTRIBUTE_ARGS, { name = "string!", description = "string!", data_type = "string!" })

return {
  ops = {
    all = op.list { "GET /ticket_types" },
    find = op.call { "GET /ticket_types/{ticket_type_id}", target = "ticket_type_id", returns = "object!" },
    load = op.call { "GET /ticket_types/{ticket_type_id}", target = "ticket_type_id", returns = "refresh" },
    create = op.call { "POST /ticket_types", needs_args = true, args = with(TYPE_ARGS, { name = "string!" }) },
    update = op.call { "PUT /ticket_types/{ticket_type_id}", target = "ticket_type_id", needs_args = true,
      args = TYPE_ARGS },
    save = op.save { update = "PUT /ticket_types/{ticket_type_id}", create = "POST /ticket_types" },
    create_attribute = op.call { "POST /ticket_types/{ticket_type_id}/attributes", needs_args = true,
      path_args = { ticket_type_id = "ticket_type_id" }, args = with(CREATE_ATTRIBUTE, { ticket_type_id = "id!" }) },
    update_attribute = op.call { "PUT /ticket_types/{ticket_type_id}/attributes/{attribute_id}", needs_args = true,
      path_args = { ticket_type_id = "ticket_type_id", attribute_id = "id" },
      args = with(ATTRIBUTE_ARGS, { ticket_type_id = "id!", id = "id!" }) },
  },
  classes = {
    ticket_type = {
      methods = {
        create_attribute = op.call { "POST /ticket_types/{ticket_type_id}/attributes", self = "ticket_type_id",
          needs_args = true, args = CREATE_ATTRIBUTE },
        update_attribute = op.call { "PUT /ticket_types/{ticket_type_id}/attributes/{attribute_id}",
          self = "ticket_type_id", path_args = { attribute_id = "id" }, needs_args = true,
          args = with(ATTRIBUTE_ARGS, { id = "id!" }) },
      },
    },
  },
}
