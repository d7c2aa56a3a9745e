-- The v1 API's view of the workspace's contacts: users (role "user") and
-- leads (role "lead", which v1 served under /contacts), in v1 shapes, and v1
-- request bodies turned into contact changes. The records are the ones the
-- 2.x routes serve, so a user made through /users is a contact in /contacts.
local companies = require "intercom.sandbox.model.companies"
local contact_search = require "intercom.sandbox.search.contacts"
local contacts = require "intercom.sandbox.model.contacts"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local _M = {}

local null, array = json.null, json.array

local orn = json.or_null

-- A v1 lead's user_id is a UUID; here it is made from the contact id (24 hex
-- digits), so either can be had from the other.
function _M.lead_user_id(id)
  if type(id) ~= "string" or not id:match("^%x+$") or #id ~= 24 then return id end
  return ("%s-%s-%s-%s-%s00000000"):format(id:sub(1, 8), id:sub(9, 12), id:sub(13, 16), id:sub(17, 20),
    id:sub(21, 24))
end

function _M.lead_id(user_id)
  local hex = type(user_id) == "string" and user_id:gsub("-", "") or ""
  if #hex == 32 and hex:match("^%x+$") and hex:sub(25) == "00000000" then return hex:sub(1, 24) end
  return nil
end

local UTM = { "utm_campaign", "utm_content", "utm_medium", "utm_source", "utm_term" }

local function person(st, rec, type_name)
  local f = rec.fields
  local loc = f.location or {}
  local profiles = array()
  for i, p in ipairs(f.social_profiles or {}) do
    profiles[i] = { type = "social_profile", name = p.name, url = p.url, id = null, username = null }
  end
  local company_list = array()
  for _, id in ipairs(rec.companies) do
    local c = store.get(st, "companies", id)
    if c then
      company_list[#company_list + 1] = { type = "company", id = c.id, company_id = c.company_id, name = c.name }
    end
  end
  local tag_list = array()
  for _, t in ipairs(rec.tags) do
    local tag = store.get(st, "tags", t.id)
    if tag then tag_list[#tag_list + 1] = { type = "tag", id = tag.id, name = tag.name } end
  end
  local segment_list = array()
  for i, seg in ipairs(contact_search.segments_of(st, rec)) do segment_list[i] = { type = "segment", id = seg.id } end
  local o = {
    type = type_name, id = rec.id, email = orn(f.email), phone = orn(f.phone), name = orn(f.name),
    avatar = { type = "avatar", image_url = orn(f.avatar) }, app_id = st.workspace_id,
    created_at = f.created_at, updated_at = f.updated_at, signed_up_at = orn(f.signed_up_at),
    remote_created_at = orn(f.signed_up_at), last_request_at = orn(f.last_seen_at), session_count = 0,
    pseudonym = null, owner_id = orn(f.owner_id), referrer = orn(f.referrer), last_seen_ip = null,
    user_agent_data = f.browser and (f.browser .. " " .. (f.browser_version or "")) or null,
    unsubscribed_from_emails = f.unsubscribed_from_emails == true, marked_email_as_spam = false,
    has_hard_bounced = false,
    location_data = {
      type = "location_data", city_name = orn(loc.city), region_name = orn(loc.region),
      country_name = orn(loc.country), country_code = orn(loc.country_code),
      continent_code = orn(loc.continent_code), postal_code = null, timezone = null,
    },
    social_profiles = { type = "social_profile.list", social_profiles = profiles },
    companies = { type = "company.list", companies = company_list },
    tags = { type = "tag.list", tags = tag_list },
    segments = { type = "segment.list", segments = segment_list },
    custom_attributes = json.copy(f.custom_attributes or {}),
  }
  for _, k in ipairs(UTM) do o[k] = orn(f[k]) end
  return o
end

function _M.user(st, rec)
  local o = person(st, rec, "user")
  o.user_id, o.anonymous = orn(rec.fields.external_id), false
  return o
end

function _M.lead(st, rec)
  local o = person(st, rec, "contact")
  o.user_id, o.anonymous = _M.lead_user_id(rec.id), true
  return o
end

local function is_role(rec, role)
  return rec and rec.fields.role == role and not rec.archived
end

-- The user a v1 request identifies by id, user_id or email (nil: none).
function _M.find_user(st, ident)
  if not json.is_null(ident.id) then
    local rec = store.get(st, "contacts", ident.id)
    if not is_role(rec, "user") then reply.not_found("User Not Found") end
    return rec
  end
  for _, rec in ipairs(store.list(st, "contacts")) do
    local f = rec.fields
    if is_role(rec, "user") and ((type(ident.user_id) == "string" and f.external_id == ident.user_id)
      or (type(ident.email) == "string" and f.email and f.email:lower() == ident.email:lower())) then
      return rec
    end
  end
end

function _M.find_lead(st, ident)
  local id = not json.is_null(ident.id) and ident.id or _M.lead_id(ident.user_id)
  local rec = store.get(st, "contacts", id)
  if not is_role(rec, "lead") then reply.not_found("Contact Not Found") end
  return rec
end

-- v1 user fields and where a contact keeps them.
local FIELDS = {
  email = "email", phone = "phone", name = "name", signed_up_at = "signed_up_at",
  last_request_at = "last_seen_at", unsubscribed_from_emails = "unsubscribed_from_emails",
  custom_attributes = "custom_attributes", user_id = "external_id", owner_id = "owner_id",
}

-- A v1 body as a 2.x contact body; fields v1 accepted and the sandbox does
-- not keep (new_session, last_seen_ip, ...) are dropped, as v1 was lenient.
local function changes_of(body, now)
  local out = {}
  for k, v in pairs(body) do
    if FIELDS[k] then out[FIELDS[k]] = v end
  end
  if body.update_last_request_at == true then out.last_seen_at = now end
  if json.is_object(body.avatar) then out.avatar = body.avatar.image_url end
  if type(out.external_id) == "number" then out.external_id = string.format("%d", out.external_id) end
  return out
end

-- companies: [{ company_id, name, ..., remove = true }]: attaches (creating
-- the company when new) or detaches.
local function apply_companies(st, rec, list, now)
  if json.is_null(list) then return end
  if not json.is_array(list) then reply.invalid("companies must be an array", "companies") end
  for _, item in ipairs(list) do
    if not json.is_object(item) then reply.invalid("each company must be an object", "companies") end
    local fields = json.copy(item)
    fields.remove = nil
    local c
    if item.remove == true then
      c = (not json.is_null(item.id) and store.get(st, "companies", item.id))
        or (type(item.company_id) == "string" and companies.by_company_id(st, item.company_id))
      if not c then reply.not_found("Company Not Found", "company_not_found") end
    else
      c = companies.create_or_update(st, fields, now)
    end
    for i = #rec.companies, 1, -1 do
      if rec.companies[i] == c.id then table.remove(rec.companies, i) end
    end
    if item.remove ~= true then rec.companies[#rec.companies + 1] = c.id end
  end
end

-- POST /users: updates the user the body identifies, or creates one.
function _M.upsert_user(st, body, now)
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  local rec = _M.find_user(st, body)
  local changes = changes_of(body, now)
  if rec then
    contacts.update(st, rec, changes, now)
  else
    if json.is_null(body.user_id) and json.is_null(body.email) then
      reply.fail(400, "bad_request", "A user_id or email is required to create a user")
    end
    changes.role = "user"
    rec = contacts.create(st, changes, now)
  end
  apply_companies(st, rec, body.companies, now)
  return rec
end

-- Converts a lead into a user: merged into the user the identity names if
-- there is one, else the lead becomes that user.
function _M.convert(st, lead, identity, now)
  local user = _M.find_user(st, identity)
  if user then return contacts.merge(st, lead, user, now) end
  if json.is_null(identity.user_id) and json.is_null(identity.email) then
    reply.fail(400, "bad_request", "A user_id or email is required to convert a lead")
  end
  local changes = changes_of({ user_id = identity.user_id, email = identity.email }, now)
  changes.role = "user"
  contacts.update(st, lead, changes, now)
  lead.fields.signed_up_at = lead.fields.signed_up_at or now
  return lead
end

return _M
