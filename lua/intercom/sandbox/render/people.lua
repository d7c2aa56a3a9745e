-- API shapes (Intercom 2.15 schemas) built from the store's records. Records
-- keep only data; everything derived (lists, urls, counts, nulls) is made here,
-- so a contact always shows its current tags, companies and notes.
local companies = require "intercom.sandbox.model.companies"
local json = require "intercom.sandbox.server.json"
local store = require "intercom.sandbox.model.store"

local _M = {}

local null, array = json.null, json.array

-- Scalar fields of the 2.15 contact schema (plus the ones its examples show),
-- rendered as null when unset, except those the schema says are never null
-- (NOT_NULL), which are left out instead.
_M.CONTACT_SCALARS = {
  "external_id", "role", "email", "email_domain", "phone", "name", "owner_id",
  "has_hard_bounced", "marked_email_as_spam", "unsubscribed_from_emails",
  "created_at", "updated_at", "signed_up_at", "last_seen_at", "last_replied_at",
  "last_contacted_at", "last_email_opened_at", "last_email_clicked_at",
  "language_override", "browser", "browser_version", "browser_language", "os",
  "android_app_name", "android_app_version", "android_device", "android_os_version",
  "android_sdk_version", "android_last_seen_at", "ios_app_name", "ios_app_version",
  "ios_device", "ios_os_version", "ios_sdk_version", "ios_last_seen_at",
  "utm_campaign", "utm_content", "utm_medium", "utm_source", "utm_term", "referrer",
  "enabled_push_messaging",
}

local NOT_NULL = {
  role = true, email = true, email_domain = true, has_hard_bounced = true, marked_email_as_spam = true,
  unsubscribed_from_emails = true, created_at = true, updated_at = true,
}

local LOCATION = { "country", "region", "city", "country_code", "continent_code" }
local SHOWN = 10 -- addressable lists show up to 10 items, then has_more

local orn = json.or_null

local function addressable(type_name, ids, url_prefix, list_url)
  local data = array()
  for i = 1, math.min(#ids, SHOWN) do
    data[i] = { type = type_name, id = ids[i], url = url_prefix .. ids[i] }
  end
  return { type = "list", data = data, url = list_url, total_count = #ids, has_more = #ids > SHOWN }
end

function _M.contact(st, rec)
  local f = rec.fields
  local o = { type = "contact", id = rec.id, workspace_id = st.workspace_id }
  for _, k in ipairs(_M.CONTACT_SCALARS) do
    if NOT_NULL[k] then o[k] = f[k] else o[k] = orn(f[k]) end
  end
  o.avatar = f.avatar and { type = "avatar", image_url = f.avatar } or null
  local loc = { type = "location" }
  for _, k in ipairs(LOCATION) do loc[k] = orn(f.location and f.location[k]) end
  o.location = loc
  local profiles = array()
  for i, p in ipairs(f.social_profiles or {}) do
    profiles[i] = { type = "social_profile", name = p.name, url = p.url }
  end
  o.social_profiles = { type = "list", data = profiles }
  o.custom_attributes = json.copy(f.custom_attributes or {})

  local base = "/contacts/" .. rec.id
  local tag_ids = {}
  for i, t in ipairs(rec.tags) do tag_ids[i] = t.id end
  o.tags = addressable("tag", tag_ids, "/tags/", base .. "/tags")
  o.notes = addressable("note", rec.notes, "/notes/", base .. "/notes")
  o.companies = addressable("company", rec.companies, "/companies/", base .. "/companies")
  local opted_in, opted_out = {}, {}
  for _, id in ipairs(rec.subscriptions) do
    local list = rec.consent[id] == "opt_in" and opted_in or opted_out
    list[#list + 1] = id
  end
  o.opted_in_subscription_types = addressable("subscription", opted_in, "/subscriptions/", base .. "/subscriptions")
  o.opted_out_subscription_types = addressable("subscription", opted_out, "/subscriptions/", base .. "/subscriptions")
  return o
end

-- contact_reference plus one flag: { type, id, external_id, deleted|archived }.
function _M.contact_ref(rec, flag, value)
  local o = { type = "contact", id = rec.id, external_id = orn(rec.fields.external_id) }
  if flag then o[flag] = value end
  return o
end

-- applied: { applied_at, applied_by } when returned from a tagging operation.
function _M.tag(tag, applied)
  local o = { type = "tag", id = tag.id, name = tag.name }
  if applied then
    o.applied_at = applied.applied_at
    o.applied_by = { type = "admin", id = applied.applied_by }
  end
  return o
end

function _M.segment(seg, count)
  local o = {
    type = "segment", id = seg.id, name = seg.name, created_at = seg.created_at,
    updated_at = seg.updated_at, person_type = seg.person_type,
  }
  if count then o.count = count end
  return o
end

function _M.company(st, c)
  local user_count = 0
  for _, rec in pairs(st.contacts) do
    for _, id in ipairs(rec.companies) do
      if id == c.id then user_count = user_count + 1 end
    end
  end
  local tags = array()
  for _, id in ipairs(c.tags or {}) do
    local t = store.get(st, "tags", id)
    if t then tags[#tags + 1] = { type = "tag", id = t.id, name = t.name } end
  end
  local segments = array()
  for i, seg in ipairs(companies.segments_of(st, c)) do segments[i] = _M.segment(seg) end
  return {
    type = "company", id = c.id, company_id = c.company_id, app_id = st.workspace_id,
    -- 2.15 declares none of a company's fields nullable: unset ones are left out
    name = c.name, remote_created_at = c.remote_created_at, created_at = c.created_at,
    updated_at = c.updated_at, last_request_at = c.last_request_at, size = c.size,
    website = c.website, industry = c.industry, monthly_spend = c.monthly_spend or 0,
    session_count = c.session_count or 0, user_count = user_count,
    plan = c.plan and { type = "plan", id = c.plan.id, name = c.plan.name } or {},
    custom_attributes = json.copy(c.custom_attributes or {}),
    tags = { type = "tag.list", tags = tags },
    segments = { type = "segment.list", segments = segments },
  }
end

function _M.subscription_type(s, consent_type)
  local translations = array()
  for i, t in ipairs(s.translations) do
    translations[i] = { name = t.name, description = t.description, locale = t.locale }
  end
  return {
    type = "subscription", id = s.id, state = s.state,
    consent_type = consent_type or s.consent_type,
    default_translation = translations[1] and json.copy(translations[1]) or null,
    translations = translations,
    content_types = array(json.copy(s.content_types)),
  }
end

function _M.admin(a)
  return {
    type = "admin", id = a.id, name = a.name, email = a.email, job_title = a.job_title,
    away_mode_enabled = a.away_mode_enabled, away_mode_reassign = a.away_mode_reassign,
    away_status_reason_id = null, has_inbox_seat = a.has_inbox_seat,
    team_ids = array(json.copy(a.team_ids)), avatar = orn(a.avatar),
    team_priority_level = {},
  }
end

-- GET /me: admin_with_app.
function _M.me(st, a)
  return {
    type = "admin", id = a.id, name = a.name, email = a.email, job_title = a.job_title,
    away_mode_enabled = a.away_mode_enabled, away_mode_reassign = a.away_mode_reassign,
    has_inbox_seat = a.has_inbox_seat, team_ids = array(json.copy(a.team_ids)),
    email_verified = true,
    avatar = { type = "avatar", image_url = orn(a.avatar) },
    app = {
      type = "app", id_code = st.workspace_id, name = st.app_name, created_at = st.app_created_at,
      secure = false, identity_verification = false, timezone = "Europe/Dublin", region = "US",
    },
  }
end

function _M.note(st, n)
  local author = store.get(st, "admins", n.author_id)
  return {
    type = "note", id = n.id, created_at = n.created_at, body = n.body,
    contact = n.contact_id and { type = "contact", id = n.contact_id } or null,
    company = n.company_id and { type = "company", id = n.company_id } or nil,
    author = author and {
      type = "admin", id = author.id, name = author.name, email = author.email,
      away_mode_enabled = author.away_mode_enabled, away_mode_reassign = author.away_mode_reassign,
    } or null,
  }
end

return _M
