-- The seeded inbox: ticket types and states always exist (tickets need
-- them); with seeded contacts come five conversations, two tickets and three
-- calls between those contacts and the seeded admins. Deterministic, like
-- fixtures.lua: the same ids after every reset.
local conversations = require "intercom.sandbox.conversations"
local json = require "intercom.sandbox.json"
local store = require "intercom.sandbox.store"
local tickets = require "intercom.sandbox.tickets"

local _M = {}

local EPOCH = 1704067200 -- 2024-01-01T00:00:00Z, as in fixtures.lua
local DAY, HOUR, MINUTE = 86400, 3600, 60

local ADA, GRACE, ALAN = "991267401", "991267402", "991267403" -- fixtures.ADMINS
local SUPPORT_TEAM = "814865"

_M.TICKET_STATES = {
  { category = "submitted", internal_label = "Submitted", external_label = "Submitted" },
  { category = "in_progress", internal_label = "In progress", external_label = "In progress" },
  { category = "waiting_on_customer", internal_label = "Waiting on customer", external_label = "Waiting on you" },
  { category = "resolved", internal_label = "Resolved", external_label = "Resolved" },
}

_M.TICKET_TYPES = {
  { name = "Bug report", category = "Customer", icon = "🐞",
    description = "Something in the product is not working as expected",
    attributes = {
      { name = "Severity", description = "How badly the customer is affected", data_type = "list",
        list_items = "Low,Medium,High" },
      { name = "Browser", description = "Browser and version", data_type = "string" },
    } },
  { name = "Refund request", category = "Back-office", icon = "💳",
    description = "A refund that the finance team needs to process",
    attributes = {
      { name = "Amount", description = "Amount to refund, in euro", data_type = "decimal" },
      { name = "Invoice number", description = "The invoice being refunded", data_type = "string" },
    } },
  { name = "Service incident", category = "Tracker", icon = "🚨",
    description = "An outage or slowdown that affects several customers", attributes = {} },
}

local function contact_by_email(st, email)
  return conversations.contact_by_email(st, email)
end

local function thread(st, source, contact_ids, t)
  return conversations.new_record(st, source, contact_ids, t)
end

local function part(st, rec, at, p)
  return conversations.add_part(st, rec, p, at)
end

local function admin(id) return { type = "admin", id = id } end

local function seed_conversations(st, people)
  local ann, bob, carla, dev, eve = people.ann, people.bob, people.carla, people.dev, people.eve
  local out = {}

  -- Ann asks about single sign-on; Grace sets it up and closes.
  local t = EPOCH + 40 * DAY + 9 * HOUR
  local c = thread(st, { type = "conversation", delivered_as = "customer_initiated",
    body = "<p>Hi! Can we switch on SAML single sign-on for our workspace? We use Okta.</p>",
    author = conversations.contact_author(ann) }, { ann.id }, t)
  c.title = "SSO setup"
  part(st, c, t + 5 * MINUTE, { part_type = "assignment", author = admin(ADA), assigned_to = admin(GRACE) })
  c.admin_assignee_id = GRACE
  part(st, c, t + 20 * MINUTE, { part_type = "comment", author = admin(GRACE),
    body = "<p>Hi Ann, SSO comes with your Pro plan. I have sent the setup guide to your inbox.</p>" })
  part(st, c, t + 2 * HOUR, { part_type = "comment", author = conversations.contact_author(ann),
    body = "<p>Okta is connected now and the whole team can sign in. Thanks!</p>" })
  part(st, c, t + 2 * HOUR + 10 * MINUTE, { part_type = "note", author = admin(GRACE),
    body = "<p>Customer confirmed SSO works.</p>" })
  c.state = "closed"
  part(st, c, t + 2 * HOUR + 11 * MINUTE, { part_type = "close", author = admin(GRACE) })
  c.read, c.waiting_since = true, nil
  c.tags[1] = { id = "101", applied_at = t + 2 * HOUR + 11 * MINUTE, applied_by = GRACE }
  c.rating = { rating = 5, remark = "Quick and clear, thanks", contact_id = ann.id, admin_id = GRACE,
    created_at = t + 3 * HOUR }
  out.sso = c

  -- Bob was charged twice; the bot routes it to Support, Ada answers.
  t = EPOCH + 50 * DAY + 14 * HOUR
  c = thread(st, { type = "conversation", delivered_as = "customer_initiated",
    body = "<p>I think I was charged twice for January. Can you check invoice 4417?</p>",
    author = conversations.contact_author(bob) }, { bob.id }, t)
  c.title = "Double charge in January"
  c.priority = "priority"
  part(st, c, t + 3 * MINUTE, { part_type = "assignment", author = { type = "bot", id = conversations.BOT.id },
    assigned_to = { type = "team", id = SUPPORT_TEAM } })
  c.team_assignee_id = SUPPORT_TEAM
  part(st, c, t + 4 * MINUTE, { part_type = "assignment", author = admin(ADA), assigned_to = admin(ADA) })
  c.admin_assignee_id = ADA
  part(st, c, t + 10 * MINUTE, { part_type = "comment", author = admin(ADA),
    body = "<p>Sorry about that, Bob! I can see the duplicate charge and have asked billing to refund it.</p>" })
  part(st, c, t + 12 * MINUTE, { part_type = "comment", author = conversations.contact_author(bob),
    body = "<p>Great, how long does a refund usually take?</p>" })
  c.waiting_since = t + 12 * MINUTE
  c.handling = {
    { type = "paused", admin_id = ADA, at = t + 15 * MINUTE, reason = "Lunch break" },
    { type = "resumed", admin_id = ADA, at = t + 50 * MINUTE },
  }
  out.billing = c

  -- Carla phoned about a broken export; Grace logged a bug and snoozed it.
  t = EPOCH + 55 * DAY + 11 * HOUR
  c = thread(st, { type = "phone_call", delivered_as = "customer_initiated",
    body = "<p>Inbound call from +34 612 345 678</p>", author = conversations.contact_author(carla) },
    { carla.id }, t)
  part(st, c, t + 1 * MINUTE, { part_type = "assignment", author = admin(GRACE), assigned_to = admin(GRACE) })
  c.admin_assignee_id = GRACE
  part(st, c, t + 8 * MINUTE, { part_type = "note", author = admin(GRACE),
    body = "<p>Call summary: the CSV export drops its last row when a filter is on. Logged as a bug.</p>" })
  c.state, c.snoozed_until = "snoozed", t + 3 * DAY
  part(st, c, t + 9 * MINUTE, { part_type = "snoozed", author = admin(GRACE) })
  c.read, c.waiting_since = true, nil
  out.call = c

  -- Alan followed up on a webinar; Eve (a lead) answered.
  t = EPOCH + 60 * DAY + 10 * HOUR
  c = thread(st, { type = "conversation", delivered_as = "admin_initiated",
    body = "<p>Thanks for joining our webinar, Eve! Would a 20-minute demo be useful?</p>",
    author = admin(ALAN) }, { eve.id }, t)
  part(st, c, t + DAY, { part_type = "comment", author = conversations.contact_author(eve),
    body = "<p>Yes please, Thursday afternoon works for me.</p>" })
  c.waiting_since = t + DAY
  out.webinar = c

  -- Dev wrote in by email about rate limits; nobody has picked it up yet.
  t = EPOCH + 62 * DAY + 8 * HOUR
  c = thread(st, { type = "email", delivered_as = "customer_initiated", subject = "API rate limits",
    body = "<p>Hello, our nightly sync keeps getting 429s from the contacts endpoint. Can the limit be raised?</p>",
    author = conversations.contact_author(dev) }, { dev.id }, t)
  c.tags[1] = { id = "102", applied_at = t, applied_by = ADA }
  out.email = c
  return out
end

local function seed_tickets(st, types, people, convs)
  local bug, refund = types["Bug report"], types["Refund request"]
  local medium
  for _, a in ipairs(bug.attributes) do
    if a.name == "Severity" then medium = a.input_options.list_items[2].id end
  end
  local t = EPOCH + 55 * DAY + 11 * HOUR + 10 * MINUTE
  local k = tickets.create(st, {
    ticket_type_id = bug.id, contacts = { { id = people.carla.id } },
    ticket_attributes = { _default_title_ = "CSV export drops the last row",
      _default_description_ = "With a filter applied, the exported CSV is missing its final row.",
      Severity = medium, Browser = "Safari 17.2" },
    assignment = { admin_assignee_id = GRACE }, created_at = t,
  }, t, GRACE)
  tickets.update(st, k, { ticket_state_id = tickets.state_by_category(st, "in_progress").id, admin_id = GRACE },
    t + HOUR)
  tickets.link(k, convs.call)

  t = EPOCH + 50 * DAY + 14 * HOUR + 11 * MINUTE
  tickets.create(st, {
    ticket_type_id = refund.id, contacts = { { id = people.bob.id } },
    ticket_attributes = { _default_title_ = "Refund duplicate January charge",
      _default_description_ = "Invoice 4417 was charged twice.", Amount = 49.0, ["Invoice number"] = "4417" },
    assignment = { admin_assignee_id = ADA, team_assignee_id = SUPPORT_TEAM },
    conversation_to_link_id = convs.billing.id, created_at = t,
  }, t, ADA)
end

-- Calls: { conversation, admin, contact, direction, phone, timings, recording, transcript }.
local function seed_calls(st, people, convs)
  local t = convs.call.created_at
  store.add(st, "calls", {
    id = store.next_number(st, "call", 501), conversation_id = convs.call.id, admin_id = GRACE,
    contact_id = people.carla.id, direction = "inbound", phone = "+34612345678", call_type = "phone",
    state = "completed", ended_reason = "completed", initiated_at = t, answered_at = t + 12,
    ended_at = t + 7 * MINUTE + 30, created_at = t, updated_at = t + 7 * MINUTE + 31, recording = true,
    transcript = {
      { at = 3, speaker = "Grace Hopper", role = "admin", text = "Hi Carla, thanks for calling. How can I help?" },
      { at = 9, speaker = "Carla Diaz", role = "user",
        text = "Our CSV exports are missing the last row whenever we filter the list." },
      { at = 21, speaker = "Grace Hopper", role = "admin", text = "Does it happen with every filter, or only some?" },
      { at = 30, speaker = "Carla Diaz", role = "user", text = "Every filter I tried. Without a filter it is fine." },
      { at = 44, speaker = "Grace Hopper", role = "admin",
        text = "Thanks, I can reproduce it. I will log a bug and keep you posted." },
    },
  })
  t = convs.sso.created_at + 30 * MINUTE
  store.add(st, "calls", {
    id = store.next_number(st, "call", 501), conversation_id = convs.sso.id, admin_id = GRACE,
    contact_id = people.ann.id, direction = "outbound", phone = "+353871234567", call_type = "phone",
    state = "completed", ended_reason = "completed", initiated_at = t, answered_at = t + 8,
    ended_at = t + 4 * MINUTE, created_at = t, updated_at = t + 4 * MINUTE + 1, recording = false,
    transcript = {
      { at = 2, speaker = "Grace Hopper", role = "admin", text = "Hi Ann, it's Grace from support about SSO." },
      { at = 7, speaker = "Ann Lee", role = "user", text = "Perfect timing, I have the Okta console open." },
    },
  })
  t = convs.email.created_at + 2 * HOUR
  store.add(st, "calls", {
    id = store.next_number(st, "call", 501), conversation_id = convs.email.id, contact_id = people.dev.id,
    direction = "inbound", phone = "+14155550123", call_type = "phone", state = "missed",
    ended_reason = "no_answer", initiated_at = t, ended_at = t + 40, created_at = t, updated_at = t + 41,
    recording = false,
  })
end

function _M.seed(st, opts)
  st.conversations = st.conversations or {}
  st.tickets, st.calls = st.tickets or {}, st.calls or {}
  for _, s in ipairs(_M.TICKET_STATES) do
    local rec = json.copy(s)
    rec.id, rec.archived = tickets.next_id(st, "ticket_state"), false
    store.add(st, "ticket_states", rec)
  end
  local types = {}
  for i, spec in ipairs(_M.TICKET_TYPES) do
    local created = EPOCH + (10 + i) * DAY
    local tt = tickets.create_type(st, { name = spec.name, category = spec.category, icon = spec.icon,
      description = spec.description }, created)
    for _, a in ipairs(spec.attributes) do tickets.add_attribute(st, tt, a, created) end
    types[spec.name] = tt
  end
  if opts and opts.contacts == false then return end

  local people = {}
  for key, email in pairs({ ann = "ann@example.com", bob = "bob@example.com", carla = "carla@example.org",
    dev = "dev@example.net", eve = "eve@example.com" }) do
    people[key] = contact_by_email(st, email)
    if not people[key] then return end -- another fixture set: no inbox to seed
  end
  local convs = seed_conversations(st, people)
  seed_tickets(st, types, people, convs)
  seed_calls(st, people, convs)
end

return _M
