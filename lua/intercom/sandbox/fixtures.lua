-- The seeded workspace: admins, tags, companies, segments and subscription
-- types always exist (tests need ids to attach); sample contacts and notes
-- come with seed = true. Everything here is deterministic, so ids survive
-- sb:reset() and are the same in every sandbox.
local contacts = require "intercom.sandbox.contacts"
local ids = require "intercom.sandbox.ids"
local json = require "intercom.sandbox.json"
local store = require "intercom.sandbox.store"

local _M = {}

local SALT = 0x5a4d4258 -- fixed middle of fixture ids, so they never change
local EPOCH = 1704067200 -- 2024-01-01T00:00:00Z; fixtures are dated from here
local DAY = 86400
_M.SALT, _M.EPOCH, _M.DAY = SALT, EPOCH, DAY -- for the seeds of route modules

_M.ADMINS = {
  { id = "991267401", name = "Ada Lovelace", email = "ada@sandbox.example.com", job_title = "Support lead",
    away_mode_enabled = false, away_mode_reassign = false, has_inbox_seat = true, team_ids = { 814865 },
    avatar = "https://static.intercomassets.com/assets/default-avatars/admins/128.png" },
  { id = "991267402", name = "Grace Hopper", email = "grace@sandbox.example.com", job_title = "Engineer",
    away_mode_enabled = false, away_mode_reassign = false, has_inbox_seat = true, team_ids = { 814865 } },
  { id = "991267403", name = "Alan Turing", email = "alan@sandbox.example.com", job_title = "Sales",
    away_mode_enabled = true, away_mode_reassign = true, has_inbox_seat = false, team_ids = {} },
}

_M.TAGS = {
  { id = "101", name = "VIP" },
  { id = "102", name = "Beta tester" },
  { id = "103", name = "Churn risk" },
  { id = "104", name = "Newsletter" },
}

_M.COMPANIES = {
  { company_id = "acme-1", name = "Acme Corp", plan = { id = "269315", name = "Pro" }, size = 120,
    website = "https://acme.example.com", industry = "Manufacturing", monthly_spend = 4900,
    session_count = 310, custom_attributes = { region = "EMEA", renewal = "2025-06" } },
  { company_id = "globex-2", name = "Globex", plan = { id = "269316", name = "Starter" }, size = 35,
    website = "https://globex.example.com", industry = "Energy", monthly_spend = 490,
    session_count = 54, custom_attributes = { region = "AMER" } },
  { company_id = "initech-3", name = "Initech", size = 800, website = "https://initech.example.com",
    industry = "Software", monthly_spend = 0, session_count = 3, custom_attributes = {} },
}

-- Segment membership is computed with the search language (see contact_search.lua).
_M.SEGMENTS = {
  { name = "All users", person_type = "user", rule = { field = "role", operator = "=", value = "user" } },
  { name = "All leads", person_type = "contact", rule = { field = "role", operator = "=", value = "lead" } },
  { name = "Pro plan", person_type = "user", rule = { operator = "AND", value = {
    { field = "role", operator = "=", value = "user" },
    { field = "custom_attributes.plan", operator = "=", value = "pro" } } } },
  { name = "VIPs", person_type = "user", rule = { field = "tag_id", operator = "=", value = "101" } },
}

-- Company segments: rules on the company itself (see companies.lua).
_M.COMPANY_SEGMENTS = {
  { name = "Large companies", rule = { field = "size", operator = ">=", value = 100 } },
  { name = "Paying customers", rule = { field = "monthly_spend", operator = ">", value = 0 } },
}

-- Notes on companies (the API has no way to add them; they come from the inbox).
_M.COMPANY_NOTES = {
  { id = "901", company = "acme-1", body = "<p>Signed the three-year enterprise agreement.</p>", day = 20 },
  { id = "902", company = "acme-1", body = "<p>Procurement wants invoices in EUR from July.</p>", day = 45 },
  { id = "903", company = "globex-2", body = "<p>Evaluating the Starter plan for a second team.</p>", day = 30 },
}

_M.SUBSCRIPTION_TYPES = {
  { id = "106", state = "live", consent_type = "opt_out", content_types = { "email" },
    translations = { { name = "Newsletters", description = "Our monthly newsletter", locale = "en" } } },
  { id = "107", state = "live", consent_type = "opt_in", content_types = { "email" },
    translations = { { name = "Product updates", description = "News about features you use", locale = "en" } } },
  { id = "108", state = "live", consent_type = "opt_in", content_types = { "sms_message" },
    translations = { { name = "SMS offers", description = "Occasional offers by text message", locale = "en" } } },
}

local function browser(name, version, os_name)
  return { browser = name, browser_version = version, browser_language = "en-US", os = os_name }
end

-- Sample contacts: { fields, tags = {tag ids}, companies = {company_ids}, subscriptions = {id = consent} }.
_M.CONTACTS = {
  { fields = { role = "user", email = "ann@example.com", external_id = "u-1001", name = "Ann Lee",
      phone = "+353871234567", owner_id = 991267401, last_seen_at = EPOCH + 90 * DAY,
      custom_attributes = { plan = "pro", seats = 12, trial = false },
      location = { country = "Ireland", region = "Dublin", city = "Dublin",
        country_code = "IRL", continent_code = "EU" },
      social_profiles = { { name = "Twitter", url = "http://twitter.com/annlee" } } },
    extra = browser("Chrome", "120.0.6099.109", "Mac OS X"),
    tags = { "101" }, companies = { "acme-1" }, subscriptions = { ["107"] = "opt_in" },
    notes = { "<p>Renewal call booked for June.</p>", "<p>Asked about SSO.</p>" } },
  { fields = { role = "user", email = "bob@example.com", external_id = "u-1002", name = "Bob Stone",
      custom_attributes = { plan = "free", seats = 1, trial = true },
      location = { country = "United States", region = "California", city = "San Francisco",
        country_code = "USA", continent_code = "NA" } },
    extra = browser("Firefox", "121.0", "Windows 10"), companies = { "globex-2" } },
  { fields = { role = "user", email = "carla@example.org", external_id = "u-1003", name = "Carla Diaz",
      custom_attributes = { plan = "pro", seats = 40, trial = false },
      location = { country = "Spain", region = "Madrid", city = "Madrid",
        country_code = "ESP", continent_code = "EU" } },
    extra = browser("Safari", "17.2", "iOS 17.2"), tags = { "102" }, companies = { "acme-1", "initech-3" } },
  { fields = { role = "user", email = "dev@example.net", external_id = "u-1004", name = "Dev Patel",
      unsubscribed_from_emails = true, custom_attributes = { plan = "team", seats = 5, trial = false } },
    extra = browser("Chrome", "119.0.6045.199", "Linux"), tags = { "103" }, subscriptions = { ["106"] = "opt_out" } },
  { fields = { role = "lead", email = "eve@example.com", name = "Eve Moss",
      custom_attributes = { source = "webinar" } },
    extra = browser("Edge", "120.0.2210.77", "Windows 11"), tags = { "104" } },
  { fields = { role = "lead", custom_attributes = { source = "pricing page" } },
    extra = browser("Chrome", "120.0.6099.109", "Android 14") },
}

function _M.seed(st, opts)
  st.app_name = "Sandbox"
  st.app_created_at = EPOCH
  for _, a in ipairs(_M.ADMINS) do
    local rec = {}
    for k, v in pairs(a) do rec[k] = v end
    store.add(st, "admins", rec)
  end
  st.me = _M.ADMINS[1].id
  for _, t in ipairs(_M.TAGS) do store.add(st, "tags", { id = t.id, name = t.name, created_at = EPOCH }) end
  st.counters.tag = 104
  local company_by_ext = {}
  for i, c in ipairs(_M.COMPANIES) do
    local rec = {
      id = ids.object_id(EPOCH + i * DAY, i, SALT), company_id = c.company_id, name = c.name,
      plan = c.plan, size = c.size, website = c.website, industry = c.industry,
      monthly_spend = c.monthly_spend, session_count = c.session_count,
      custom_attributes = json.copy(c.custom_attributes), remote_created_at = EPOCH - 400 * DAY,
      created_at = EPOCH + i * DAY, updated_at = EPOCH + i * DAY, last_request_at = EPOCH + (100 - 10 * i) * DAY,
      tags = {},
    }
    store.add(st, "companies", rec)
    company_by_ext[c.company_id] = rec.id
  end
  for i, s in ipairs(_M.SEGMENTS) do
    store.add(st, "segments", {
      id = ids.object_id(EPOCH + i * DAY, 100 + i, SALT), name = s.name, person_type = s.person_type,
      rule = s.rule, created_at = EPOCH + i * DAY, updated_at = EPOCH + i * DAY,
    })
  end
  for i, s in ipairs(_M.COMPANY_SEGMENTS) do
    store.add(st, "company_segments", {
      id = ids.object_id(EPOCH + i * DAY, 150 + i, SALT), name = s.name, rule = s.rule,
      created_at = EPOCH + i * DAY, updated_at = EPOCH + i * DAY,
    })
  end
  for _, n in ipairs(_M.COMPANY_NOTES) do
    store.add(st, "notes", {
      id = n.id, body = n.body, company_id = company_by_ext[n.company], author_id = _M.ADMINS[2].id,
      created_at = EPOCH + n.day * DAY,
    })
  end
  for _, s in ipairs(_M.SUBSCRIPTION_TYPES) do
    local rec = {}
    for k, v in pairs(s) do rec[k] = v end
    store.add(st, "subscription_types", rec)
  end
  st.counters.note = 1000
  if opts and opts.contacts == false then return st end

  for i, c in ipairs(_M.CONTACTS) do
    local created = EPOCH + i * 7 * DAY
    local fields = json.copy(c.fields) -- records are mutated; the constants must not be
    for k, v in pairs(c.extra or {}) do fields[k] = v end
    if fields.role == "user" then fields.signed_up_at = created end
    local rec = contacts.new_record(ids.object_id(created, 200 + i, SALT), fields, created)
    for _, tag_id in ipairs(c.tags or {}) do
      rec.tags[#rec.tags + 1] = { id = tag_id, applied_at = created, applied_by = st.me }
    end
    for _, ext in ipairs(c.companies or {}) do rec.companies[#rec.companies + 1] = company_by_ext[ext] end
    for _, s in ipairs(_M.SUBSCRIPTION_TYPES) do
      local consent = c.subscriptions and c.subscriptions[s.id]
      if consent then
        rec.subscriptions[#rec.subscriptions + 1] = s.id
        rec.consent[s.id] = consent
      end
    end
    store.add(st, "contacts", rec)
    for j, body in ipairs(c.notes or {}) do
      local note = {
        id = store.next_number(st, "note", 1001), body = body, contact_id = rec.id,
        author_id = st.me, created_at = created + j * DAY,
      }
      store.add(st, "notes", note)
      rec.notes[#rec.notes + 1] = note.id
    end
  end
  return st
end

return _M
