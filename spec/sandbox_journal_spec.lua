-- The request journal: what clients sent, oldest first, credentials redacted.
local http = require "http"
local sandbox = require "intercom.sandbox"
local journal = require "intercom.sandbox.server.journal"

describe("sandbox journal", function()
  local sb
  before_each(function() sb = sandbox.start { port = 0 } end)
  after_each(function() sb:stop() end)

  it("records requests oldest first with method, path, query and body", function()
    http.get(sb, "/contacts?per_page=2&starting_after=abc")
    http.post(sb, "/contacts", { email = "journal@example.com", custom_attributes = { plan = "pro" } })
    local reqs = sb:requests()
    assert.equal(2, #reqs)
    assert.equal("GET", reqs[1].method)
    assert.equal("/contacts", reqs[1].path)
    assert.equal("per_page=2&starting_after=abc", reqs[1].raw_query)
    assert.same({ per_page = "2", starting_after = "abc" }, reqs[1].query)
    assert.equal(400, reqs[1].status) -- "abc" is not a cursor the sandbox made
    assert.equal("POST", reqs[2].method)
    assert.equal("journal@example.com", reqs[2].json.email)
    assert.equal("pro", reqs[2].json.custom_attributes.plan)
    assert.matches('"email"', reqs[2].body)
    assert.equal("application/json", reqs[2].headers["content-type"])
  end)

  it("decodes the query: escapes, plus signs, repeated names as arrays", function()
    http.get(sb, "/contacts?name=Ann+Lee&x=%2F%26&tag=1&tag=2&flag")
    local q = sb:requests()[1].query
    assert.equal("Ann Lee", q.name)
    assert.equal("/&", q.x)
    assert.same({ "1", "2" }, { q.tag[1], q.tag[2] })
    assert.equal("", q.flag)
    assert.equal("name=Ann+Lee&x=%2F%26&tag=1&tag=2&flag", sb:requests()[1].raw_query)
  end)

  it("redacts the Authorization header to its scheme and last 4 characters", function()
    http.get(sb, "/me", { token = "tok_supersecretvalue_wxyz" })
    local entry = sb:requests()[1]
    assert.equal("Bearer …wxyz", entry.headers.authorization)
    for _, e in ipairs(sb:requests()) do
      for _, v in pairs(e.headers) do assert.is_nil(v:find("supersecret", 1, true)) end
    end
  end)

  it("records failed and unauthenticated requests too", function()
    http.get(sb, "/no/such/route")
    local reqs = sb:requests()
    assert.equal(1, #reqs)
    assert.equal(404, reqs[1].status)
  end)

  it("clears", function()
    http.get(sb, "/me")
    assert.equal(1, #sb:requests())
    sb:clear_requests()
    assert.equal(0, #sb:requests())
    http.get(sb, "/me")
    assert.equal(1, #sb:requests())
  end)

  it("does not record control requests", function()
    http.get(sb, "/_sandbox/requests")
    http.post(sb, "/_sandbox/rate_limit", { limit = 100 })
    assert.equal(0, #sb:requests())
  end)

  describe("redact", function()
    it("never keeps a whole short secret", function()
      assert.equal("Bearer …", journal.redact("Bearer abc"))
      assert.equal("Basic …", journal.redact("Basic dXNlcjpw"))
      assert.equal("Bearer …7890", journal.redact("Bearer abcdefghij1234567890"))
      assert.equal("…", journal.redact("justatoken"))
    end)
  end)
end)
