-- The sandbox against API 2.15's schemas where a validating proxy caught it:
-- a field the description declares with a type and not nullable is left out
-- when unset, never answered as null; and an empty answer carries no
-- Content-Type (an empty body is not JSON).
local http = require "http"
local sandbox_module = require "intercom.sandbox"
local core = require "intercom.core"

local VISITORS = {
  "5f1c9a2e-7d3b-4c8e-9a41-0b6d2e3f4a51", "a83e27d4-1c6f-4b0a-8e5d-97f2c4b1d036",
  "c0d94b7e-52a8-4f3e-b16c-3e8a09d5f7b2",
}

-- The paths of every null in v, array indexes written [] (".data[].email").
local function nulls(v, path, out)
  if v == core.null then
    out[#out + 1] = path
  elseif type(v) == "table" then
    for k, x in pairs(v) do
      nulls(x, path .. (math.type(k) == "integer" and "[]" or "." .. tostring(k)), out)
    end
  end
  return out
end

describe("the sandbox, against API 2.15's non-nullable fields", function()
  local sb

  setup(function() sb = sandbox_module.start{ port = 0 } end)
  teardown(function() sb:stop() end)
  before_each(function() sb:reset() end)

  -- res must hold no null at a path matching one of the patterns (Lua
  -- patterns on the null's path), except those matching `allowed`.
  local function assert_no_null(res, what, patterns, allowed)
    assert.is_true(res.status < 300, what .. " answered " .. res.status)
    local checked = 0
    for _, path in ipairs(nulls(res.json, "", {})) do
      for _, p in ipairs(patterns) do
        if path:match(p) and not (allowed and path:match(allowed)) then
          error(("%s: %s is null, which API 2.15 does not allow"):format(what, path), 2)
        end
      end
      checked = checked + 1
    end
    return checked
  end

  it("leaves out a contact's email and email_domain when it has none", function()
    http.post(sb, "/contacts", { role = "lead", name = "No Email" })
    local res = http.get(sb, "/contacts?per_page=150")
    local without = 0
    for _, c in ipairs(res.json.data) do
      if c.email == nil then without = without + 1 end
    end
    assert.is_true(without >= 1) -- the walk below sees such a contact
    assert_no_null(res, "GET /contacts", { "%.email$", "%.email_domain$", "%.role$", "%.created_at$",
      "%.updated_at$" })
  end)

  it("leaves out a company's last_request_at, website, industry, size when unset", function()
    http.post(sb, "/companies", { company_id = "bare-1", name = "Bare" })
    local res = http.get(sb, "/companies?per_page=60")
    local bare
    for _, c in ipairs(res.json.data) do
      if c.company_id == "bare-1" then bare = c end
    end
    assert.is_table(bare)
    assert.is_nil(bare.website)
    assert_no_null(res, "GET /companies", { "%.last_request_at$", "%.website$", "%.industry$", "%.size$",
      "%.remote_created_at$" })
  end)

  it("leaves out a call's answered_at and ended_at until they happen", function()
    local res = http.get(sb, "/calls")
    local unanswered = 0
    for _, c in ipairs(res.json.data) do
      if c.answered_at == nil then unanswered = unanswered + 1 end
    end
    assert.is_true(unanswered >= 1)
    assert_no_null(res, "GET /calls", { "%.answered_at$", "%.ended_at$" })
  end)

  it("leaves out a ticket part's previous state when there was none", function()
    local found = http.post(sb, "/tickets/search",
      { query = { field = "created_at", operator = ">", value = 0 }, pagination = { per_page = 150 } })
    assert.is_true(#found.json.tickets > 0)
    local stateless = 0
    for _, t in ipairs(found.json.tickets) do
      local res = http.get(sb, "/tickets/" .. t.id)
      for _, p in ipairs(res.json.ticket_parts.ticket_parts) do
        if p.previous_ticket_state == nil then stateless = stateless + 1 end
      end
      assert_no_null(res, "GET /tickets/" .. t.id, { "ticket_state$", "%.app_package_code$" })
    end
    assert.is_true(stateless >= 1)
  end)

  it("leaves out a draft's published_at", function()
    http.post(sb, "/news/news_items", { title = "Draft", sender_id = 991267401, state = "draft",
      newsfeed_assignments = { { newsfeed_id = 2101 } } })
    local res = http.get(sb, "/news/news_items")
    assert_no_null(res, "GET /news/news_items", { "%.published_at$", "%.body$" })
  end)

  it("leaves out the conversation statistics that do not exist yet", function()
    local list = http.get(sb, "/conversations?per_page=150")
    local missing = 0
    for _, c in ipairs(list.json.conversations) do
      local res = http.get(sb, "/conversations/" .. c.id)
      if res.json.statistics.first_close_at == nil then missing = missing + 1 end
      -- adjusted_handling_time is the one 2.15 lets be null
      assert_no_null(res, "GET /conversations/" .. c.id, { "^%.statistics%." }, "adjusted_handling_time$")
    end
    assert.is_true(missing >= 1) -- an open conversation has no close yet
  end)

  it("leaves out an event summary's description and the user's missing identifiers", function()
    local contacts = http.get(sb, "/contacts?per_page=150").json.data
    local summaries = 0
    for _, c in ipairs(contacts) do
      local res = http.get(sb, "/events?type=user&summary=true&intercom_user_id=" .. c.id)
      summaries = summaries + #res.json.events
      assert_no_null(res, "GET /events?summary=true", { "%.description$", "^%.email$", "^%.user_id$" })
    end
    assert.is_true(summaries >= 1)
  end)

  it("leaves out what a visitor's location_data does not know", function()
    local unknown = 0
    for _, user_id in ipairs(VISITORS) do
      local res = http.get(sb, "/visitors?user_id=" .. user_id)
      if res.json.location_data.postal_code == nil then unknown = unknown + 1 end
      assert_no_null(res, "GET /visitors", { "^%.location_data%." })
    end
    assert.is_true(unknown >= 1)
  end)

  it("answers an empty body with no Content-Type", function()
    local contact = http.get(sb, "/contacts").json.data[1]
    local now = os.time()
    local res = http.post(sb, "/events", { event_name = "spec-ran", created_at = now, id = contact.id })
    assert.equal(202, res.status)
    assert.equal("", res.body)
    assert.is_nil(res.headers["content-type"])
    res = http.post(sb, "/events/summaries", { user_id = contact.external_id or "x",
      event_summaries = { event_name = "spec-ran", count = 1, first = now, last = now } })
    assert.equal("", res.body)
    assert.is_nil(res.headers["content-type"])
    local tag = http.post(sb, "/tags", { name = "Unused" }).json
    res = http.delete(sb, "/tags/" .. tag.id)
    assert.equal("", res.body)
    assert.is_nil(res.headers["content-type"])
    -- a body still says what it is
    assert.equal("application/json; charset=utf-8", http.get(sb, "/me").headers["content-type"])
  end)
end)
