-- Control over HTTP (/_sandbox/) and reset, for sandboxes driven from other processes.
local http = require "http"
local sandbox = require "intercom.sandbox"

describe("sandbox control", function()
  local sb
  before_each(function() sb = sandbox.start { port = 0 } end)
  after_each(function() sb:stop() end)

  it("needs no auth", function()
    local res = http.get(sb, "/_sandbox/health", { token = "anything-at-all-here" })
    assert.equal(200, res.status)
    assert.equal("sandbox", res.json.type)
    local stopped = sandbox.start { port = 0, token = "only_this_token_12345" }
    assert.equal(200, http.get(stopped, "/_sandbox/health", { token = "not_the_token_123456" }).status)
    stopped:stop()
  end)

  it("lists and clears the journal", function()
    http.get(sb, "/me")
    http.get(sb, "/tags")
    local res = http.get(sb, "/_sandbox/requests")
    assert.equal("list", res.json.type)
    assert.equal(2, #res.json.data)
    assert.equal("/tags", res.json.data[2].path)
    assert.equal(200, http.delete(sb, "/_sandbox/requests").status)
    assert.equal(0, #http.get(sb, "/_sandbox/requests").json.data)
  end)

  it("resets the state to the seed, clearing journal and faults", function()
    local seeded = http.get(sb, "/contacts").json.total_count
    local created = http.post(sb, "/contacts", { email = "gone-after-reset@example.com" }).json
    sb:fault { route = "GET /tags", status = 500, times = 10 }
    assert.equal(seeded + 1, http.get(sb, "/contacts").json.total_count)
    assert.equal(200, http.post(sb, "/_sandbox/reset").status)
    assert.equal(0, #sb:requests())
    assert.equal(0, #sb:faults())
    assert.equal(200, http.get(sb, "/tags").status)
    assert.equal(seeded, http.get(sb, "/contacts").json.total_count)
    assert.equal(404, http.get(sb, "/contacts/" .. created.id).status)
  end)

  it("keeps seeded ids across resets and sandboxes", function()
    local before = http.get(sb, "/contacts/find_by_external_id/u-1001").json.id
    sb:reset()
    assert.equal(before, http.get(sb, "/contacts/find_by_external_id/u-1001").json.id)
    local other = sandbox.start { port = 0 }
    assert.equal(before, http.get(other, "/contacts/find_by_external_id/u-1001").json.id)
    other:stop()
  end)

  it("answers unknown control paths with 404 error.list", function()
    local res = http.get(sb, "/_sandbox/nothing")
    assert.equal(404, res.status)
    assert.equal("error.list", res.json.type)
  end)

  it("starts without sample contacts when seed = false", function()
    local empty = sandbox.start { port = 0, seed = false }
    assert.equal(0, http.get(empty, "/contacts").json.total_count)
    assert.is_true(#http.get(empty, "/tags").json.data > 0)
    assert.is_true(#http.get(empty, "/admins").json.admins > 0)
    empty:reset()
    assert.equal(0, http.get(empty, "/contacts").json.total_count)
    empty:stop()
  end)
end)
