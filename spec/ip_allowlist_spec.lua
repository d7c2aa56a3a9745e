-- client.ip_allowlist against the sandbox.
local harness = require "sandbox_harness"

describe("client.ip_allowlist", function()
  local client

  local h = harness.new({ token = "ip_allowlist_spec_token" }, function(c) client = c end)
  local last, bad_input = h.last, h.bad_input

  it("reads the settings", function()
    local settings = client.ip_allowlist:find()
    assert.equal("GET /ip_allowlist", last().method .. " " .. last().path)
    assert.equal("ip_allowlist", settings.type)
    assert.is_false(settings.enabled)
    assert.same({ "203.0.113.0/24", "198.51.100.7" }, settings.ip_allowlist)
    assert.same(settings.ip_allowlist, client.ip_allowlist:get().ip_allowlist)
  end)

  it("updates with the whole list", function()
    local settings = client.ip_allowlist:update{ enabled = true, ip_allowlist = { "127.0.0.1", "10.20.0.0/16" } }
    assert.equal("PUT /ip_allowlist", last().method .. " " .. last().path)
    assert.same({ enabled = true, ip_allowlist = { "127.0.0.1", "10.20.0.0/16" } }, last().json)
    assert.is_true(settings.enabled)
    assert.same({ "127.0.0.1", "10.20.0.0/16" }, client.ip_allowlist:find().ip_allowlist)
    client.ip_allowlist:update{ enabled = false, ip_allowlist = {} }
    assert.matches('"ip_allowlist":%[%]', last().body) -- an empty list goes out as []
    assert.same({}, client.ip_allowlist:find().ip_allowlist)
  end)

  it("saves an object changed in place, sending all of it", function()
    local settings = client.ip_allowlist:find()
    settings.ip_allowlist[#settings.ip_allowlist + 1] = "127.0.0.0/8"
    settings.enabled = true
    assert.equal(settings, client.ip_allowlist:save(settings))
    assert.same({ enabled = true, ip_allowlist = { "203.0.113.0/24", "198.51.100.7", "127.0.0.0/8" } }, last().json)
    assert.is_true(client.ip_allowlist:find().enabled)
  end)

  it("records each change in the activity log", function()
    client.ip_allowlist:update{ ip_allowlist = { "192.0.2.1" } }
    local entry = client.admins:activity_logs{ created_at_after = os.time() - 5 }:first()
    assert.equal("security_settings_change", entry.activity_type)
    assert.same({ "192.0.2.1" }, entry.metadata.after.ip_allowlist)
  end)

  it("answers the API's errors: invalid entries, and locking yourself out", function()
    local ok, err = pcall(client.ip_allowlist.update, client.ip_allowlist, { ip_allowlist = { "10.0.0.300" } })
    assert.is_false(ok)
    assert.equal("BadRequestError", err.class)
    assert.equal(422, err.http_code)
    ok, err = pcall(client.ip_allowlist.update, client.ip_allowlist,
      { enabled = true, ip_allowlist = { "203.0.113.0/24" } })
    assert.is_false(ok)
    assert.equal(422, err.http_code)
    assert.matches("lock you out", err.message)
    assert.is_false(client.ip_allowlist:find().enabled) -- unchanged
  end)

  it("refuses bad arguments before sending", function()
    bad_input(function() client.ip_allowlist:update() end, "expected a table of arguments")
    bad_input(function() client.ip_allowlist:update{ enabled = "yes" } end, "'enabled' must be a boolean")
    bad_input(function() client.ip_allowlist:update{ ip_allowlist = "10.0.0.1" } end, "'ip_allowlist' must be a table")
    bad_input(function() client.ip_allowlist:save{ enabled = true } end, "'settings' must be an intercom object")
    bad_input(function() client.ip_allowlist:save() end, "'settings' is required")
  end)
end)
