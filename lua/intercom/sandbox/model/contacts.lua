-- The contact model: validation of create/update bodies, uniqueness of users,
-- archive, delete and merge. HTTP glue lives in routes/contacts.lua; shapes in
-- render/people.lua.
local ids = require "intercom.sandbox.model.ids"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local _M = {}

local is_null = json.is_null

local function is_integer(v)
  return type(v) == "number" and v == math.floor(v) and v > -2 ^ 53 and v < 2 ^ 53
end

local function nullable_string(name)
  return function(v)
    if is_null(v) then return nil end
    if type(v) ~= "string" then reply.invalid(name .. " must be a string", name) end
    return v
  end
end

local function nullable_timestamp(name)
  return function(v)
    if is_null(v) then return nil end
    if not is_integer(v) then reply.invalid(name .. " must be a UNIX timestamp in seconds (an integer)", name) end
    return math.floor(v)
  end
end

-- Writable fields (create_contact_request / update_contact_request) and how
-- each is checked. Anything else in a body is refused with 400.
_M.WRITABLE = {
  role = function(v)
    if v ~= "user" and v ~= "lead" then reply.invalid("role must be 'user' or 'lead'", "role") end
    return v
  end,
  external_id = function(v)
    if is_null(v) then return nil end
    if is_integer(v) then return string.format("%d", v) end
    if type(v) ~= "string" then reply.invalid("external_id must be a string", "external_id") end
    return v
  end,
  email = function(v)
    if is_null(v) or v == "" then return nil end
    if type(v) ~= "string" or not v:match("^[^@%s]+@[^@%s]+%.[^@%s]+$") then
      reply.invalid("email is not a valid email address", "email")
    end
    return v
  end,
  phone = nullable_string("phone"),
  name = nullable_string("name"),
  avatar = nullable_string("avatar"),
  signed_up_at = nullable_timestamp("signed_up_at"),
  last_seen_at = nullable_timestamp("last_seen_at"),
  owner_id = function(v)
    if is_null(v) then return nil end
    if not is_integer(v) then reply.invalid("owner_id must be an integer admin id", "owner_id") end
    return math.floor(v)
  end,
  unsubscribed_from_emails = function(v)
    if is_null(v) then return false end
    if type(v) ~= "boolean" then
      reply.invalid("unsubscribed_from_emails must be a boolean", "unsubscribed_from_emails")
    end
    return v
  end,
  custom_attributes = function(v)
    if is_null(v) then return {} end
    if type(v) ~= "table" or (json.is_array(v) and #v > 0) then
      reply.invalid("custom_attributes must be an object", "custom_attributes")
    end
    local out = {}
    for k, x in pairs(v) do
      if type(x) == "table" then
        reply.invalid("custom attribute '" .. tostring(k) .. "' must be a string, number, boolean or null",
          "custom_attributes." .. tostring(k))
      end
      out[tostring(k)] = x
    end
    return out
  end,
}

-- Checks a body; returns { field = value } with null as the key NULLED.
_M.NULLED = {}
function _M.validate(body)
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  local changes = {}
  for k, v in pairs(body) do
    local check = _M.WRITABLE[k]
    if not check then reply.invalid("'" .. tostring(k) .. "' is not a field you can set on a contact", tostring(k)) end
    local value = check(v)
    if value == nil then value = _M.NULLED end
    changes[k] = value
  end
  return changes
end

local function email_domain(email)
  return email and email:match("@(.+)$"):lower() or nil
end

-- Another user with this email or external_id (case-insensitive email)?
function _M.conflicting_user(st, except_id, email, external_id)
  local mail = email and email:lower()
  for id, rec in pairs(st.contacts) do
    local f = rec.fields
    if id ~= except_id and f.role == "user" then
      if (mail and f.email and f.email:lower() == mail) or (external_id and f.external_id == external_id) then
        return rec
      end
    end
  end
end

local function check_conflict(st, except_id, f)
  if f.role ~= "user" then return end
  local other = _M.conflicting_user(st, except_id, f.email, f.external_id)
  if other then
    reply.fail(409, "conflict", "A contact matching those details already exists with id=" .. other.id)
  end
end

-- A record with every field at its default; fields overrides (fixtures use it).
function _M.new_record(id, fields, now)
  local f = {
    role = "user", has_hard_bounced = false, marked_email_as_spam = false,
    unsubscribed_from_emails = false, created_at = now, updated_at = now,
    custom_attributes = {}, social_profiles = {}, location = {},
  }
  for k, v in pairs(fields or {}) do f[k] = v end
  if f.email then f.email_domain = email_domain(f.email) end
  return {
    id = id, fields = f, archived = false,
    tags = {}, notes = {}, companies = {}, subscriptions = {}, consent = {},
  }
end

function _M.new_id(st, now)
  st.contact_serial = (st.contact_serial or 0) + 1
  return ids.object_id(now, st.contact_serial)
end

local function apply(f, changes)
  for k, v in pairs(changes) do
    if k == "custom_attributes" then
      -- custom attributes merge into the existing map, key by key
      for name, value in pairs(v) do f.custom_attributes[name] = value end
    elseif v == _M.NULLED then
      f[k] = nil
    else
      f[k] = v
    end
  end
  f.email_domain = email_domain(f.email)
end

function _M.create(st, body, now)
  local changes = _M.validate(body)
  local role = changes.role or "user"
  local email = changes.email ~= _M.NULLED and changes.email or nil
  local external_id = changes.external_id ~= _M.NULLED and changes.external_id or nil
  if not email and not external_id and role ~= "lead" then
    reply.invalid("a contact needs an email, an external_id or the role 'lead'", "email")
  end
  local rec = _M.new_record(_M.new_id(st, now), {}, now)
  apply(rec.fields, changes)
  rec.fields.role = role
  if role == "user" and rec.fields.signed_up_at == nil then rec.fields.signed_up_at = now end
  check_conflict(st, nil, rec.fields)
  return store.add(st, "contacts", rec)
end

function _M.update(st, rec, body, now)
  local changes = _M.validate(body)
  if changes.role == "lead" and rec.fields.role == "user" then
    reply.invalid("a user cannot be turned back into a lead", "role")
  end
  local f = json.copy(rec.fields)
  apply(f, changes)
  if f.role == "user" and not f.email and not f.external_id then
    reply.invalid("a user needs an email or an external_id", "email")
  end
  check_conflict(st, rec.id, f)
  f.updated_at = now
  rec.fields = f
  return rec
end

-- message: the wording differs between /contacts/{id} and nested routes.
function _M.find(st, id, message)
  local rec = store.get(st, "contacts", id)
  if not rec then reply.not_found(message or "Contact Not Found") end
  return rec
end

function _M.find_by_external_id(st, external_id)
  local found
  for _, rec in pairs(st.contacts) do
    if rec.fields.external_id == external_id and (not found or rec.seq < found.seq) then found = rec end
  end
  return found
end

function _M.remove(st, rec)
  for _, note_id in ipairs(rec.notes) do store.remove(st, "notes", note_id) end
  store.remove(st, "contacts", rec.id)
end

local function append_missing(list, items, same)
  for _, item in ipairs(items) do
    local present = false
    for _, have in ipairs(list) do
      if same(have, item) then present = true break end
    end
    if not present then list[#list + 1] = item end
  end
end

-- Merges a lead into a user: the user keeps its own values and gains what it
-- lacks (fields, custom attributes, tags, companies, notes, subscriptions);
-- the lead is deleted.
function _M.merge(st, from, into, now)
  if from.id == into.id then reply.invalid("cannot merge a contact into itself", "from") end
  if from.fields.role ~= "lead" then reply.invalid("the contact to merge from must be a lead", "from") end
  if into.fields.role ~= "user" then reply.invalid("the contact to merge into must be a user", "into") end
  local f, lead = into.fields, from.fields
  for k, v in pairs(lead) do
    if f[k] == nil and k ~= "role" and k ~= "external_id" then f[k] = json.copy(v) end
  end
  for k, v in pairs(lead.custom_attributes or {}) do
    if f.custom_attributes[k] == nil then f.custom_attributes[k] = v end
  end
  f.email_domain = email_domain(f.email)
  append_missing(into.tags, from.tags, function(a, b) return a.id == b.id end)
  append_missing(into.companies, from.companies, rawequal)
  for _, note_id in ipairs(from.notes) do
    local note = store.get(st, "notes", note_id)
    if note then note.contact_id = into.id end
    into.notes[#into.notes + 1] = note_id
  end
  from.notes = {}
  for _, sub in ipairs(from.subscriptions) do
    if not into.consent[sub] then
      into.subscriptions[#into.subscriptions + 1] = sub
      into.consent[sub] = from.consent[sub]
    end
  end
  f.updated_at = now
  _M.remove(st, from)
  return into
end

return _M
