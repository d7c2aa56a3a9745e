local intercom = require "intercom"
local fake_transport = require "fake_transport"

local function ok_body() return { status = 200, body = { type = "contact", id = "1" } } end

describe("the request pipeline", function()
  it("sends the API headers, the token only as Authorization", function()
    local fake = fake_transport.new({ ok_body(), ok_body() })
    local client = fake_transport.client(fake)
    client:get("/contacts/1")
    client:post("/contacts", { email = "a@b.c" })
    local get, post = fake.requests[1], fake.requests[2]
    assert.equal("Bearer tok_fake_1234567890", get.headers.Authorization)
    assert.equal("application/json", get.headers.Accept)
    assert.equal("2.15", get.headers["Intercom-Version"])
    assert.matches("^lua%-intercom/" .. intercom.VERSION:gsub("%.", "%%.") .. " %(Lua 5%.4; libcurl/",
      get.headers["User-Agent"])
    assert.is_nil(get.headers["Content-Type"])
    assert.is_nil(get.body)
    assert.equal("application/json", post.headers["Content-Type"])
    assert.equal('{"email":"a@b.c"}', post.body)
    assert.equal("https://api.example.test/contacts", post.url)
  end)

  it("sends no Intercom-Version when api_version is false", function()
    local fake = fake_transport.new({ ok_body() })
    fake_transport.client(fake, { api_version = false }):get("/me")
    assert.is_nil(fake.requests[1].headers["Intercom-Version"])
  end)

  it("uses HTTP Basic auth for app_id + api_key (the v1 API)", function()
    local fake = fake_transport.new({ ok_body() })
    local client = intercom.new{ app_id = "app", api_key = "key", base_url = "https://x.test",
      transport = fake.transport }
    client:get("/users/1")
    assert.equal("Basic YXBwOmtleQ==", fake.requests[1].headers.Authorization) -- base64("app:key")
  end)

  it("adds extra headers and the user agent suffix", function()
    local fake = fake_transport.new({ ok_body() })
    fake_transport.client(fake, { headers = { ["X-Trace"] = "abc" }, user_agent = "mygame/1.2" }):get("/me")
    assert.equal("abc", fake.requests[1].headers["X-Trace"])
    assert.matches(" mygame/1%.2$", fake.requests[1].headers["User-Agent"])
  end)

  it("records rate-limit headers as integers", function()
    local fake = fake_transport.new({ { status = 200, body = {},
      headers = { ["x-ratelimit-limit"] = "180", ["x-ratelimit-remaining"] = "179",
        ["x-ratelimit-reset"] = "1700000000" } } })
    local client = fake_transport.client(fake)
    client:get("/me")
    assert.same({ limit = 180, remaining = 179, reset_at = 1700000000 }, client.rate_limit_details)
    assert.equal("integer", math.type(client.rate_limit_details.remaining))
  end)

  it("retries a GET on 503 with growing, jittered, capped waits", function()
    local fake = fake_transport.new({ { status = 503, body = "" }, { status = 502, body = "" }, ok_body() })
    local client = fake_transport.client(fake, { retry_delay = 1, max_retry_delay = 1.5 })
    local c = client:get("/contacts/1")
    assert.equal("1", c.id)
    assert.equal(3, #fake.requests)
    assert.equal(2, #fake.sleeps)
    assert.is_true(fake.sleeps[1] >= 0.5 and fake.sleeps[1] <= 1)
    assert.is_true(fake.sleeps[2] >= 0.75 and fake.sleeps[2] <= 1.5)
  end)

  it("gives up after max_retries and raises the last error", function()
    local fake = fake_transport.new({ { status = 500, body = "" }, { status = 500, body = "" },
      { status = 503, body = "" } })
    local client = fake_transport.client(fake, { max_retries = 2 })
    local ok, err = pcall(client.get, client, "/contacts/1")
    assert.is_false(ok)
    assert.equal("ServiceUnavailableError", err.class)
    assert.equal(3, #fake.requests)
  end)

  it("does not retry a POST that reached the server", function()
    for _, answer in ipairs({ { status = 503, body = "" }, { fail = "timeout" }, { fail = "dropped" } }) do
      local fake = fake_transport.new({ answer, ok_body() })
      local client = fake_transport.client(fake)
      assert.has_error(function() client:post("/contacts", { email = "a@b.c" }) end)
      assert.equal(1, #fake.requests)
    end
  end)

  it("retries a POST whose connection never opened", function()
    for _, kind in ipairs({ "connect", "dns", "connect_timeout" }) do
      local fake = fake_transport.new({ { fail = kind }, ok_body() })
      local client = fake_transport.client(fake)
      assert.equal("1", client:post("/contacts", { email = "a@b.c" }).id)
      assert.equal(2, #fake.requests)
    end
  end)

  it("never retries a TLS failure", function()
    local fake = fake_transport.new({ { fail = "tls" }, ok_body() })
    local client = fake_transport.client(fake)
    assert.has_error(function() client:get("/me") end)
    assert.equal(1, #fake.requests)
  end)

  it("retries timeouts and dropped connections for idempotent verbs", function()
    local fake = fake_transport.new({ { fail = "timeout" }, { fail = "dropped" }, ok_body() })
    local client = fake_transport.client(fake)
    assert.equal("1", client:put("/contacts/1", { name = "x" }).id)
    assert.equal(3, #fake.requests)
  end)

  it("does not retry 4xx errors", function()
    local fake = fake_transport.new({ { status = 404, body = "" }, ok_body() })
    assert.has_error(function() fake_transport.client(fake):get("/contacts/1") end)
    assert.equal(1, #fake.requests)
  end)

  describe("with handle_rate_limit", function()
    local function limited(headers)
      return { status = 429, headers = headers, body = { type = "error.list",
        errors = { { code = "rate_limit_exceeded", message = "Exceeded rate limit of 167 in 10_seconds" } } } }
    end

    it("waits until the reset and retries, even for a POST", function()
      local now = os.time()
      local fake = fake_transport.new({ limited({ ["x-ratelimit-reset"] = tostring(now + 3) }), ok_body() })
      local client = fake_transport.client(fake, { handle_rate_limit = true })
      assert.equal("1", client:post("/contacts", { email = "a@b.c" }).id)
      assert.equal(1, #fake.sleeps)
      assert.is_true(fake.sleeps[1] >= 2 and fake.sleeps[1] <= 4, tostring(fake.sleeps[1]))
    end)

    it("prefers Retry-After", function()
      local fake = fake_transport.new({ limited({ ["retry-after"] = "2", ["x-ratelimit-reset"] = "1" }), ok_body() })
      fake_transport.client(fake, { handle_rate_limit = true }):get("/me")
      assert.same({ 2 }, fake.sleeps)
    end)

    it("does not crash when the reset header is missing (the gem does)", function()
      local fake = fake_transport.new({ limited({}), ok_body() })
      local client = fake_transport.client(fake, { handle_rate_limit = true })
      assert.equal("1", client:get("/contacts/1").id)
      assert.equal(1, #fake.sleeps)
    end)

    it("retries at most three times", function()
      local fake = fake_transport.new({ limited({}), limited({}), limited({}), limited({}), ok_body() })
      local client = fake_transport.client(fake, { handle_rate_limit = true })
      local ok, err = pcall(client.get, client, "/me")
      assert.is_false(ok)
      assert.equal("RateLimitExceeded", err.class)
      assert.equal(4, #fake.requests)
    end)

    it("is off by default: a 429 raises at once", function()
      local fake = fake_transport.new({ limited({ ["x-ratelimit-reset"] = "1" }), ok_body() })
      local ok, err = pcall(function() return fake_transport.client(fake):get("/me") end)
      assert.is_false(ok)
      assert.equal("RateLimitExceeded", err.class)
      assert.equal(1, #fake.requests)
    end)
  end)

  it("reports a transport that raises as a connection error, not a crash", function()
    local client = intercom.new{ token = "t", base_url = "https://x.test", max_retries = 0,
      transport = function() error("socket exploded") end }
    local ok, err = pcall(client.get, client, "/me")
    assert.is_false(ok)
    assert.equal("ServiceConnectionError", err.class)
    assert.matches("socket exploded", err.message)
  end)

  it("logs each attempt without headers, bodies or the token", function()
    local events = {}
    local fake = fake_transport.new({ { status = 500, body = "" }, ok_body() })
    local client = fake_transport.client(fake, { log = function(e) events[#events + 1] = e end })
    client:get("/contacts/1", { display_as = "plaintext" })
    assert.equal(2, #events)
    assert.equal("ServerError", events[1].error)
    assert.equal(500, events[1].status)
    assert.is_number(events[1].retry_in)
    assert.equal(200, events[2].status)
    assert.equal("https://api.example.test/contacts/1?display_as=plaintext", events[2].url)
    for _, e in ipairs(events) do
      for _, v in pairs(e) do assert.is_nil(tostring(v):find("tok_fake", 1, true)) end
    end
  end)

  it("takes an absolute URL only on the configured origin, sending nothing otherwise", function()
    local fake = fake_transport.new({ ok_body() })
    local client = fake_transport.client(fake)
    local ok, err = pcall(client.get, client, "https://evil.example.com/contacts?page=2")
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.equal(0, #fake.requests)
    client:get("https://api.example.test/contacts?page=2")
    assert.equal("https://api.example.test/contacts?page=2", fake.requests[1].url)
  end)

  it("refuses a body it cannot encode before sending anything", function()
    local fake = fake_transport.new({ ok_body() })
    local client = fake_transport.client(fake)
    local ok, err = pcall(client.post, client, "/contacts", { custom_attributes = { n = 0 / 0 } })
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.equal(0, #fake.requests)
  end)
end)
