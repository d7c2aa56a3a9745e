-- intercom.notification: a webhook delivery's body -> a typed Notification,
-- and n:load(client) against the sandbox.
local intercom = require "intercom"
local safe = require "intercom.safe"
local harness = require "sandbox_harness"

local function delivery(topic, item, extra)
  local t = {
    type = "notification_event", app_id = "sandbox1", id = "notif_0f1e", topic = topic,
    data = { type = "notification_event_data", item = item },
    created_at = 1700000000, first_sent_at = 1700000001, delivered_at = 0, delivery_attempts = 1,
    delivery_status = "pending", links = {}, self = intercom.null,
  }
  for k, v in pairs(extra or {}) do t[k] = v end
  return require("intercom.core").json_encode(t)
end

describe("intercom.notification", function()
  local client, sandbox
  harness.new({ token = "notification_spec" }, function(c, s) client, sandbox = c, s end)

  it("reads the envelope and types the item", function()
    local body = delivery("contact.user.created",
      { type = "contact", id = "12345", role = "user", email = "a@example.com",
        custom_attributes = { plan = "pro" }, tags = { type = "list", data = {} } })
    local n = intercom.notification(body)
    assert.equal("notif_0f1e", n.id)
    assert.equal("contact.user.created", n.topic)
    assert.equal("sandbox1", n.app_id)
    assert.equal(1700000000, n.created_at)
    assert.equal(math.type(n.created_at), "integer")
    assert.equal(1700000001, n.first_sent_at)
    assert.equal(1, n.delivery_attempts)
    assert.equal("contact", n.model_type)
    assert.is_true(require("intercom.core").is_resource(n.model))
    assert.equal("a@example.com", n.model.email)
    assert.equal("pro", n.model.custom_attributes.plan)
    assert.equal("contact", n.model.type)
    assert.equal("intercom.Notification<contact.user.created contact notif_0f1e>", tostring(n))
    assert.equal("contact.user.created", n.data.topic) -- the decoded body, raw
  end)

  it("takes the decoded table too", function()
    local t = require("intercom.core").json_decode(delivery("company.created", { type = "company", id = "7" }))
    local n = intercom.notification(t)
    assert.equal("company", n.model_type)
    assert.equal("7", n.model.id)
  end)

  it("keeps unknown topics and item types with their raw data", function()
    local n = intercom.notification(delivery("something.new.happened",
      { type = "shiny_thing", id = "x1", depth = { a = { 1, 2 } } }))
    assert.equal("something.new.happened", n.topic)
    assert.equal("shiny_thing", n.model_type)
    assert.equal(2, n.model.depth.a[2])
    local ping = intercom.notification(delivery("ping", { type = "ping", message = "hello" }))
    assert.equal("ping", ping.model_type)
    local err = select(2, pcall(ping.load, ping, client))
    assert.is_true(err:is(intercom.errors.ArgumentError))
    assert.matches("a ping cannot be loaded by id", err.message, 1, true)
  end)

  it("raises ArgumentError naming what is wrong with a malformed body", function()
    local cases = {
      { "not json", "the body is not JSON" },
      { "[1,2]", "the body has no topic" },
      { '"text"', "the body is not a JSON object" },
      { '{"type":"contact","topic":"x","data":{"item":{}}}', 'the body\'s type is "contact"' },
      { '{"type":"notification_event","data":{"item":{}}}', "the body has no topic" },
      { '{"type":"notification_event","topic":"x"}', "the body has no data object" },
      { '{"type":"notification_event","topic":"x","data":{"item":[1]}}', "the body's data has no item object" },
      { '{"type":"notification_event","topic":"x","data":{}}', "the body's data has no item object" },
      { 42, "argument 'body' must be the request body" },
      { nil, "argument 'body' must be the request body" },
    }
    for _, case in ipairs(cases) do
      local ok, err = pcall(intercom.notification, case[1])
      assert.is_false(ok, tostring(case[1]))
      assert.is_true(err:is(intercom.errors.ArgumentError))
      assert.matches("intercom.notification: " .. case[2], err.message, 1, true)
      local v, e = safe.notification(case[1])
      assert.is_nil(v)
      assert.is_true(e:is(intercom.errors.ArgumentError))
    end
  end)

  it("n:load(client) fetches the fresh object by id", function()
    local contact = client.contacts:create{ role = "user", email = "fresh@example.com", name = "Before" }
    local n = intercom.notification(delivery("contact.user.created",
      { type = "contact", id = contact.id, name = "Before" }))
    contact.name = "After"
    client.contacts:save(contact)
    local fresh = n:load(client)
    assert.equal("After", fresh.name)
    assert.equal("Before", n.model.name)
    assert.equal("GET /contacts/" .. contact.id, sandbox:requests()[#sandbox:requests()].method .. " "
      .. sandbox:requests()[#sandbox:requests()].path)
    local conv = intercom.notification(delivery("conversation.admin.replied",
      { type = "conversation", id = "nope" }))
    local ok, err = pcall(conv.load, conv, client)
    assert.is_false(ok)
    assert.is_true(err:is(intercom.errors.ResourceNotFound))
    local tagged = intercom.notification(delivery("contact.tag.created",
      { type = "contact_tag", tag = { type = "tag", id = "101" }, contact = { type = "contact", id = contact.id } }))
    assert.equal("After", tagged:load(client).name)
    for _, bad in ipairs({ 1, "client", {}, false }) do
      local e = select(2, pcall(n.load, n, bad))
      assert.is_true(e:is(intercom.errors.ArgumentError))
      assert.matches("argument 'client' must be an intercom client", e.message, 1, true)
    end
  end)

  it("binds the model to a client when given one, so its methods work", function()
    local contact = client.contacts:create{ role = "user", email = "bound@example.com" }
    local n = intercom.notification(delivery("contact.user.created", { type = "contact", id = contact.id }), client)
    n.model:add_tag{ id = "101" }
    local names = {}
    for t in client.contacts:find(contact.id):tags() do names[#names + 1] = t.name end
    assert.same({ "VIP" }, names)
  end)
end)
