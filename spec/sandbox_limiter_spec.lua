-- The rate limiter: X-RateLimit-* on every authenticated response, 429 once
-- the window's budget is spent.
local http = require "http"
local limiter = require "intercom.sandbox.server.limiter"
local sandbox = require "intercom.sandbox"

describe("sandbox rate limiter", function()
  it("sends the headers on every authenticated response, counting down", function()
    local sb = sandbox.start { port = 0, rate_limit = { limit = 50, window = 60 } }
    local last
    for i = 1, 3 do
      local res = http.get(sb, "/me")
      assert.equal("50", res.headers["x-ratelimit-limit"])
      assert.equal(tostring(50 - i), res.headers["x-ratelimit-remaining"])
      local reset = res.headers["x-ratelimit-reset"]
      assert.matches("^%d+$", reset)
      assert.is_true(tonumber(reset) >= os.time() and tonumber(reset) <= os.time() + 61)
      if last then assert.equal(last, reset) end -- same window, same reset
      last = reset
    end
    -- errors from the API count too and carry the headers
    assert.equal("46", http.get(sb, "/no/such/thing").headers["x-ratelimit-remaining"])
    sb:stop()
  end)

  it("answers 429 rate_limit_exceeded after the limit", function()
    local sb = sandbox.start { port = 0 }
    sb:set_rate_limit { limit = 5, window = 30 }
    for i = 1, 5 do assert.equal(200, http.get(sb, "/me").status, "request " .. i) end
    local res = http.get(sb, "/me")
    assert.equal(429, res.status)
    assert.equal("error.list", res.json.type)
    assert.equal("rate_limit_exceeded", res.json.errors[1].code)
    assert.equal("0", res.headers["x-ratelimit-remaining"])
    assert.equal("5", res.headers["x-ratelimit-limit"])
    -- raising the limit opens a new window
    sb:set_rate_limit { limit = 100 }
    assert.equal(200, http.get(sb, "/me").status)
    assert.equal(30, sb:rate_limit().window)
    sb:stop()
  end)

  it("does not count control requests or unauthenticated ones", function()
    local sb = sandbox.start { port = 0, token = "the_real_token_0000" }
    sb:set_rate_limit { limit = 2, window = 30 }
    for _ = 1, 5 do
      http.get(sb, "/_sandbox/requests")
      assert.equal(401, http.get(sb, "/me", { token = "wrong_token_xxxxxxxx" }).status)
    end
    assert.equal(200, http.get(sb, "/me", { token = "the_real_token_0000" }).status)
    assert.equal(200, http.get(sb, "/me", { token = "the_real_token_0000" }).status)
    assert.equal(429, http.get(sb, "/me", { token = "the_real_token_0000" }).status)
    sb:stop()
  end)

  it("is set over HTTP too", function()
    local sb = sandbox.start { port = 0 }
    local res = http.post(sb, "/_sandbox/rate_limit", { limit = 1, window = 20 })
    assert.equal(200, res.status)
    assert.equal(1, res.json.limit)
    assert.equal(200, http.get(sb, "/me").status)
    assert.equal(429, http.get(sb, "/me").status)
    assert.equal(400, http.post(sb, "/_sandbox/rate_limit", { limit = 0 }).status)
    sb:stop()
  end)

  it("refuses nonsense limits", function()
    local sb = sandbox.start { port = 0 }
    assert.has_error(function() sb:set_rate_limit { limit = -1 } end)
    assert.has_error(function() sb:set_rate_limit { limit = 5, window = 0 } end)
    assert.has_error(function() sandbox.start { port = 0, rate_limit = { limit = 0, window = 1 } } end)
    sb:stop()
  end)

  describe("module", function()
    it("opens a new window once the old one has passed", function()
      local l = limiter.new(2, 10)
      assert.is_true((limiter.take(l, 100)))
      local ok, info = limiter.take(l, 101)
      assert.is_true(ok)
      assert.same({ limit = 2, remaining = 0, reset = 110 }, info)
      assert.is_false((limiter.take(l, 109.9)))
      ok, info = limiter.take(l, 110)
      assert.is_true(ok)
      assert.equal(1, info.remaining)
      assert.equal(120, info.reset)
    end)
  end)
end)
