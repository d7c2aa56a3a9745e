-- Data events: stored per contact, with a running summary per event name
-- (count, first, last) that POST /events/summaries can also add to. Shared by
-- POST /events and the legacy POST /bulk/events.
local ids = require "intercom.sandbox.model.ids"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local _M = {}

_M.LISTABLE_DAYS = 90 -- older events still count in summaries but are not listed

-- The contact an event names: by Intercom id, by user_id (external_id), or by
-- email (the oldest contact with it).
function _M.find_contact(st, who)
  if not json.is_null(who.id) then return store.get(st, "contacts", who.id) end
  local field, value
  if not json.is_null(who.user_id) then
    field, value = "external_id", who.user_id
  elseif not json.is_null(who.email) then
    field, value = "email", who.email
  else
    return nil
  end
  if type(value) == "number" then value = string.format("%d", value) end
  if type(value) ~= "string" then return nil end
  local lower = field == "email" and value:lower()
  for _, rec in ipairs(store.list(st, "contacts")) do
    local v = rec.fields[field]
    if v == value or (lower and type(v) == "string" and v:lower() == lower) then return rec end
  end
end

-- Metadata values: strings, numbers, booleans, a rich link { url, value } or
-- a monetary amount { amount, currency }. Nested JSON is not supported.
local function check_metadata(meta)
  if json.is_null(meta) then return {} end
  if not json.is_object(meta) then reply.invalid("metadata must be an object", "metadata") end
  for k, v in pairs(meta) do
    if type(v) == "table" then
      local rich = type(v.url) == "string" and v.value ~= nil
      local money = math.type(v.amount) == "integer" and type(v.currency) == "string"
      if not (rich or money) or not json.is_object(v) then
        reply.invalid("metadata." .. k .. " is nested JSON, which is not supported " ..
          "(only a rich link {url, value} or an amount {amount, currency})", "metadata")
      end
    end
  end
  return json.copy(meta)
end

local function summary_id(contact_id, name) return contact_id .. "/" .. name end

function _M.summary(st, contact_id, name)
  return store.get(st, "event_summaries", summary_id(contact_id, name))
end

-- Adds count occurrences between first and last to a contact's summary.
function _M.count(st, contact_id, name, count, first, last)
  local s = _M.summary(st, contact_id, name)
  if not s then
    s = store.add(st, "event_summaries", { id = summary_id(contact_id, name), contact_id = contact_id,
      name = name, count = 0, first = first, last = last })
  end
  s.count = s.count + count
  if first < s.first then s.first = first end
  if last > s.last then s.last = last end
  return s
end

-- Validates an event body: { event_name, created_at, id | user_id | email, metadata }.
-- Returns the contact and the checked fields; raises the API's errors.
function _M.validate(st, body)
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  if type(body.event_name) ~= "string" or body.event_name == "" then
    reply.missing("event_name is required", "event_name")
  end
  if math.type(body.created_at) ~= "integer" then
    reply.missing("created_at is required (a Unix timestamp in seconds)", "created_at")
  end
  if json.is_null(body.id) and json.is_null(body.user_id) and json.is_null(body.email) then
    reply.missing("one of id, user_id or email is required", "user_id")
  end
  local contact = _M.find_contact(st, body)
  if not contact then reply.not_found("User Not Found") end
  return contact, body.event_name, body.created_at, check_metadata(body.metadata)
end

-- Stores an event. The same contact, name and created_at is a duplicate,
-- which the API ignores without an error: nil is returned.
function _M.add(st, contact, name, created_at, metadata)
  for _, ev in pairs(st.events or {}) do
    if ev.contact_id == contact.id and ev.event_name == name and ev.created_at == created_at then return nil end
  end
  st.event_serial = (st.event_serial or 0) + 1
  local ev = store.add(st, "events", {
    id = ids.object_id(created_at, st.event_serial, 0x45564e54), contact_id = contact.id,
    event_name = name, created_at = created_at, metadata = metadata,
    user_id = contact.fields.external_id, email = contact.fields.email,
  })
  _M.count(st, contact.id, name, 1, created_at, created_at)
  return ev
end

function _M.render(ev)
  return {
    type = "event", id = ev.id, event_name = ev.event_name, created_at = ev.created_at,
    intercom_user_id = ev.contact_id, user_id = ev.user_id or json.null, email = ev.email or json.null,
    metadata = json.copy(ev.metadata),
  }
end

local function iso(t) return os.date("!%Y-%m-%dT%H:%M:%S.000Z", t) end

function _M.render_summary(s)
  -- description is a string in 2.15, never null: left out while there is none
  return { name = s.name, count = s.count, first = iso(s.first), last = iso(s.last), description = s.description }
end

return _M
