-- Faults on demand: statuses for N requests, latency, drops, truncation,
-- non-JSON bodies and 429 storms.
local core = require "intercom.core"
local http = require "http"
local sandbox = require "intercom.sandbox"

describe("sandbox faults", function()
  local sb, ann
  setup(function()
    sb = sandbox.start { port = 0 }
    ann = http.get(sb, "/contacts/find_by_external_id/u-1001").json
  end)
  teardown(function() sb:stop() end)
  before_each(function() sb:clear_faults() end)

  it("answers the next N matching requests with the status, then normally", function()
    sb:fault { route = "GET /contacts/{id}", status = 503, times = 2, message = "try later" }
    local path = "/contacts/" .. ann.id
    for _ = 1, 2 do
      local res = http.get(sb, path)
      assert.equal(503, res.status)
      assert.equal("error.list", res.json.type)
      assert.equal("service_unavailable", res.json.errors[1].code)
      assert.equal("try later", res.json.errors[1].message)
      assert.is_string(res.headers["x-request-id"])
    end
    assert.equal(200, http.get(sb, path).status)
  end)

  it("defaults to one request", function()
    sb:fault { route = "GET /me", status = 500 }
    assert.equal(500, http.get(sb, "/me").status)
    assert.equal(200, http.get(sb, "/me").status)
  end)

  it("matches only its route, whatever the parameter names", function()
    sb:fault { route = "GET /contacts/{contact_id}", status = 502, code = "bad_gateway_custom" }
    assert.equal(200, http.get(sb, "/me").status)
    assert.equal(200, http.get(sb, "/contacts/" .. ann.id .. "/tags").status)
    assert.equal(200, http.post(sb, "/contacts/search",
      { query = { field = "role", operator = "=", value = "user" } }).status)
    local res = http.get(sb, "/contacts/" .. ann.id)
    assert.equal(502, res.status)
    assert.equal("bad_gateway_custom", res.json.errors[1].code)
  end)

  it("matches every request with route '*', and any method without one", function()
    sb:fault { route = "*", status = 500, times = 2 }
    assert.equal(500, http.get(sb, "/me").status)
    assert.equal(500, http.post(sb, "/contacts", { email = "x@example.com" }).status)
    assert.equal(200, http.get(sb, "/me").status)
    sb:fault { route = "/contacts/{id}/archive", status = 409 }
    assert.equal(409, http.post(sb, "/contacts/" .. ann.id .. "/archive").status)
  end)

  it("applies to unknown routes by pattern", function()
    sb:fault { route = "GET /widgets/{id}", status = 418 }
    assert.equal(418, http.get(sb, "/widgets/7").status)
    assert.equal(404, http.get(sb, "/widgets/7").status)
  end)

  it("does not change state when it replaces the response", function()
    sb:fault { route = "POST /contacts", status = 500 }
    local before = http.get(sb, "/contacts").json.total_count
    assert.equal(500, http.post(sb, "/contacts", { email = "not-created@example.com" }).status)
    assert.equal(before, http.get(sb, "/contacts").json.total_count)
  end)

  it("delays responses", function()
    sb:fault { route = "GET /me", delay = 0.3 }
    local took, res = http.timed(function() return http.get(sb, "/me") end)
    assert.equal(200, res.status)
    assert.is_true(took >= 0.2, "took " .. took)
  end)

  it("drops the connection without a response", function()
    sb:fault { route = "GET /me", drop = true }
    local res, kind = http.request(sb, "GET", "/me")
    assert.is_nil(res)
    assert.equal("dropped", kind)
    assert.equal(200, http.get(sb, "/me").status)
  end)

  it("needs times = 2 to show a drop on a reused connection (libcurl resends once)", function()
    local client = http.client()
    assert.equal(200, http.get(sb, "/me", { client = client }).status) -- the connection is now kept alive
    sb:fault { route = "GET /me", drop = true, times = 2 }
    local res, kind = http.request(sb, "GET", "/me", nil, { client = client })
    assert.is_nil(res)
    assert.equal("dropped", kind)
    assert.equal(0, #sb:faults())
    client:close()
  end)

  it("truncates the body: the declared length is not delivered", function()
    sb:fault { route = "GET /contacts/{id}", truncate = true }
    local res, kind = http.request(sb, "GET", "/contacts/" .. ann.id)
    assert.is_nil(res)
    assert.equal("dropped", kind)
    assert.equal(200, http.get(sb, "/contacts/" .. ann.id).status)
  end)

  it("sends a non-JSON body", function()
    sb:fault { route = "GET /me", status = 502, body = "<html>oops</html>" }
    local res = http.get(sb, "/me")
    assert.equal(502, res.status)
    assert.equal("<html>oops</html>", res.body)
    assert.is_nil(res.json)
    assert.matches("^text/html", res.headers["content-type"])
    sb:fault { route = "GET /me", body = "not json at all" }
    res = http.get(sb, "/me")
    assert.equal(200, res.status)
    assert.equal("not json at all", res.body)
  end)

  it("makes 429 storms with rate-limit headers and Retry-After on request", function()
    sb:fault { route = "*", status = 429, times = 3, headers = { ["Retry-After"] = "1" } }
    for _ = 1, 3 do
      local res = http.get(sb, "/me")
      assert.equal(429, res.status)
      assert.equal("rate_limit_exceeded", res.json.errors[1].code)
      assert.equal("0", res.headers["x-ratelimit-remaining"])
      local reset = tonumber(res.headers["x-ratelimit-reset"])
      assert.is_true(reset > os.time() - 1 and reset <= os.time() + 2, "reset " .. reset)
      assert.equal("1", res.headers["retry-after"])
    end
    assert.equal(200, http.get(sb, "/me").status)
    sb:fault { status = 429, retry_after = 2 }
    assert.equal("2", http.get(sb, "/me").headers["retry-after"])
  end)

  it("adds custom headers", function()
    sb:fault { route = "GET /me", status = 503, headers = { ["X-Custom"] = "yes" } }
    assert.equal("yes", http.get(sb, "/me").headers["x-custom"])
  end)

  it("lists and clears armed faults", function()
    sb:fault { route = "GET /me", status = 500, times = 5 }
    local armed = sb:faults()
    assert.equal(1, #armed)
    assert.equal(5, armed[1].times)
    sb:clear_faults()
    assert.equal(0, #sb:faults())
    assert.equal(200, http.get(sb, "/me").status)
  end)

  it("refuses a fault that does nothing or makes no sense", function()
    assert.has_error(function() sb:fault { route = "GET /me" } end)
    assert.has_error(function() sb:fault { status = "five hundred" } end)
    assert.has_error(function() sb:fault { drop = true, truncate = true } end)
    assert.has_error(function() sb:fault { route = "not a route", status = 500 } end)
    assert.has_error(function() sb:fault { status = 500, times = 0 } end)
  end)

  it("is reachable over HTTP", function()
    local res = http.post(sb, "/_sandbox/faults", { route = "GET /me", status = 504 })
    assert.equal(200, res.status)
    assert.equal(504, http.get(sb, "/me").status)
    res = http.post(sb, "/_sandbox/faults", { route = "GET /me" })
    assert.equal(400, res.status)
    assert.equal("error.list", res.json.type)
    http.post(sb, "/_sandbox/faults", { status = 500, times = 10 })
    assert.equal(1, #http.get(sb, "/_sandbox/faults").json.data)
    assert.equal(200, http.delete(sb, "/_sandbox/faults").status)
    assert.equal(200, http.get(sb, "/me").status)
  end)

  it("decodes the JSON the fault body would have had", function()
    sb:fault { route = "GET /me", status = 503 }
    local res = http.get(sb, "/me")
    assert.same(core.json_decode(res.body), res.json)
  end)
end)
