-- The visitor model: anonymous Messenger users. The API cannot create them
-- (the Messenger does), so the sandbox seeds a few; they can be found,
-- updated, deleted (2.6 and before) and converted into contacts.
local fixtures = require "intercom.sandbox.fixtures.workspace"
local ids = require "intercom.sandbox.model.ids"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local _M = {}

local null, array = json.null, json.array

local orn = json.or_null

_M.SEEDED = {
  { user_id = "5f1c9a2e-7d3b-4c8e-9a41-0b6d2e3f4a51", pseudonym = "Teal Heron from Galway",
    custom_attributes = { landing_page = "/pricing" }, session_count = 3,
    location = { city_name = "Galway", region_name = "Connacht", country_name = "Ireland",
      country_code = "IRL", continent_code = "EU", timezone = "Europe/Dublin" } },
  { user_id = "a83e27d4-1c6f-4b0a-8e5d-97f2c4b1d036", pseudonym = "Amber Fox from Lisbon",
    custom_attributes = { landing_page = "/docs/api" }, session_count = 1,
    location = { city_name = "Lisbon", region_name = "Lisbon", country_name = "Portugal",
      country_code = "PRT", continent_code = "EU", timezone = "Europe/Lisbon" } },
  { user_id = "c0d94b7e-52a8-4f3e-b16c-3e8a09d5f7b2", pseudonym = "Slate Owl from Toronto",
    custom_attributes = {}, session_count = 7, name = "Sam",
    location = { city_name = "Toronto", region_name = "Ontario", country_name = "Canada",
      country_code = "CAN", continent_code = "NA", timezone = "America/Toronto" } },
}

function _M.seed(st)
  for i, v in ipairs(_M.SEEDED) do
    local at = fixtures.EPOCH + (60 + i) * fixtures.DAY
    store.add(st, "visitors", {
      id = ids.object_id(at, 300 + i, fixtures.SALT), user_id = v.user_id, pseudonym = v.pseudonym,
      name = v.name, custom_attributes = json.copy(v.custom_attributes), session_count = v.session_count,
      location = json.copy(v.location), created_at = at, updated_at = at, last_request_at = at + 600,
    })
  end
end

function _M.find(st, id)
  local v = store.get(st, "visitors", id)
  if not v then reply.not_found("Visitor Not Found") end
  return v
end

-- By the identifiers a request gives: { id } | { user_id } | { email }.
function _M.find_by(st, ident)
  if not json.is_object(ident) then reply.missing("visitor not specified", "visitor") end
  if not json.is_null(ident.id) then return _M.find(st, ident.id) end
  for _, v in ipairs(store.list(st, "visitors")) do
    if (type(ident.user_id) == "string" and v.user_id == ident.user_id)
      or (type(ident.email) == "string" and v.email and v.email:lower() == ident.email:lower()) then
      return v
    end
  end
  if json.is_null(ident.user_id) and json.is_null(ident.email) then
    reply.missing("visitor needs an id, a user_id or an email", "visitor")
  end
  reply.not_found("Visitor Not Found")
end

-- PUT /visitors may set these (update_visitor_request).
function _M.update(v, body, now)
  for k, x in pairs(body) do
    if k == "name" then
      if not json.is_null(x) and type(x) ~= "string" then reply.invalid("name must be a string", "name") end
      v.name = not json.is_null(x) and x or nil
    elseif k == "custom_attributes" then
      if not json.is_object(x) then reply.invalid("custom_attributes must be an object", "custom_attributes") end
      for name, value in pairs(x) do
        if type(value) == "table" and value ~= null then
          reply.invalid("custom attribute '" .. name .. "' must be a string, number, boolean or null",
            "custom_attributes." .. name)
        end
        if value == null then v.custom_attributes[name] = nil else v.custom_attributes[name] = value end
      end
    elseif k ~= "id" and k ~= "user_id" then
      reply.invalid("'" .. tostring(k) .. "' is not a field you can set on a visitor", tostring(k))
    end
  end
  v.updated_at = now
  return v
end

local UTM = { "utm_campaign", "utm_content", "utm_medium", "utm_source", "utm_term" }

-- The 2.15 visitor schema.
function _M.render(st, v)
  local loc = { type = "location_data" }
  for _, k in ipairs({ "city_name", "continent_code", "country_code", "country_name", "postal_code",
    "region_name", "timezone" }) do
    loc[k] = v.location and v.location[k] -- strings in 2.15, not nullable: left out when unknown
  end
  local o = {
    type = "visitor", id = v.id, user_id = v.user_id, anonymous = true, app_id = st.workspace_id,
    email = v.email or "", phone = null, name = orn(v.name), pseudonym = orn(v.pseudonym),
    avatar = { type = "avatar", image_url = null }, owner_id = null, do_not_track = null, referrer = null,
    created_at = v.created_at, updated_at = v.updated_at, remote_created_at = v.created_at,
    signed_up_at = v.created_at, last_request_at = orn(v.last_request_at), session_count = v.session_count or 0,
    unsubscribed_from_emails = false, marked_email_as_spam = false, has_hard_bounced = false,
    location_data = loc, custom_attributes = json.copy(v.custom_attributes),
    companies = { type = "company.list", companies = array() },
    social_profiles = { type = "social_profile.list", social_profiles = array() },
    segments = { type = "segment.list", segments = array() },
    tags = { type = "tag.list", tags = array() },
  }
  for _, k in ipairs(UTM) do o[k] = null end
  return o
end

-- Where a converted visitor was, in the contact's location fields.
function _M.contact_location(v)
  local loc = v.location or {}
  return { country = loc.country_name, region = loc.region_name, city = loc.city_name,
    country_code = loc.country_code, continent_code = loc.continent_code }
end

return _M
