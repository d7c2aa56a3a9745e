-- client.events end to end against the sandbox: submitting events, listing a
-- contact's events and summaries across pages, event summaries, and the
-- legacy bulk job API, with the wire format checked at the sandbox.
local intercom = require "intercom"
local harness = require "sandbox_harness"

describe("client.events", function()
  local sandbox, client

  local h = harness.new({ token = "events_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, bad_input, api_error = h.last, h.bad_input, h.api_error

  local function new_user(email, external_id)
    return client.contacts:create{ email = email, external_id = external_id, role = "user" }
  end

  local function names(coll)
    local out = {}
    for e in coll do out[#out + 1] = e.event_name end
    return out
  end

  describe("create", function()
    it("posts the event and returns nil for the API's empty 202", function()
      local u = new_user("ev1@spec.test", "ev-1")
      local t = os.time() - 60
      assert.is_nil(client.events:create{ event_name = "ordered-item", created_at = t, user_id = "ev-1",
        metadata = { order_number = "A-1", price = { amount = 2999, currency = "eur" } } })
      local req = last()
      assert.equal("POST", req.method)
      assert.equal("/events", req.path)
      assert.same({ event_name = "ordered-item", created_at = t, user_id = "ev-1",
        metadata = { order_number = "A-1", price = { amount = 2999, currency = "eur" } } }, req.json)
      local e = client.events:find_all{ intercom_user_id = u.id }:first()
      assert.equal("event", e.type)
      assert.equal("ordered-item", e.event_name)
      assert.equal(t, e.created_at)
      assert.equal("integer", math.type(e.created_at))
      assert.equal(u.id, e.intercom_user_id)
      assert.equal("A-1", e.metadata.order_number)
      assert.equal(2999, e.metadata.price.amount)
    end)

    it("finds the contact by email or Intercom id too, and save is create", function()
      local u = new_user("ev2@spec.test")
      client.events:create{ event_name = "by-email", created_at = os.time() - 2, email = "EV2@spec.test" }
      client.events:save{ event_name = "by-id", created_at = os.time() - 1, id = u.id }
      assert.same({ event_name = "by-id", created_at = last().json.created_at, id = u.id }, last().json)
      assert.same({ "by-id", "by-email" }, names(client.events:find_all{ email = "ev2@spec.test" }))
    end)

    it("sends the time of the call when created_at is left out (the API requires it)", function()
      new_user("ev3@spec.test", "ev-3")
      local before = os.time()
      client.events:create{ event_name = "logged-in", user_id = "ev-3" }
      local sent = last().json.created_at
      assert.equal("integer", math.type(sent))
      assert.is_true(sent >= before and sent <= os.time())
    end)

    it("does not modify the caller's arguments", function()
      new_user("ev4@spec.test", "ev-4")
      local args = { event_name = "x", user_id = "ev-4" }
      client.events:create(args)
      assert.same({ event_name = "x", user_id = "ev-4" }, args)
    end)

    it("ignores a duplicate (same contact, name and created_at), as the API does", function()
      local u = new_user("ev5@spec.test", "ev-5")
      local t = os.time() - 10
      client.events:create{ event_name = "dup", created_at = t, user_id = "ev-5" }
      client.events:create{ event_name = "dup", created_at = t, user_id = "ev-5" }
      assert.equal(1, #client.events:find_all{ intercom_user_id = u.id }:to_array())
    end)

    it("raises the API's errors", function()
      api_error("ResourceNotFound", function()
        client.events:create{ event_name = "x", created_at = os.time(), user_id = "nobody-here" }
      end, 404)
      new_user("ev6@spec.test", "ev-6")
      local err = api_error("BadRequestError", function()
        client.events:create{ event_name = "x", user_id = "ev-6", metadata = { deep = { a = { b = 1 } } } }
      end)
      assert.equal("parameter_invalid", err.code)
      assert.matches("nested", err.message)
    end)

    it("checks arguments before sending", function()
      bad_input(function() client.events:create() end, "events:create: argument 'arguments' is required")
      bad_input(function() client.events:create{ user_id = "u" } end, "argument 'event_name' is required")
      bad_input(function() client.events:create{ event_name = "x" } end, "give the contact as user_id, email or id")
      bad_input(function() client.events:create{ event_name = "x", user_id = 5 } end,
        "argument 'user_id' must be a string")
      bad_input(function() client.events:create{ event_name = "x", id = "c", created_at = 1.5 } end,
        "argument 'created_at' must be an integer")
      bad_input(function() client.events:create{ event_name = "x", id = "c", metadata = "m" } end,
        "argument 'metadata' must be a table")
    end)
  end)

  describe("find_all", function()
    it("lists a seeded contact's events newest first, with type=user added", function()
      local list = names(client.events:find_all{ user_id = "u-1001" })
      assert.same({ "placed-order", "viewed-pricing", "placed-order" }, list)
      local req = last()
      assert.equal("GET", req.method)
      assert.equal("/events", req.path)
      assert.same({ type = "user", user_id = "u-1001" }, req.query)
    end)

    it("pages across several pages by following pages.next URLs", function()
      local u = new_user("pager@spec.test", "pager")
      local now = os.time()
      for i = 1, 5 do
        client.events:create{ event_name = "step-" .. i, created_at = now - 100 + i, user_id = "pager" }
      end
      sandbox:clear_requests()
      local got = names(client.events:find_all{ intercom_user_id = u.id, per_page = 2 })
      assert.same({ "step-5", "step-4", "step-3", "step-2", "step-1" }, got)
      local reqs = sandbox:requests()
      assert.equal(3, #reqs)
      assert.same({ type = "user", intercom_user_id = u.id, per_page = "2" }, reqs[1].query)
      for i = 2, 3 do
        assert.equal("/events", reqs[i].path)
        assert.equal(u.id, reqs[i].query.intercom_user_id)
        assert.is_string(reqs[i].query.before)
      end
    end)

    it("lists only the last 90 days, but counts older events in the summary", function()
      new_user("old@spec.test", "old")
      client.events:create{ event_name = "ancient", created_at = os.time() - 100 * 86400, user_id = "old" }
      client.events:create{ event_name = "recent", created_at = os.time() - 60, user_id = "old" }
      assert.same({ "recent" }, names(client.events:find_all{ user_id = "old" }))
      local counted = {}
      for s in client.events:find_all{ user_id = "old", summary = true } do counted[s.name] = s.count end
      assert.same({ ancient = 1, recent = 1 }, counted)
    end)

    it("answers summaries with summary = true", function()
      local by_name = {}
      for s in client.events:find_all{ email = "ann@example.com", summary = true } do by_name[s.name] = s end
      assert.same({ type = "user", email = "ann@example.com", summary = "true" }, last().query)
      assert.equal(2, by_name["placed-order"].count)
      assert.equal(1, by_name["viewed-pricing"].count)
      assert.matches("^%d%d%d%d%-%d%d%-%d%dT", by_name["placed-order"].first)
      assert.is_true(by_name["placed-order"].first < by_name["placed-order"].last)
    end)

    it("raises the API's errors", function()
      api_error("ResourceNotFound", function() client.events:find_all{ user_id = "nobody" }:first() end)
      local err = api_error("BadRequestError", function()
        client.events:find_all{ user_id = "u-1001", type = "company" }:first()
      end)
      assert.equal("type", err.field)
    end)

    it("checks arguments before sending", function()
      bad_input(function() client.events:find_all() end, "argument 'arguments' is required")
      bad_input(function() client.events:find_all{} end, "give the contact as intercom_user_id, user_id or email")
      bad_input(function() client.events:find_all{ email = "a@b.c", summary = "yes" } end,
        "argument 'summary' must be a boolean")
      bad_input(function() client.events:find_all{ email = "a@b.c", per_page = "2" } end,
        "argument 'per_page' must be an integer")
    end)
  end)

  describe("summaries", function()
    it("adds to a contact's event counts", function()
      local t0, t1 = 1700000000, 1700500000
      assert.is_nil(client.events:summaries{ user_id = "u-1002",
        event_summaries = { event_name = "exported-report", count = 4, first = t0, last = t1 } })
      local req = last()
      assert.equal("POST /events/summaries", req.method .. " " .. req.path)
      assert.same({ user_id = "u-1002",
        event_summaries = { event_name = "exported-report", count = 4, first = t0, last = t1 } }, req.json)
      client.events:summaries{ user_id = "u-1002", event_summaries = { event_name = "exported-report", count = 1,
        first = t1 + 10, last = t1 + 10 } }
      local s
      for x in client.events:find_all{ user_id = "u-1002", summary = true } do
        if x.name == "exported-report" then s = x end
      end
      assert.equal(5, s.count)
      assert.equal("2023-11-14T22:13:20.000Z", s.first)
      assert.equal(os.date("!%Y-%m-%dT%H:%M:%S.000Z", t1 + 10), s.last)
    end)

    it("raises the API's errors and checks arguments", function()
      api_error("ResourceNotFound", function()
        client.events:summaries{ user_id = "nobody", event_summaries = { event_name = "x" } }
      end)
      api_error("BadRequestError", function()
        client.events:summaries{ user_id = "u-1002", event_summaries = { event_name = "x", count = 0 } }
      end)
      bad_input(function() client.events:summaries() end, "expected a table of arguments, got nil")
      bad_input(function() client.events:summaries{ event_summaries = {} } end, "argument 'user_id' is required")
      bad_input(function() client.events:summaries{ user_id = "u" } end, "argument 'event_summaries' is required")
    end)
  end)

  describe("submit_bulk_job (legacy bulk API)", function()
    local legacy
    before_each(function()
      legacy = intercom.new{ token = "events_spec_token", transport = sandbox:transport(), max_retries = 0,
        api_version = "1.4" }
    end)

    it("sends the gem's envelope and returns the job", function()
      local t = os.time() - 30
      local job = legacy.events:submit_bulk_job{ create_items = {
        { event_name = "bulk-a", created_at = t, user_id = "u-1002" },
        { event_name = "bulk-b", created_at = t, email = "nobody@nowhere.test" },
      } }
      local req = last()
      assert.equal("POST /bulk/events", req.method .. " " .. req.path)
      assert.equal("1.4", req.headers["intercom-version"])
      assert.same({ items = {
        { method = "post", data_type = "event", data = { event_name = "bulk-a", created_at = t, user_id = "u-1002" } },
        { method = "post", data_type = "event", data = { event_name = "bulk-b", created_at = t,
          email = "nobody@nowhere.test" } },
      } }, req.json)
      assert.equal("job", job.type)
      assert.matches("^job_", job.id)
      assert.equal("running", job.state)
      assert.equal(2, job.tasks[1].item_count)
      assert.same({ "bulk-a", "invited-teammate" }, names(client.events:find_all{ user_id = "u-1002" }))
      local feed = legacy.jobs:errors(job.id)
      assert.equal(1, #feed.items)
      assert.equal("nobody@nowhere.test", feed.items[1].data.email)
      assert.equal("not_found", feed.items[1].error.code)
    end)

    it("appends to an open job with job_id", function()
      local job = legacy.events:submit_bulk_job{ create_items = {
        { event_name = "one", created_at = os.time() - 5, user_id = "u-1003" } } }
      local same = legacy.events:submit_bulk_job{ job_id = job.id, create_items = {
        { event_name = "two", created_at = os.time() - 4, user_id = "u-1003" } } }
      assert.same({ id = job.id }, last().json.job)
      assert.equal(job.id, same.id)
      assert.equal(2, #same.tasks)
    end)

    it("is answered only for API versions that had it", function()
      api_error("ResourceNotFound", function()
        client.events:submit_bulk_job{ create_items = { { event_name = "x", created_at = 1, user_id = "u-1001" } } }
      end)
      -- without an Intercom-Version the sandbox serves its own version, 2.15
      local unversioned = intercom.new{ token = "t", transport = sandbox:transport(), api_version = false }
      local items = { { event_name = "x", created_at = 1, user_id = "u-1001" } }
      api_error("ResourceNotFound", function() unversioned.events:submit_bulk_job{ create_items = items } end)
    end)

    it("refuses delete_items and bad items before sending, as the gem does", function()
      bad_input(function() legacy.events:submit_bulk_job{ create_items = { {} }, delete_items = { {} } } end,
        "events do not support bulk delete")
      bad_input(function() legacy.events:submit_bulk_job{} end, "argument 'create_items' is required")
      bad_input(function() legacy.events:submit_bulk_job{ create_items = {} } end, "non%-empty array")
      bad_input(function() legacy.events:submit_bulk_job{ create_items = { "e" } } end,
        "create_items%[1%] must be a table")
      bad_input(function() legacy.events:submit_bulk_job{ create_items = { {} }, job_id = {} } end,
        "argument 'job_id' must be a non%-empty string")
    end)
  end)
end)
