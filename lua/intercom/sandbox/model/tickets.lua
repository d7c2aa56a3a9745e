-- The ticket model: ticket types with their attributes, ticket states, and
-- tickets (create, update, reply, tags, conversion from a conversation).
-- HTTP glue lives in routes/tickets.lua and routes/ticket_types.lua; shapes
-- in render/tickets.lua.
local contacts = require "intercom.sandbox.model.contacts"
local conversations = require "intercom.sandbox.model.conversations"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local _M = {}

local is_null = json.is_null

_M.CATEGORIES = { Customer = true, ["Back-office"] = true, Tracker = true }
_M.DATA_TYPES = { string = true, list = true, integer = true, decimal = true, boolean = true, datetime = true,
  files = true }
_M.STATE_CATEGORIES = { submitted = true, in_progress = true, waiting_on_customer = true, resolved = true }

_M.FIRST_ID = { ticket_type = 31, ticket_type_attribute = 301, ticket_state = 8101, ticket_number = 1 }

function _M.next_id(st, name)
  return store.next_number(st, name, _M.FIRST_ID[name])
end

function _M.find_type(st, id)
  local t = store.get(st, "ticket_types", id)
  if not t then reply.not_found("Ticket type not found") end
  return t
end

function _M.find(st, id)
  local t = store.get(st, "tickets", id)
  if not t then reply.not_found("Ticket not found") end
  return t
end

---- ticket types and their attributes --------------------------------------

local function boolean(body, name, default)
  local v = body[name]
  if is_null(v) then return default end
  if type(v) ~= "boolean" then reply.invalid(name .. " must be a boolean", name) end
  return v
end

local function category(body, default)
  local v = body.category
  if is_null(v) then return default end
  if not _M.CATEGORIES[v] then reply.invalid("category must be one of Customer, Back-office, Tracker", "category") end
  return v
end

-- list_items: "Low,Medium,High" -> { { id, label, archived } } with stable ids.
local function list_items(st, raw)
  local out = {}
  for label in tostring(raw):gmatch("[^,]+") do
    label = label:match("^%s*(.-)%s*$")
    if label ~= "" then
      out[#out + 1] = { id = string.format("5e1a%04d-2c1b-4b8e-9f3d-%012d", #out + 1,
        tonumber(store.next_number(st, "list_item", 1))), label = label, archived = false }
    end
  end
  if #out == 0 then reply.invalid("list_items needs at least one item", "list_items") end
  return out
end

local function set_input_options(st, attr, body)
  if attr.data_type == "string" then
    attr.input_options = { multiline = boolean(body, "multiline", attr.input_options and attr.input_options.multiline
      or false) }
  elseif attr.data_type == "list" then
    local items = attr.input_options and attr.input_options.list_items
    if not is_null(body.list_items) then items = list_items(st, body.list_items) end
    if not items then reply.missing("list_items is required for a list attribute", "list_items") end
    attr.input_options = {
      list_items = items,
      allow_multiple_values = boolean(body, "allow_multiple_values",
        attr.input_options and attr.input_options.allow_multiple_values or false),
    }
  else
    attr.input_options = nil
  end
end

local ATTRIBUTE_FLAGS = { "required_to_create", "required_to_create_for_contacts", "visible_on_create",
  "visible_to_contacts" }

function _M.add_attribute(st, tt, body, now, default)
  body = input.object(body)
  local name = input.string(body, "name", true)
  local description = input.string(body, "description", true)
  local data_type = input.string(body, "data_type", true)
  if not _M.DATA_TYPES[data_type] then
    reply.invalid("data_type must be one of string, list, integer, decimal, boolean, datetime, files", "data_type")
  end
  for _, a in ipairs(tt.attributes) do
    if a.name == name and not a.archived then
      reply.invalid("An attribute named " .. name .. " already exists", "name")
    end
  end
  local attr = {
    id = _M.next_id(st, "ticket_type_attribute"), name = name, description = description, data_type = data_type,
    default = default == true, archived = false, order = #tt.attributes, created_at = now, updated_at = now,
  }
  for _, flag in ipairs(ATTRIBUTE_FLAGS) do attr[flag] = boolean(body, flag, flag:match("^visible") ~= nil) end
  set_input_options(st, attr, body)
  tt.attributes[#tt.attributes + 1] = attr
  tt.updated_at = now
  return attr
end

function _M.update_attribute(st, tt, attr_id, body, now)
  body = input.object(body)
  local attr
  for _, a in ipairs(tt.attributes) do
    if a.id == attr_id then attr = a end
  end
  if not attr then reply.not_found("Ticket type attribute not found") end
  if attr.default and not is_null(body.name) and body.name ~= attr.name then
    reply.invalid("The default attributes cannot be renamed", "name")
  end
  attr.name = input.string(body, "name") or attr.name
  attr.description = input.string(body, "description") or attr.description
  attr.archived = boolean(body, "archived", attr.archived)
  for _, flag in ipairs(ATTRIBUTE_FLAGS) do attr[flag] = boolean(body, flag, attr[flag]) end
  set_input_options(st, attr, body)
  attr.updated_at = now
  tt.updated_at = now
  return attr
end

-- Every ticket type starts with the default title and description.
function _M.create_type(st, body, now)
  body = input.object(body)
  local name = input.string(body, "name", true)
  if name == "" then reply.invalid("name can't be blank", "name") end
  for _, t in pairs(st.ticket_types or {}) do
    if t.name == name and not t.archived then
      reply.invalid("A ticket type named " .. name .. " already exists", "name")
    end
  end
  local tt = store.add(st, "ticket_types", {
    id = _M.next_id(st, "ticket_type"), name = name, description = input.string(body, "description") or "",
    icon = input.string(body, "icon") or "🎟️", category = category(body, "Customer"),
    is_internal = boolean(body, "is_internal", false), archived = false, created_at = now, updated_at = now,
    attributes = {},
  })
  _M.add_attribute(st, tt, { name = "_default_title_", description = "", data_type = "string",
    visible_on_create = true, visible_to_contacts = true }, now, true)
  _M.add_attribute(st, tt, { name = "_default_description_", description = "", data_type = "string",
    multiline = true, visible_on_create = true, visible_to_contacts = true }, now, true)
  return tt
end

function _M.update_type(_, tt, body, now)
  body = input.object(body)
  tt.name = input.string(body, "name") or tt.name
  tt.description = input.string(body, "description") or tt.description
  tt.icon = input.string(body, "icon") or tt.icon
  tt.category = category(body, tt.category)
  tt.is_internal = boolean(body, "is_internal", tt.is_internal)
  tt.archived = boolean(body, "archived", tt.archived)
  tt.updated_at = now
  return tt
end

function _M.states(st)
  return store.list(st, "ticket_states")
end

function _M.state_by_category(st, cat)
  for _, s in ipairs(_M.states(st)) do
    if s.category == cat and not s.archived then return s end
  end
end

---- tickets -------------------------------------------------------------------

-- ticket_attributes: known names only; a list attribute takes an item id.
local function check_attributes(tt, given)
  if is_null(given) then return {} end
  if not json.is_object(given) and not (type(given) == "table" and next(given) == nil) then
    reply.invalid("ticket_attributes must be an object", "ticket_attributes")
  end
  local by_name = {}
  for _, a in ipairs(tt.attributes) do
    if not a.archived then by_name[a.name] = a end
  end
  local out = {}
  for k, v in pairs(given) do
    local attr = by_name[k]
    if not attr then
      reply.invalid("'" .. tostring(k) .. "' is not an attribute of this ticket type", "ticket_attributes")
    end
    if attr.data_type == "list" and not is_null(v) then
      local ok = false
      for _, item in ipairs(attr.input_options.list_items) do
        if item.id == v or item.label == v then ok, v = true, item.id end
      end
      if not ok then reply.invalid("'" .. tostring(v) .. "' is not an item of " .. k, "ticket_attributes." .. k) end
    end
    out[k] = v
  end
  return out
end

local function required_present(tt, attributes)
  for _, a in ipairs(tt.attributes) do
    if a.required_to_create and not a.archived and is_null(attributes[a.name]) then
      reply.missing(a.name .. " is required to create this ticket", "ticket_attributes." .. a.name)
    end
  end
end

-- contacts: [{ id } | { external_id } | { email }]; an unknown email makes a lead.
local function ticket_contacts(st, list, now)
  if not json.is_array(list) or #list == 0 then reply.missing("contacts is required", "contacts") end
  if #list > 1 then reply.invalid("Only one contact can be added to a ticket", "contacts") end
  local out = {}
  for i, c in ipairs(list) do
    if not json.is_object(c) then reply.invalid("contacts must be a list of objects", "contacts") end
    local rec
    if not is_null(c.id) then
      rec = contacts.find(st, input.id(c, "id"))
    elseif not is_null(c.external_id) then
      rec = contacts.find_by_external_id(st, input.string(c, "external_id"))
      if not rec then reply.not_found("Contact Not Found") end
    elseif not is_null(c.email) then
      rec = conversations.contact_by_email(st, input.string(c, "email"))
        or contacts.create(st, { role = "lead", email = c.email }, now)
    else
      reply.missing("each contact needs an id, an external_id or an email", "contacts")
    end
    out[i] = rec.id
  end
  return out
end

local function assignee(st, kind, id)
  if is_null(id) or id == "0" or id == 0 then return nil end
  id = input.id({ id = id }, "id")
  if kind == "admin" then return conversations.admin(st, id).id end
  return id
end

function _M.add_part(st, t, part, now)
  part.id = conversations.next_id(st, "part")
  part.created_at = part.created_at or now
  part.updated_at = now
  part.attachments = part.attachments or {}
  part.redacted = false
  t.parts[#t.parts + 1] = part
  t.updated_at = now
  return part
end

function _M.create(st, body, now, acting_admin_id)
  body = input.object(body)
  local tt = _M.find_type(st, input.id(body, "ticket_type_id", "ticket_type_id is required"))
  if tt.archived then reply.invalid("This ticket type is archived", "ticket_type_id") end
  local attributes = check_attributes(tt, body.ticket_attributes)
  required_present(tt, attributes)
  local people = ticket_contacts(st, body.contacts, now)
  local assignment = json.is_object(body.assignment) and body.assignment or {}
  local linked_conversation
  if not is_null(body.conversation_to_link_id) then
    linked_conversation = conversations.find(st, input.id(body, "conversation_to_link_id"))
    if tt.category == "Customer" then
      reply.invalid("A customer ticket cannot be linked to a conversation; convert the conversation instead",
        "conversation_to_link_id")
    end
  end
  local company_id
  if not is_null(body.company_id) then
    local company = store.get(st, "companies", input.id(body, "company_id"))
    if not company then reply.not_found("Company Not Found", "company_not_found") end
    company_id = company.id
  end
  local created = conversations.created_at(body, now)
  local submitted = _M.state_by_category(st, "submitted")
  local t = store.add(st, "tickets", {
    id = conversations.next_id(st, "conversation"), ticket_number = _M.next_id(st, "ticket_number"),
    ticket_type_id = tt.id, state_id = submitted.id, contacts = people, attributes = attributes,
    admin_assignee_id = assignee(st, "admin", assignment.admin_assignee_id),
    team_assignee_id = assignee(st, "team", assignment.team_assignee_id),
    open = true, is_shared = tt.category == "Customer", company_id = company_id,
    created_at = created, updated_at = now, parts = {}, tags = {}, linked = {},
  })
  _M.add_part(st, t, { part_type = "ticket_state_updated_by_admin", ticket_state = "submitted",
    author = { type = "admin", id = acting_admin_id or st.me } }, now)
  if linked_conversation then _M.link(t, linked_conversation) end
  return t
end

function _M.link(t, rec)
  t.linked[#t.linked + 1] = { type = "conversation", id = rec.id }
  rec.linked[#rec.linked + 1] = { type = "ticket", id = t.id }
end

-- POST /conversations/{id}/convert: a customer ticket for the same contacts,
-- opening with the conversation's first message, linked both ways.
function _M.convert(st, rec, body, now)
  body = input.object(body)
  local tt = _M.find_type(st, input.id(body, "ticket_type_id", "ticket_type_id is required"))
  if tt.category ~= "Customer" then reply.invalid("Ticket type is not a customer ticket type", "ticket_type_id") end
  local attributes = check_attributes(tt, body.attributes)
  if attributes._default_title_ == nil then
    local subject = rec.title or rec.source.subject
    attributes._default_title_ = subject ~= "" and subject or "Conversation " .. rec.id
  end
  local people = {}
  for i, id in ipairs(rec.contacts) do people[i] = id end
  local submitted = _M.state_by_category(st, "submitted")
  local t = store.add(st, "tickets", {
    id = conversations.next_id(st, "conversation"), ticket_number = _M.next_id(st, "ticket_number"),
    ticket_type_id = tt.id, state_id = submitted.id, contacts = people, attributes = attributes,
    admin_assignee_id = rec.admin_assignee_id, team_assignee_id = rec.team_assignee_id, open = true,
    is_shared = true, created_at = now, updated_at = now, parts = {}, tags = {}, linked = {},
  })
  _M.add_part(st, t, { part_type = "comment", author = json.copy(rec.source.author), body = rec.source.body,
    created_at = rec.created_at }, now)
  _M.link(t, rec)
  return t
end

local function state_of(st, t)
  return store.get(st, "ticket_states", t.state_id)
end
_M.state_of = state_of

function _M.update(st, t, body, now)
  body = input.object(body)
  local tt = _M.find_type(st, t.ticket_type_id)
  local actor = not is_null(body.admin_id) and conversations.admin(st, input.id(body, "admin_id")).id or st.me
  if not is_null(body.ticket_attributes) then
    for k, v in pairs(check_attributes(tt, body.ticket_attributes)) do t.attributes[k] = v end
  end
  if not is_null(body.ticket_state_id) then
    local s = store.get(st, "ticket_states", input.id(body, "ticket_state_id"))
    if not s or s.archived then
      reply.invalid("Ticket state id is not valid or is not associated with the ticket type.", "ticket_state_id")
    end
    local before = state_of(st, t)
    if before.id ~= s.id then
      t.state_id = s.id
      _M.add_part(st, t, { part_type = "ticket_state_updated_by_admin", author = { type = "admin", id = actor },
        previous_ticket_state = before.category, ticket_state = s.category }, now)
    end
  end
  if not is_null(body.assignee_id) then
    local id = input.id(body, "assignee_id")
    if id == "0" then
      t.admin_assignee_id, t.team_assignee_id = nil, nil
    elseif store.get(st, "admins", id) then
      t.admin_assignee_id = id
    elseif store.get(st, "teams", id) or next(st.teams or {}) == nil then
      t.team_assignee_id = id
    else
      reply.not_found("Assignee not found", "assignee_not_found")
    end
    _M.add_part(st, t, { part_type = "assignment", author = { type = "admin", id = actor },
      assigned_to = id ~= "0" and { type = t.admin_assignee_id == id and "admin" or "team", id = id } or nil }, now)
  end
  t.is_shared = boolean(body, "is_shared", t.is_shared)
  if body.open ~= nil then
    t.open = boolean(body, "open", t.open)
    if not t.open then t.snoozed_until = nil end
  end
  if not is_null(body.snoozed_until) then
    if math.type(body.snoozed_until) ~= "integer" then
      reply.invalid("snoozed_until must be a UNIX timestamp", "snoozed_until")
    end
    t.snoozed_until = body.snoozed_until
  end
  if body.company_id ~= nil then
    if is_null(body.company_id) then
      t.company_id = nil
    else
      local company = store.get(st, "companies", input.id(body, "company_id"))
      if not company then reply.not_found("Company Not Found", "company_not_found") end
      t.company_id = company.id
    end
  end
  t.updated_at = now
  return t
end

-- A reply: an admin's comment, note or quick reply, or a contact's comment
-- (not on back-office or tracker tickets, which contacts never see).
function _M.reply(st, t, body, now)
  local part, who = conversations.reply_part(st, body, now)
  if who then
    local tt = store.get(st, "ticket_types", t.ticket_type_id)
    if tt and tt.category ~= "Customer" then
      reply.fail(400, "parameter_mismatch", "User replies are not allowed on " ..
        (tt.category == "Tracker" and "Tracker" or "Backoffice") .. " tickets")
    end
    if not conversations.contains(t.contacts, who.id) then
      reply.invalid("That contact is not on this ticket", "intercom_user_id")
    end
  end
  return _M.add_part(st, t, part, now)
end

function _M.remove(st, t)
  store.remove(st, "tickets", t.id)
  for _, rec in pairs(st.conversations or {}) do
    for i = #rec.linked, 1, -1 do
      if rec.linked[i].id == t.id then table.remove(rec.linked, i) end
    end
  end
end

return _M
