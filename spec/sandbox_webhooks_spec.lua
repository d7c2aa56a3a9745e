-- The sandbox delivers webhooks: subscriptions (sb:subscribe for 2.x, POST
-- /subscriptions for v1) get signed POSTs when their topics happen, with
-- retries and a journal (sb:deliveries()). In-process through sb:deliver{},
-- over HTTP from the front's delivery thread to a socket.
local intercom = require "intercom"
local sandbox = require "intercom.sandbox"
local socket = require "socket"

local SECRET = "sandbox-client-secret"

describe("sandbox webhooks, in-process", function()
  local sb, client, got, answer

  local function receiver(req)
    got[#got + 1] = req
    local status = table.remove(answer, 1) or 200
    if status == "drop" then return nil, { kind = "connect", message = "refused" } end
    return { status = status, headers = {}, body = "" }
  end

  before_each(function()
    sb = sandbox.new{ webhooks = { backoff = 0.5 }, sleep = function() end }
    client = intercom.new{ token = "t", transport = sb:transport(), max_retries = 0 }
    got, answer = {}, {}
  end)
  after_each(function() sb:stop() end)

  local function notifications()
    local out = {}
    for i, req in ipairs(got) do
      assert.is_true(intercom.verify_signature(SECRET, req.body, req.headers["X-Hub-Signature"]))
      assert.equal("application/json", req.headers["Content-Type"])
      assert.equal("POST", req.method)
      out[i] = intercom.notification(req.body)
    end
    return out
  end

  it("delivers what the state changes make, signed, to the topics subscribed", function()
    sb:subscribe{ url = "http://127.0.0.1:9/hook", topics = { "contact.user.created", "contact.lead.created",
      "contact.tag.created", "contact.tag.deleted", "company.created", "conversation.user.created",
      "conversation.admin.replied", "conversation.admin.closed", "event.created", "tag.created" } }
    local contact = client.contacts:create{ role = "user", email = "hook@example.com", external_id = "u-hook" }
    client.contacts:create{ role = "lead", name = "A lead" }
    contact:add_tag{ id = "101" }
    contact:remove_tag{ id = "101" }
    client.companies:create{ company_id = "acme-hook", name = "Acme" }
    client.companies:create{ company_id = "acme-hook", name = "Acme renamed" } -- an update: no topic
    local message = client.messages:create{ from = { type = "user", id = contact.id }, body = "Help?" }
    local conv = client.conversations:find(message.conversation_id)
    client.conversations:reply{ id = conv.id, type = "admin", admin_id = "991267401",
      message_type = "comment", body = "Hi" }
    client.conversations:close{ id = conv.id, admin_id = "991267401", body = "Done" }
    client.events:create{ event_name = "bought-item", user_id = "u-hook", created_at = 1700000000 }
    client.tags:create{ name = "Fresh tag" }
    client.contacts:find(contact.id) -- a read: no topic

    assert.same({}, got) -- nothing is sent before deliver
    local journal = sb:deliver{ transport = receiver }
    local topics = {}
    for i, n in ipairs(notifications()) do
      topics[i] = n.topic
      assert.equal("notification_event", n.data.type)
      assert.equal("sandbox1", n.app_id)
      assert.matches("^notif_", n.id)
      assert.equal(1, n.delivery_attempts)
    end
    assert.same({ "contact.user.created", "contact.lead.created", "contact.tag.created", "contact.tag.deleted",
      "company.created", "conversation.user.created", "conversation.admin.replied", "conversation.admin.closed",
      "event.created", "tag.created" }, topics)
    local n = notifications()
    assert.equal(contact.id, n[1].model.id)
    assert.equal("contact", n[1].model_type)
    assert.equal("lead", n[2].model.role)
    assert.equal("contact_tag", n[3].model_type)
    assert.equal("VIP", n[3].model.tag.name)
    assert.equal(contact.id, n[3].model.contact.id)
    assert.equal("Acme", n[5].model.name)
    assert.equal("conversation", n[6].model_type)
    assert.equal(conv.id, n[7].model.id)
    assert.equal("bought-item", n[9].model.event_name)
    assert.equal("Fresh tag", n[10].model.name)
    for _, d in ipairs(journal) do
      assert.equal("delivered", d.status)
      assert.equal(1, d.attempts)
      assert.same({ 200 }, { d.responses[1].status })
    end
    -- n:load fetches the current object through the client
    assert.equal("hook@example.com", n[1]:load(client).email)
  end)

  it("retries a failed delivery with backoff, then records it delivered", function()
    local waits = {}
    sb:stop()
    sb = sandbox.new{ webhooks = { backoff = 0.5, attempts = 3 }, sleep = function(s) waits[#waits + 1] = s end }
    client = intercom.new{ token = "t", transport = sb:transport(), max_retries = 0 }
    sb:subscribe{ url = "http://localhost:9/hook", topics = { "contact.user.created" } }
    client.contacts:create{ role = "user", email = "retry@example.com" }
    answer = { 500, "drop", 200 }
    local d = sb:deliver{ transport = receiver }[1]
    assert.equal("delivered", d.status)
    assert.equal(3, d.attempts)
    assert.equal(500, d.responses[1].status)
    assert.equal("refused", d.responses[2].error)
    assert.equal(200, d.responses[3].status)
    assert.equal(2, #waits) -- two waits for the two retries' backoff
    local n = notifications()
    assert.same({ 1, 2, 3 }, { n[1].delivery_attempts, n[2].delivery_attempts, n[3].delivery_attempts })
    assert.equal(n[1].id, n[3].id) -- the same notification, attempted again
    assert.equal(3, d.json.delivery_attempts)
  end)

  it("gives up after the last attempt, and sends nothing off loopback", function()
    sb:subscribe{ url = "http://127.0.0.1:9/hook", topics = { "company.created" } }
    sb:subscribe{ url = "https://hooks.example.com/in", topics = { "company.created" } }
    client.companies:create{ company_id = "c-fail", name = "Failing" }
    answer = { 503, 503, 503, 200 }
    local journal = sb:deliver{ transport = receiver }
    assert.equal(3, #got)
    assert.equal("failed", journal[1].status)
    assert.equal(3, journal[1].attempts)
    assert.equal("skipped", journal[2].status)
    assert.matches("loopback", journal[2].reason)
    assert.equal(0, journal[2].attempts)
  end)

  it("leaves retries pending with wait = false; reset clears the journal", function()
    sb:subscribe{ url = "http://127.0.0.1:9/hook", topics = { "company.created" } }
    client.companies:create{ company_id = "c-later", name = "Later" }
    answer = { 500 }
    local d = sb:deliver{ transport = receiver, wait = false }[1]
    assert.equal("pending", d.status)
    assert.equal(1, d.attempts)
    sb:reset()
    assert.same({}, sb:deliveries())
  end)

  it("signs v1 subscriptions with their hub_secret and names topics as v1 did", function()
    local v1 = intercom.new{ token = "t", transport = sb:transport(), api_version = "1.4" }
    local sub = v1.subscriptions:create{ url = "http://127.0.0.1:9/v1hook", topics = { "user.created" },
      hub_secret = "hub-s3cret" }
    assert.equal("nsub_6001", sub.id)
    v1.users:create{ email = "v1hook@example.com", user_id = "v1-hook" }
    sb:deliver{ transport = receiver }
    assert.equal(1, #got)
    assert.is_true(intercom.verify_signature("hub-s3cret", got[1].body, got[1].headers["X-Hub-Signature"]))
    assert.is_false(intercom.verify_signature(SECRET, got[1].body, got[1].headers["X-Hub-Signature"]))
    local n = intercom.notification(got[1].body)
    assert.equal("user.created", n.topic)
    assert.equal("v1hook@example.com", n.model.email)
  end)

  it("refuses a bad subscription with a message naming what is wrong", function()
    for _, case in ipairs({
      { { url = "ftp://x", topics = { "ping" } }, "url must be an http or https URL" },
      { { url = "http://127.0.0.1/", topics = {} }, "topics must be a non-empty list" },
      { { url = "http://127.0.0.1/", topics = { "no.such" } }, "'no.such' is not a topic" },
      { { url = "http://127.0.0.1/", topics = { "ping" }, secret = "" }, "secret must be a non-empty string" },
    }) do
      local ok, err = pcall(sb.subscribe, sb, case[1])
      assert.is_false(ok)
      assert.matches(case[2], tostring(err), 1, true)
    end
  end)
end)

describe("sandbox webhooks, over HTTP", function()
  -- A one-connection-at-a-time HTTP receiver on a socket of this process:
  -- the sandbox's delivery thread posts while this loop accepts.
  local function receive(server, answers, want, timeout)
    local bodies, deadline = {}, socket.gettime() + timeout
    while #bodies < want and socket.gettime() < deadline do
      local c = server:accept()
      if c then
        c:settimeout(2)
        local headers = {}
        c:receive("*l")
        while true do
          local h = c:receive("*l")
          if not h or h == "" then break end
          local k, v = h:match("^([^:]+):%s*(.*)$")
          headers[k:lower()] = v
        end
        local len = tonumber(headers["content-length"])
        bodies[#bodies + 1] = { body = c:receive(len), signature = headers["x-hub-signature"] }
        local status = table.remove(answers, 1) or 200
        c:send(("HTTP/1.1 %d X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"):format(status))
        c:close()
      end
    end
    return bodies
  end

  it("delivers from its own thread: the request that made the topic does not wait", function()
    local server = assert(socket.bind("127.0.0.1", 0))
    server:settimeout(0.05)
    local _, port = server:getsockname()
    local sb = sandbox.start{ port = 0, webhooks = { backoff = 0.05, client_secret = "http-secret" } }
    local client = intercom.new{ token = "t", base_url = sb.url }
    sb:subscribe{ url = ("http://127.0.0.1:%d/hook"):format(port), topics = { "contact.user.created" } }
    local t0 = socket.gettime()
    local contact = client.contacts:create{ role = "user", email = "thread@example.com" }
    assert.is_true(socket.gettime() - t0 < 1) -- the receiver has not accepted yet
    local bodies = receive(server, { 500, 200 }, 2, 10)
    assert.equal(2, #bodies)
    for i, b in ipairs(bodies) do
      assert.is_true(intercom.verify_signature("http-secret", b.body, b.signature))
      local n = intercom.notification(b.body)
      assert.equal(contact.id, n.model.id)
      assert.equal(i, n.delivery_attempts)
    end
    local journal = sb:deliver{ timeout = 5 }
    assert.equal("delivered", journal[1].status)
    assert.equal(2, journal[1].attempts)
    sb:stop()
    server:close()
  end)

  it("stops promptly with a delivery still to retry", function()
    local sb = sandbox.start{ port = 0, webhooks = { backoff = 30 } }
    local client = intercom.new{ token = "t", base_url = sb.url }
    sb:subscribe{ url = "http://127.0.0.1:9/closed-port", topics = { "company.created" } }
    client.companies:create{ company_id = "stop-me", name = "Stop" }
    local deadline = socket.gettime() + 5
    while sb:deliveries()[1].attempts < 1 and socket.gettime() < deadline do socket.sleep(0.01) end
    assert.equal("pending", sb:deliveries()[1].status)
    local t0 = socket.gettime()
    sb:stop()
    assert.is_true(socket.gettime() - t0 < 2)
  end)
end)
