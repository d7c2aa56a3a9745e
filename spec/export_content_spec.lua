-- client.export_content end to end against the sandbox: a content data
-- export is created, polled until it completes, downloaded (a gzip'd CSV)
-- and cancelled, with the wire format checked at the sandbox.
local intercom = require "intercom"
local sandbox_module = require "intercom.sandbox"
local harness = require "sandbox_harness"

describe("client.export_content", function()
  local client
  local T0, T1 = 1704067200, 1735689600 -- 2024

  local h = harness.new({ token = "export_spec_token" }, function(c) client = c end)
  local last, bad_input, api_error = h.last, h.bad_input, h.api_error

  local function gunzip(bytes)
    local path = os.tmpname()
    local f = assert(io.open(path, "wb"))
    f:write(bytes)
    f:close()
    local p = assert(io.popen("gzip -dc < " .. path))
    local text = p:read("a")
    p:close()
    os.remove(path)
    return text
  end

  local function new_export()
    return client.export_content:create{ created_at_after = T0, created_at_before = T1 }
  end

  it("creates a pending export job", function()
    local job = new_export()
    assert.equal("POST /export/content/data", last().method .. " " .. last().path)
    assert.same({ created_at_after = T0, created_at_before = T1 }, last().json)
    assert.matches("^[a-z0-9]+$", job.job_identifier)
    assert.equal(16, #job.job_identifier)
    assert.equal("pending", job.status)
    assert.equal("", job.download_url)
  end)

  it("finds the job by its identifier, an object or a table, and completes after polls", function()
    local job = new_export()
    local seen = client.export_content:find(job.job_identifier)
    assert.equal("GET /export/content/data/" .. job.job_identifier, last().method .. " " .. last().path)
    assert.equal("in_progress", seen.status)
    local done = client.export_content:find{ id = job.job_identifier }
    assert.equal("completed", done.status)
    assert.equal(client.base_url .. "/download/content/data/" .. job.job_identifier, done.download_url)
    assert.matches("^%d%d%d%d%-%d%d%-%d%dT", done.download_expires_at)
    assert.equal("completed", client.export_content:find(job).status)
    assert.equal("completed", client.export_content:find{ job_identifier = job.job_identifier }.status)
  end)

  it("loads a job object again, in place", function()
    local job = new_export()
    assert.equal(job, client.export_content:load(job))
    assert.equal("in_progress", job.status)
    client.export_content:load(job)
    assert.equal("completed", job.status)
    assert.equal("GET /export/content/data/" .. job.job_identifier, last().method .. " " .. last().path)
  end)

  it("downloads the finished export as gzip'd CSV bytes", function()
    local job = new_export()
    client.export_content:load(job)
    client.export_content:load(job)
    local bytes = client.export_content:download(job)
    local req = last()
    assert.equal("GET /download/content/data/" .. job.job_identifier, req.method .. " " .. req.path)
    assert.equal("application/octet-stream", req.headers.accept) -- as the API documents, instead of JSON
    assert.equal("\31\139", bytes:sub(1, 2))
    local csv = gunzip(bytes)
    local header = csv:match("^[^\n]+")
    assert.matches("^content_type,content_id,content_title,receipt_id,received_at,user_id", header)
    assert.matches("\nemail,40211,Spring product update,", csv)
    assert.matches("ann@example.com", csv)
  end)

  it("cancels a job that has not finished", function()
    local job = new_export()
    local cancelled = client.export_content:cancel(job)
    local req = last()
    assert.equal("POST /export/cancel/" .. job.job_identifier, req.method .. " " .. req.path)
    assert.equal("", req.body) -- the API declares no body: none is sent, and no Content-Type
    assert.is_nil(req.headers["content-type"])
    assert.equal("canceled", cancelled.status)
    assert.equal("canceled", client.export_content:find(job).status)
    -- with no job active, another can start
    assert.equal("pending", new_export().status)
  end)

  it("raises the API's errors", function()
    local job = new_export()
    api_error("RateLimitExceeded", new_export, 429) -- one active job per workspace
    api_error("ResourceNotFound", function() client.export_content:download(job) end)
    local err = api_error("ResourceNotFound", function() client.export_content:find("nosuchjob") end)
    assert.equal("not_found", err.code)
    api_error(nil, function() client.export_content:cancel("nosuchjob") end, 404)
    client.export_content:cancel(job)
    err = api_error("BadRequestError", function()
      client.export_content:create{ created_at_after = T1, created_at_before = T0 }
    end)
    assert.equal("created_at_after", err.field)
  end)

  it("answers no_data when there is nothing to export", function()
    local empty = sandbox_module.start{ port = 0, seed = false }
    local c = intercom.new{ token = "t", base_url = empty.url, max_retries = 0 }
    local job = c.export_content:create{ created_at_after = T0, created_at_before = T1 }
    c.export_content:load(job)
    c.export_content:load(job)
    empty:stop()
    assert.equal("no_data", job.status)
    assert.equal("", job.download_url)
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.export_content:create() end, "expected a table of arguments, got nil")
    bad_input(function() client.export_content:create{ created_at_after = T0 } end,
      "argument 'created_at_before' is required")
    bad_input(function() client.export_content:create{ created_at_after = "2024", created_at_before = T1 } end,
      "argument 'created_at_after' must be an integer")
    bad_input(function() client.export_content:find() end, "expected an export job, its job_identifier")
    bad_input(function() client.export_content:find{} end, "argument 'id' is required")
    bad_input(function() client.export_content:cancel(true) end, "got a boolean")
    bad_input(function() client.export_content:download("") end, "expected an export job")
    local obj = client:get("/export/reporting_data/get_datasets") -- an object with neither id
    local ok, err = pcall(client.export_content.load, client.export_content, obj)
    assert.is_false(ok)
    assert.equal("AttributeNotSetError", err.class)
  end)
end)
