-- client.content_import_sources end to end against the sandbox: create,
-- list across pages, find, load, update, save and delete, with the wire
-- format checked at the sandbox.
local harness = require "sandbox_harness"

describe("client.content_import_sources", function()
  local sandbox, client

  local h = harness.new({ token = "sources_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, bad_input, api_error = h.last, h.bad_input, h.api_error

  local function new_source(url)
    return client.content_import_sources:create{ url = url or "https://help.example.org" }
  end

  it("creates a source, with sync_behavior api added", function()
    local s = new_source()
    local req = last()
    assert.equal("POST /ai/content_import_sources", req.method .. " " .. req.path)
    assert.same({ url = "https://help.example.org", sync_behavior = "api" }, req.json)
    assert.equal("content_import_source", s.type)
    assert.equal("integer", math.type(s.id))
    assert.equal("active", s.status)
    assert.equal("integer", math.type(s.last_synced_at))
    local d = client.content_import_sources:create{ url = "https://b.example.org", status = "deactivated",
      audience_ids = { 12, 13 } }
    assert.equal("deactivated", d.status)
    assert.same({ 12, 13 }, d.audience_ids)
  end)

  it("lists every source across pages", function()
    for i = 1, 3 do new_source(("https://s%d.example.org"):format(i)) end
    sandbox:clear_requests()
    local urls = {}
    for s in client.content_import_sources:all{ per_page = 2 } do urls[#urls + 1] = s.url end
    assert.same({ "https://docs.example.com", "https://status.example.com", "https://s1.example.org",
      "https://s2.example.org", "https://s3.example.org" }, urls)
    local reqs = sandbox:requests()
    assert.equal(3, #reqs)
    assert.equal("GET /ai/content_import_sources", reqs[1].method .. " " .. reqs[1].path)
    assert.same({ page = "3", per_page = "2" }, reqs[3].query)
  end)

  it("finds by id, a table or the object, and loads in place", function()
    local s = new_source()
    assert.equal(s.url, client.content_import_sources:find(s.id).url)
    assert.equal("GET /ai/content_import_sources/" .. s.id, last().method .. " " .. last().path)
    assert.equal(s.url, client.content_import_sources:find{ id = s.id }.url)
    assert.equal(s.url, client.content_import_sources:find(s).url)
    client:put("/ai/content_import_sources/" .. s.id, { url = "https://moved.example.org", sync_behavior = "api" })
    assert.equal(s, client.content_import_sources:load(s))
    assert.equal("https://moved.example.org", s.url)
  end)

  it("updates with the fields the API requires", function()
    local s = new_source()
    local u = client.content_import_sources:update{ id = s.id, url = "https://new.example.org",
      sync_behavior = "api", status = "deactivated" }
    local req = last()
    assert.equal("PUT /ai/content_import_sources/" .. s.id, req.method .. " " .. req.path)
    assert.same({ url = "https://new.example.org", sync_behavior = "api", status = "deactivated" }, req.json)
    assert.equal("deactivated", u.status)
    local m = client.content_import_sources:update{ id = s.id, url = u.url, sync_behavior = "automated" }
    assert.equal("automatic", m.sync_behavior) -- the object's word for the payload's "automated"
  end)

  it("saves what changed, plus url and sync_behavior", function()
    local s = new_source()
    s.status = "deactivated"
    client.content_import_sources:save(s)
    local req = last()
    assert.equal("PUT /ai/content_import_sources/" .. s.id, req.method .. " " .. req.path)
    assert.same({ status = "deactivated", url = "https://help.example.org", sync_behavior = "api" }, req.json)
    assert.equal("deactivated", client.content_import_sources:find(s.id).status)
  end)

  it("deletes a source and its pages", function()
    local s = new_source()
    local p = client.external_pages:create{ title = "T", html = "<p>t</p>", source_id = s.id, external_id = "t-1" }
    assert.equal(s, client.content_import_sources:delete(s))
    assert.equal("DELETE /ai/content_import_sources/" .. s.id, last().method .. " " .. last().path)
    assert.equal(204, last().status)
    assert.is_nil(client.content_import_sources:delete(new_source().id)) -- 204: nothing to return
    api_error("ResourceNotFound", function() client.content_import_sources:find(s.id) end)
    api_error("ResourceNotFound", function() client.external_pages:find(p.id) end)
  end)

  it("raises the API's errors", function()
    api_error("ResourceNotFound", function() client.content_import_sources:find(999999) end)
    local err = api_error("BadRequestError", function()
      client.content_import_sources:create{ url = "https://x.example", sync_behavior = "manual" }
    end)
    assert.equal("sync_behavior", err.field)
    err = api_error(nil, function() client.content_import_sources:create{ url = "not a url" } end)
    assert.equal("url", err.field)
    api_error(nil, function() client.content_import_sources:update{ id = 999999, url = "https://x.example",
      sync_behavior = "api" } end, 404)
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.content_import_sources:create() end, "expected a table of arguments, got nil")
    bad_input(function() client.content_import_sources:create{} end, "argument 'url' is required")
    bad_input(function() client.content_import_sources:create{ url = "https://x", status = true } end,
      "argument 'status' must be a string")
    bad_input(function() client.content_import_sources:update{ url = "https://x", sync_behavior = "api" } end,
      "argument 'id' is required")
    bad_input(function() client.content_import_sources:update{ id = 1, url = "https://x" } end,
      "argument 'sync_behavior' is required")
    bad_input(function() client.content_import_sources:find() end, "argument 'id' must be a non%-empty string")
    bad_input(function() client.content_import_sources:delete(1.5) end, "got a number")
    bad_input(function() client.content_import_sources:save("x") end, "argument 'object' must be an intercom object")
  end)
end)
