-- client.subscriptions (webhook subscriptions, the v1 API) end to end
-- against the sandbox.
local intercom = require "intercom"
local harness = require "sandbox_harness"

describe("client.subscriptions", function()
  local sandbox, client

  local h = harness.new({ token = "subs_spec_token", api_version = "1.4" }, function(c, s) client, sandbox = c, s end)
  local last, line, api_error = h.last, h.line, h.api_error

  local function hook(topics)
    return client.subscriptions:create{ url = "https://hooks.example.com/intercom",
      topics = topics or { "user.created", "conversation.user.replied" } }
  end

  it("creates, finds and lists subscriptions (items under `items`)", function()
    local s = hook()
    assert.equal("POST /subscriptions", line(last()))
    assert.same({ url = "https://hooks.example.com/intercom",
      topics = { "user.created", "conversation.user.replied" } }, last().json)
    assert.equal("notification_subscription", s.type)
    assert.matches("^nsub_", s.id)
    assert.is_true(s.active)
    assert.same({ "user.created", "conversation.user.replied" }, s.topics)
    assert.equal(s.id, client.subscriptions:find(s.id).id)
    assert.equal("GET /subscriptions/" .. s.id, line(last()))
    hook({ "company.created" })
    local all = client.subscriptions:all():to_array()
    assert.equal(2, #all)
    assert.equal("GET /subscriptions", line(last()))
    assert.equal("company.created", all[2].topics[1])
    assert.equal(2, #client.subscriptions:find_all{}:to_array())
  end)

  it("saves changes with PUT /subscriptions/{id}", function()
    local s = hook()
    s.topics = { "user.deleted" }
    assert.equal(s, client.subscriptions:save(s))
    assert.equal("PUT /subscriptions/" .. s.id, line(last()))
    assert.same({ topics = { "user.deleted" } }, last().json)
    assert.same({ "user.deleted" }, client.subscriptions:find(s.id).topics)
  end)

  it("deletes (archive is the same)", function()
    local s, t = hook(), hook()
    assert.equal(s, client.subscriptions:delete(s))
    assert.equal("DELETE /subscriptions/" .. s.id, line(last()))
    api_error("ResourceNotFound", function() client.subscriptions:find(s.id) end)
    assert.equal(t, client.subscriptions:archive(t))
    assert.equal(0, #client.subscriptions:all():to_array())
  end)

  it("refuses unknown topics and bad urls (BadRequestError), and is v1 only", function()
    local err = api_error("BadRequestError", function() hook({ "user.teleported" }) end)
    assert.equal("topics", err.field)
    api_error("BadRequestError", function()
      client.subscriptions:create{ url = "ftp://hooks.example.com", topics = { "ping" } }
    end)
    local modern = intercom.new{ token = "t", transport = sandbox:transport(), max_retries = 0 }
    api_error("ResourceNotFound", function() modern.subscriptions:all():first() end)
  end)

  it("refuses bad input before sending", function()
    local before = #sandbox:requests()
    for _, case in ipairs({
      { function() client.subscriptions:create() end, "expected a table of arguments" },
      { function() client.subscriptions:create{ topics = { "ping" } } end, "'url' is required" },
      { function() client.subscriptions:create{ url = "https://x.example.com" } end, "'topics' is required" },
      { function() client.subscriptions:find(false) end, "subscriptions:find" },
      { function() client.subscriptions:save("nsub_1") end, "subscriptions:save" },
      { function() client.subscriptions:delete() end, "subscriptions:delete" },
    }) do
      local ok, err = pcall(case[1])
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class)
      assert.matches(case[2], err.message)
    end
    assert.equal(before, #sandbox:requests())
  end)
end)
