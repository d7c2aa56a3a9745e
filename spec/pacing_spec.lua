-- Pacing under concurrency: the tasks of a client share one view of the rate
-- limit, so 8 requests in flight against the sandbox's limiter finish a job
-- with no 429 at all (and no faster than the limit allows). The unit part
-- checks the view itself: windows, late answers, missing headers.
local intercom = require "intercom"
local core = require "intercom.core"
local pacing = require "intercom.pacing"
local sandbox_module = require "intercom.sandbox"

describe("pacing", function()
  describe("against the sandbox's limiter", function()
    local sandbox
    setup(function() sandbox = sandbox_module.start{ port = 0 } end)
    teardown(function() sandbox:stop() end)

    it("60 finds, 8 in flight, 20 per 1 s window: zero 429s", function()
      sandbox:reset()
      -- no retry of any kind: a 429 would fail the job
      local client = intercom.new{ token = "pacing", base_url = sandbox.url, max_retries = 0,
        handle_rate_limit = false }
      local id = client.contacts:create{ email = "paced@example.com", role = "user" }.id
      sandbox:set_rate_limit{ limit = 20, window = 1 }
      sandbox:clear_requests()
      local list = {}
      for i = 1, 60 do list[i] = id end
      local t0 = core.now()
      local found = intercom.map(list, function(x) return client.contacts:find(x).id end, { concurrency = 8 })
      local took = core.now() - t0
      assert.equal(60, #found)
      local statuses = {}
      for _, req in ipairs(sandbox:requests()) do statuses[req.status] = (statuses[req.status] or 0) + 1 end
      assert.same({ [200] = 60 }, statuses)
      -- 60 requests at 20 per window need three windows: at least 2 s
      assert.is_true(took >= 2, "took " .. took .. " s: faster than the limit allows")
      client:close()
    end)
  end)

  describe("the shared view", function()
    local function answer(limit, remaining, reset)
      return { ["x-ratelimit-limit"] = tostring(limit), ["x-ratelimit-remaining"] = tostring(remaining),
        ["x-ratelimit-reset"] = tostring(reset) }
    end

    it("lets requests go until remaining minus those in flight is spent, then waits for the reset", function()
      local p = { in_flight = 0 }
      assert.is_nil(pacing.admit(p, 100)) -- nothing known yet
      pacing.record(p, answer(10, 3, 105))
      p.in_flight = 2
      assert.is_nil(pacing.admit(p, 100.5))
      p.in_flight = 3 -- spent, if they all count: look again once answers are in
      assert.is_true(pacing.admit(p, 100.5) < 0.1)
      p.in_flight = 0
      pacing.record(p, answer(10, 0, 105))
      assert.equal(4.5, pacing.admit(p, 100.5))
      -- after the reset, the whole limit again
      assert.is_nil(pacing.admit(p, 105))
      assert.equal(10, p.remaining)
    end)

    it("keeps the lowest remaining of a window, ignores late answers of an old one", function()
      local p = { in_flight = 0 }
      pacing.record(p, answer(10, 5, 105))
      pacing.record(p, answer(10, 7, 105)) -- came back out of order
      assert.equal(5, p.remaining)
      pacing.record(p, answer(10, 9, 106)) -- a new window
      assert.equal(9, p.remaining)
      assert.equal(106, p.reset_at)
      pacing.record(p, answer(10, 0, 105)) -- late, from the window before
      assert.equal(9, p.remaining)
    end)

    it("without the headers, nothing is paced", function()
      local p = { in_flight = 5 }
      pacing.record(p, {})
      assert.is_nil(pacing.admit(p, 100))
    end)
  end)
end)
