-- client.jobs end to end against the sandbox: the 2.15 job status, and the
-- legacy bulk job API (find, load, errors, all, find_all) that only API 1.x
-- answers, with the wire format checked at the sandbox.
local intercom = require "intercom"
local harness = require "sandbox_harness"

describe("client.jobs", function()
  local sandbox, client, legacy

  local h = harness.new({ token = "jobs_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, bad_input, api_error = h.last, h.bad_input, h.api_error
  before_each(function()
    legacy = intercom.new{ token = "jobs_spec_token", transport = sandbox:transport(), max_retries = 0,
      api_version = "1.2" }
  end)

  -- A bulk event job with one good item and, with bad = true, one that fails.
  local function bulk_job(bad)
    local items = { { event_name = "bulk-ok", created_at = os.time() - 5, user_id = "u-1001" } }
    if bad then items[2] = { event_name = "bulk-bad", created_at = os.time() - 5, user_id = "missing-user" } end
    return legacy.events:submit_bulk_job{ create_items = items }
  end

  describe("status (API 2.15)", function()
    it("answers a job's status, pending until it has been looked at once", function()
      local job = bulk_job()
      local s = client.jobs:status(job.id)
      local req = last()
      assert.equal("GET /jobs/status/" .. job.id, req.method .. " " .. req.path)
      assert.equal("2.15", req.headers["intercom-version"])
      assert.equal("job", s.type)
      assert.equal(job.id, s.id)
      assert.equal("pending", s.status)
      assert.equal("event", s.resource_type)
      assert.equal(client.base_url .. "/jobs/status/" .. job.id, s.url)
      assert.equal("success", client.jobs:status{ id = job.id }.status)
      assert.equal("success", client.jobs:status(s).status)
    end)

    it("answers failed when every item failed", function()
      local job = legacy.events:submit_bulk_job{ create_items = {
        { event_name = "x", created_at = 1, user_id = "nobody" } } }
      client.jobs:status(job.id)
      assert.equal("failed", client.jobs:status(job.id).status)
    end)

    it("raises job_not_found for an unknown job", function()
      local err = api_error("ResourceNotFound", function() client.jobs:status("job_nothing") end)
      assert.equal("job_not_found", err.code)
    end)
  end)

  describe("legacy bulk jobs (API 1.x)", function()
    it("finds a job, which completes on the second look", function()
      local job = bulk_job()
      local found = legacy.jobs:find(job.id)
      assert.equal("GET /jobs/" .. job.id, last().method .. " " .. last().path)
      assert.equal("running", found.state)
      found = legacy.jobs:find{ id = job.id }
      assert.equal("completed", found.state)
      assert.equal("integer", math.type(found.completed_at))
      assert.equal("completed", found.tasks[1].state)
      assert.equal(client.base_url .. "/jobs/" .. job.id .. "/error", found.links.error)
    end)

    it("loads a job object in place", function()
      local job = bulk_job()
      assert.equal(job, legacy.jobs:load(job))
      assert.equal(job, legacy.jobs:load(job))
      assert.equal("completed", job.state)
    end)

    it("answers the error feed, from the service or the job", function()
      local job = bulk_job(true)
      local feed = legacy.jobs:errors(job.id)
      assert.equal("GET /jobs/" .. job.id .. "/error", last().method .. " " .. last().path)
      assert.equal(1, #feed.items)
      assert.equal("bulk-bad", feed.items[1].data.event_name)
      assert.equal("not_found", feed.items[1].error.code)
      assert.equal(job.id, feed.job.id)
      local same = job:errors()
      assert.equal("GET /jobs/" .. job.id .. "/error", last().method .. " " .. last().path)
      assert.equal(1, #same.items)
      assert.equal(0, #legacy.jobs:errors(bulk_job().id).items)
    end)

    it("lists every job across pages, newest first", function()
      local made = {}
      for i = 1, 5 do made[i] = bulk_job().id end
      sandbox:clear_requests()
      local seen = {}
      for j in legacy.jobs:all{ per_page = 2 } do seen[#seen + 1] = j.id end
      assert.same({ made[5], made[4], made[3], made[2], made[1] }, seen)
      local reqs = sandbox:requests()
      assert.equal(3, #reqs)
      assert.same({ per_page = "2" }, reqs[1].query)
      assert.same({ page = "3", per_page = "2" }, reqs[3].query)
      assert.equal(5, #legacy.jobs:find_all{ per_page = 3 }:to_array())
      assert.equal("GET /jobs", last().method .. " " .. last().path)
    end)

    it("is answered only for API versions that had it", function()
      local job = bulk_job()
      for _, fn in ipairs({
        function() client.jobs:find(job.id) end,
        function() client.jobs:errors(job.id) end,
        function() client.jobs:all():first() end,
      }) do
        api_error("ResourceNotFound", fn)
      end
      -- without an Intercom-Version the sandbox serves its own version, 2.15
      local unversioned = intercom.new{ token = "t", transport = sandbox:transport(), api_version = false }
      api_error("ResourceNotFound", function() unversioned.jobs:find(job.id) end)
      assert.equal(job.id, legacy.jobs:find(job.id).id)
    end)

    it("raises not_found for an unknown job", function()
      local err = api_error("ResourceNotFound", function() legacy.jobs:find("job_nothing") end)
      assert.equal("not_found", err.code)
    end)
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.jobs:status() end, "argument 'id' must be a non%-empty string")
    bad_input(function() client.jobs:status(2.5) end, "got a number")
    bad_input(function() legacy.jobs:find{} end, "argument 'id' must be a non%-empty string")
    bad_input(function() legacy.jobs:errors(true) end, "got a boolean")
    bad_input(function() legacy.jobs:load() end, "argument .id. must be a non%-empty string")
  end)
end)
