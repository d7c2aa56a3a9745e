-- API shapes (2.15 schemas) of tickets, their parts, ticket types with their
-- attributes, and ticket states; and tickets as POST /tickets/search sees them.
local conversations = require "intercom.sandbox.model.conversations"
local json = require "intercom.sandbox.server.json"
local render_conversations = require "intercom.sandbox.render.conversations"
local store = require "intercom.sandbox.model.store"

local _M = {}

local null, array = json.null, json.array

local orn = json.or_null

function _M.attribute(st, tt, a)
  return {
    type = "ticket_type_attribute", id = a.id, workspace_id = st.workspace_id, name = a.name,
    description = a.description, data_type = a.data_type, input_options = orn(json.copy(a.input_options)),
    order = a.order, required_to_create = a.required_to_create,
    required_to_create_for_contacts = a.required_to_create_for_contacts, visible_on_create = a.visible_on_create,
    visible_to_contacts = a.visible_to_contacts, default = a.default, ticket_type_id = math.tointeger(tonumber(tt.id)),
    archived = a.archived, created_at = a.created_at, updated_at = a.updated_at,
  }
end

function _M.state(s)
  return { type = "ticket_state", id = s.id, category = s.category, internal_label = s.internal_label,
    external_label = s.external_label }
end

local function type_brief(tt)
  return { type = "ticket_type", id = tt.id, name = tt.name, description = tt.description, icon = tt.icon,
    category = tt.category, is_internal = tt.is_internal, archived = tt.archived }
end

function _M.ticket_type(st, tt)
  local o = type_brief(tt)
  o.workspace_id, o.created_at, o.updated_at = st.workspace_id, tt.created_at, tt.updated_at
  local attributes = array()
  for i, a in ipairs(tt.attributes) do attributes[i] = _M.attribute(st, tt, a) end
  o.ticket_type_attributes = { type = "list", data = attributes }
  local states = array()
  for _, s in ipairs(store.list(st, "ticket_states")) do
    if not s.archived then states[#states + 1] = _M.state(s) end
  end
  o.ticket_states = { type = "list", data = states }
  return o
end

-- GET /ticket_states: each state with the ticket types that use it (all of them).
function _M.state_detailed(st, s)
  local o = _M.state(s)
  o.archived = s.archived
  local types = array()
  for _, tt in ipairs(store.list(st, "ticket_types")) do
    if not tt.archived then types[#types + 1] = type_brief(tt) end
  end
  o.ticket_types = { type = "list", data = types }
  return o
end

-- ticket_part_author: no AI flags, unlike a conversation part's.
local function author(st, ref)
  local a = render_conversations.author(st, ref)
  return { type = a.type, id = a.id, name = a.name, email = a.email }
end

function _M.part(st, p)
  local attachments = array()
  for i, f in ipairs(p.attachments or {}) do
    attachments[i] = { type = "upload", name = f.name, url = f.url, content_type = f.content_type,
      filesize = f.filesize or 0, width = null, height = null }
  end
  return {
    type = "ticket_part", id = p.id, part_type = p.part_type, body = orn(p.body),
    -- strings in 2.15, not nullable: a part that changes no state has neither
    previous_ticket_state = p.previous_ticket_state, ticket_state = p.ticket_state,
    created_at = p.created_at, updated_at = p.updated_at, author = author(st, p.author),
    attachments = attachments, assigned_to = p.assigned_to and { type = p.assigned_to.type, id = p.assigned_to.id }
      or null,
    external_id = null, redacted = p.redacted == true, updated_attribute_data = null,
  }
end

function _M.ticket(st, t)
  local tt = store.get(st, "ticket_types", t.ticket_type_id)
  local s = store.get(st, "ticket_states", t.state_id)
  local parts = array()
  for i, p in ipairs(t.parts) do parts[i] = _M.part(st, p) end
  return {
    type = "ticket", id = t.id, ticket_id = t.ticket_number, category = tt and tt.category or null,
    ticket_attributes = json.copy(t.attributes), ticket_state = s and _M.state(s) or null,
    ticket_type = tt and _M.ticket_type(st, tt) or null, contacts = render_conversations.contact_list(st, t.contacts),
    admin_assignee_id = t.admin_assignee_id or "0", team_assignee_id = t.team_assignee_id or "0",
    created_at = t.created_at, updated_at = t.updated_at, open = t.open, snoozed_until = orn(t.snoozed_until),
    linked_objects = render_conversations.linked_objects(st, t.linked),
    ticket_parts = { type = "ticket_part.list", ticket_parts = parts, total_count = #parts },
    is_shared = t.is_shared,
  }
end

-- The words the search uses for categories (the API's own terms).
local CATEGORY_TERM = { Customer = "request", ["Back-office"] = "task", Tracker = "tracker" }

local function ids(list)
  local out = array()
  for i, v in ipairs(list) do out[i] = v end
  return out
end

-- The view queries run against, and the ticket a match returns.
function _M.search_view(st, t)
  local shown = _M.ticket(st, t)
  local v = json.copy(shown)
  local tt = store.get(st, "ticket_types", t.ticket_type_id)
  v.title = orn(t.attributes._default_title_)
  v.description = orn(t.attributes._default_description_)
  v.category = tt and CATEGORY_TERM[tt.category] or null
  v.ticket_type_id = t.ticket_type_id
  v.contact_ids = ids(t.contacts)
  local teammates = array()
  for _, p in ipairs(t.parts) do
    if p.author.type == "admin" and not conversations.contains(teammates, p.author.id) then
      teammates[#teammates + 1] = p.author.id
    end
  end
  v.teammate_ids = teammates
  v.admin_assignee_id = t.admin_assignee_id or "0"
  v.team_assignee_id = t.team_assignee_id or "0"
  local s = store.get(st, "ticket_states", t.state_id)
  v.state = s and s.category or null
  v.ticket_attribute = {}
  for _, a in ipairs(tt and tt.attributes or {}) do
    if t.attributes[a.name] ~= nil then v.ticket_attribute[a.id] = t.attributes[a.name] end
  end
  return v, shown
end

function _M.field_ok(field)
  local allowed = {
    id = true, created_at = true, updated_at = true, title = true, description = true, category = true,
    ticket_type_id = true, contact_ids = true, teammate_ids = true, admin_assignee_id = true,
    team_assignee_id = true, open = true, state = true, snoozed_until = true,
  }
  if allowed[field] or field:match("^ticket_attribute%.[^%.]+$") then return true end
  return nil, "'" .. field .. "' is not a field tickets can be searched by"
end

return _M
