-- client.reporting_data_exports end to end against the sandbox: datasets,
-- enqueueing a job, polling it to completion and downloading the CSV, with
-- the wire format (including the query the status endpoints want) checked.
local harness = require "sandbox_harness"

describe("client.reporting_data_exports", function()
  local client
  local START, FINISH = 1717200000, 1719792000 -- June 2024

  local h = harness.new({ token = "reporting_spec_token" }, function(c) client = c end)
  local last, bad_input, api_error = h.last, h.bad_input, h.api_error

  local function enqueue(attributes)
    return client.reporting_data_exports:create{ dataset_id = "conversation",
      attribute_ids = attributes or { "conversation_id", "channel", "conversation_started_at" },
      start_time = START, end_time = FINISH }
  end

  it("lists the datasets and their attributes", function()
    local sets = client.reporting_data_exports:datasets():to_array()
    assert.equal("GET /export/reporting_data/get_datasets", last().method .. " " .. last().path)
    local ids = {}
    for i, ds in ipairs(sets) do ids[i] = ds.id end
    assert.same({ "conversation", "ticket", "fin_ai_agent" }, ids)
    assert.equal("conversation_started_at", sets[1].default_time_attribute_id)
    assert.equal("conversation_id", sets[1].attributes[1].id)
    assert.equal("Conversation ID", sets[1].attributes[1].name)
  end)

  it("enqueues a job (create, or enqueue by the API's name)", function()
    local job = enqueue()
    local req = last()
    assert.equal("POST /export/reporting_data/enqueue", req.method .. " " .. req.path)
    assert.same({ dataset_id = "conversation", attribute_ids = { "conversation_id", "channel",
      "conversation_started_at" }, start_time = START, end_time = FINISH }, req.json)
    assert.equal("pending", job.status)
    assert.equal(16, #job.job_identifier)
    local again = client.reporting_data_exports:enqueue{ dataset_id = "ticket", attribute_ids = { "ticket_id" },
      start_time = START, end_time = FINISH }
    assert.equal("pending", again.status)
    assert.not_equal(job.job_identifier, again.job_identifier)
  end)

  it("finds a job with job_identifier and the workspace in the query, until complete", function()
    local job = enqueue()
    local seen = client.reporting_data_exports:find(job, { app_id = "sandbox1" })
    local req = last()
    assert.equal("GET /export/reporting_data/" .. job.job_identifier, req.method .. " " .. req.path)
    assert.same({ job_identifier = job.job_identifier, app_id = "sandbox1", client_id = "sandbox1" }, req.query)
    assert.equal("pending", seen.status)
    local done = client.reporting_data_exports:find{ id = job.job_identifier, app_id = "sandbox1",
      client_id = "sandbox1" }
    assert.equal("complete", done.status)
    assert.matches("/download/reporting_data/" .. job.job_identifier, done.download_url, 1, true)
    -- without the workspace, the sandbox still answers
    assert.equal("complete", client.reporting_data_exports:find(job.job_identifier).status)
    assert.same({ job_identifier = job.job_identifier }, last().query)
  end)

  it("loads a job object in place and downloads its CSV", function()
    local job = enqueue({ "conversation_id", "state" })
    client.reporting_data_exports:load(job)
    assert.equal("pending", job.status)
    client.reporting_data_exports:load(job, { app_id = "sandbox1" })
    assert.equal("complete", job.status)
    local csv = client.reporting_data_exports:download(job, { app_id = "sandbox1" })
    local req = last()
    assert.equal("GET /download/reporting_data/" .. job.job_identifier, req.method .. " " .. req.path)
    assert.equal("application/octet-stream", req.headers.accept)
    assert.same({ job_identifier = job.job_identifier, app_id = "sandbox1" }, req.query)
    local lines = {}
    for line in csv:gmatch("[^\n]+") do lines[#lines + 1] = line end
    assert.equal("conversation_id,state", lines[1])
    assert.equal(4, #lines)
    assert.matches("^%d+,closed$", lines[2])
  end)

  it("raises the API's errors", function()
    local job = enqueue()
    api_error("ResourceNotFound", function() client.reporting_data_exports:download(job) end) -- not complete yet
    api_error("ResourceNotFound", function()
      client.reporting_data_exports:find(job, { app_id = "another-app" })
    end)
    local err = api_error(nil, function() client.reporting_data_exports:find("job1") end)
    assert.equal("not_found", err.code)
    assert.matches("Export job not found for identifier: job1", err.message, 1, true)
    err = api_error("BadRequestError", function()
      client.reporting_data_exports:create{ dataset_id = "imaginary", attribute_ids = { "x" }, start_time = 1,
        end_time = 2 }
    end)
    assert.equal("bad_request", err.code)
    err = api_error(nil, function() enqueue({ "conversation_id", "non_existent" }) end)
    assert.matches("attribute_ids invalid for conversation dataset: non_existent", err.message, 1, true)
    for _ = 1, 4 do enqueue() end
    err = api_error("RateLimitExceeded", enqueue) -- five pending at most
    assert.matches("5 pending", err.message)
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.reporting_data_exports:create() end, "expected a table of arguments, got nil")
    bad_input(function() client.reporting_data_exports:create{ attribute_ids = {}, start_time = 1, end_time = 2 } end,
      "argument 'dataset_id' is required")
    bad_input(function()
      client.reporting_data_exports:create{ dataset_id = "ticket", attribute_ids = "ticket_id", start_time = 1,
        end_time = 2 }
    end, "argument 'attribute_ids' must be a table")
    bad_input(function()
      client.reporting_data_exports:create{ dataset_id = "ticket", attribute_ids = {}, start_time = 1 }
    end, "argument 'end_time' is required")
    bad_input(function() client.reporting_data_exports:find() end, "expected an export job")
    bad_input(function() client.reporting_data_exports:find("job1", { app_id = 5 }) end,
      "argument 'app_id' must be a string")
    bad_input(function() client.reporting_data_exports:find("job1", "app") end, "argument 'options' must be a table")
    bad_input(function() client.reporting_data_exports:download({}) end, "argument 'id' is required")
  end)
end)
