-- /events: data events of contacts. POST stores one (202, no body); GET lists
-- a contact's events newest first, pages linked by a pages.next URL, or with
-- summary=true their summaries; POST /events/summaries adds to the counts.
local events = require "intercom.sandbox.model.events"
local fixtures = require "intercom.sandbox.fixtures.data"
local json = require "intercom.sandbox.server.json"
local paging = require "intercom.sandbox.search.paging"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"
local urlcode = require "intercom.sandbox.server.urlcode"

local NEWEST_FIRST = { field = "created_at", descending = true, seq_descending = true }
local function key_of(ev) return { v = ev.created_at, s = ev.seq } end

local function create(ctx)
  local contact, name, created_at, metadata = events.validate(ctx.st, ctx.body)
  events.add(ctx.st, contact, name, created_at, metadata)
  return reply.json(202, nil)
end

-- The query of the next page's link: what was asked, plus the cursor.
local function next_url(ctx, q, per_page, cursor)
  local parts = {}
  for _, k in ipairs({ "type", "intercom_user_id", "user_id", "email" }) do
    if q[k] then parts[#parts + 1] = k .. "=" .. urlcode.encode(q[k]) end
  end
  parts[#parts + 1] = "per_page=" .. per_page
  parts[#parts + 1] = "before=" .. cursor
  return ctx.base_url .. "/events?" .. table.concat(parts, "&")
end

local function list(ctx)
  local q = ctx.query
  if q.type == nil or q.type == "" then reply.missing("type is required (user)", "type") end
  if q.type ~= "user" then reply.invalid("type must be user", "type") end
  local contact
  if q.intercom_user_id then
    contact = events.find_contact(ctx.st, { id = q.intercom_user_id })
  elseif q.user_id then
    contact = events.find_contact(ctx.st, { user_id = q.user_id })
  elseif q.email then
    contact = events.find_contact(ctx.st, { email = q.email })
  else
    reply.missing("one of intercom_user_id, user_id or email is required", "intercom_user_id")
  end
  if not contact then reply.not_found("User Not Found") end
  -- user_id and email are strings in 2.15 (not nullable): left out when unset
  local who = { intercom_user_id = contact.id, user_id = contact.fields.external_id, email = contact.fields.email }

  if q.summary == "true" then
    local items = json.array()
    for _, s in ipairs(store.list(ctx.st, "event_summaries", function(s) return s.contact_id == contact.id end)) do
      items[#items + 1] = events.render_summary(s)
    end
    who.type, who.events = "event.summary", items
    return reply.json(200, who)
  end

  local oldest = ctx.now - events.LISTABLE_DAYS * 86400
  local recs = store.list(ctx.st, "events", function(ev)
    return ev.contact_id == contact.id and ev.created_at >= oldest
  end)
  paging.sort(recs, NEWEST_FIRST, key_of)
  local per_page = paging.per_page(q.per_page, 50, 100)
  local page, pages = paging.cursor_page(recs, NEWEST_FIRST, key_of, per_page, q.before)
  local data = json.array()
  for i, ev in ipairs(page) do data[i] = events.render(ev) end
  who.type, who.events = "event.list", data
  if pages.next then who.pages = { next = next_url(ctx, q, per_page, pages.next.starting_after) } end
  return reply.json(200, who)
end

-- { user_id, event_summaries = { event_name, count, first, last } } (or an
-- array of such summaries): adds to the contact's counts.
local function summaries(ctx)
  local body = ctx.body
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  if json.is_null(body.user_id) then reply.missing("user_id is required", "user_id") end
  local contact = events.find_contact(ctx.st, { user_id = body.user_id })
  if not contact then reply.not_found("User Not Found") end
  local list_of = body.event_summaries
  if json.is_object(list_of) then list_of = { list_of } end
  if not json.is_array(list_of) or #list_of == 0 then
    reply.missing("event_summaries is required", "event_summaries")
  end
  for _, s in ipairs(list_of) do
    if not json.is_object(s) or type(s.event_name) ~= "string" or s.event_name == "" then
      reply.missing("each event summary needs an event_name", "event_summaries")
    end
    local count = s.count == nil and 1 or s.count
    if math.type(count) ~= "integer" or count < 1 then
      reply.invalid("count must be a positive integer", "event_summaries")
    end
    for _, k in ipairs({ "first", "last" }) do
      if s[k] ~= nil and math.type(s[k]) ~= "integer" then
        reply.invalid(k .. " must be a Unix timestamp", "event_summaries")
      end
    end
    local first = s.first or s.last or ctx.now
    local last = s.last or s.first or ctx.now
    if first > last then reply.invalid("first is after last", "event_summaries") end
    events.count(ctx.st, contact.id, s.event_name, count, first, last)
  end
  return reply.json(200, nil)
end

-- Sample events for the seeded contacts, dated back from the reset.
local function seed(st, opts)
  if opts.contacts == false then return end
  local now = os.time()
  for _, e in ipairs(fixtures.EVENTS) do
    local contact = events.find_contact(st, { email = e[1] })
    if contact then events.add(st, contact, e[2], now - e[3] * 86400, json.copy(e[4])) end
  end
end

return {
  seed = seed,
  { "POST /events", create },
  { "GET /events", list },
  { "POST /events/summaries", summaries },
}
