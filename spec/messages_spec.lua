-- client.messages against the sandbox: an admin's message starts an
-- admin-initiated conversation with its recipients.
local harness = require "sandbox_harness"

local ADA, ALAN = "991267401", "991267403"

describe("client.messages", function()
  local client

  local h = harness.new({ token = "messages_spec_token" }, function(c) client = c end)
  local last, bad_input, api_error = h.last, h.bad_input, h.api_error

  it("sends an in-app message that starts a conversation", function()
    local ann = client.contacts:find{ email = "ann@example.com" }
    local message = client.messages:create{ message_type = "in_app", body = "<p>Your export is ready.</p>",
      from = { type = "admin", id = ADA }, to = { type = "user", id = ann.id } }
    assert.equal("POST", last().method)
    assert.equal("/messages", last().path)
    -- API 2.15 declares the admin's id an integer: the string of digits goes as one
    assert.same({ message_type = "in_app", body = "<p>Your export is ready.</p>",
      from = { type = "admin", id = 991267401 }, to = { type = "user", id = ann.id } }, last().json)
    assert.matches('"id":991267401', last().body, 1, true)
    assert.equal("application/json", last().headers["content-type"])
    assert.equal("admin_message", message.type)
    assert.equal("inapp", message.message_type)
    assert.equal("Ada Lovelace", message.owner.name)
    local conv = client.conversations:find(message.conversation_id)
    assert.equal("admin_initiated", conv.source.delivered_as)
    assert.equal("admin", conv.source.author.type)
    assert.equal(ann.id, conv.contacts[1].id)
    assert.is_nil(conv.waiting_since) -- nobody is waiting for the team
  end)

  it("sends an email with a subject and a template to several contacts", function()
    local bob = client.contacts:find{ email = "bob@example.com" }
    local eve = client.contacts:find{ email = "eve@example.com" }
    local message = client.messages:create{ message_type = "email", subject = "Your refund",
      body = "<p>The refund is on its way.</p>", template = "personal", from = { type = "admin", id = ALAN },
      to = { { type = "user", id = bob.id }, { type = "lead", id = eve.id } } }
    assert.equal("email", message.message_type)
    assert.equal("Your refund", message.subject)
    local conv = client.conversations:find(message.conversation_id)
    assert.equal("email", conv.source.type)
    assert.equal("Your refund", conv.source.subject)
    assert.equal(2, #conv.contacts)
  end)

  it("leaves the caller's from table as it was", function()
    local ann = client.contacts:find{ email = "ann@example.com" }
    local from = { type = "admin", id = ADA }
    client.messages:create{ body = "<p>hi</p>", from = from, to = { type = "user", id = ann.id } }
    assert.equal(ADA, from.id)
    assert.equal(991267401, last().json.from.id)
  end)

  -- The gem's README sends a message from a user (or lead, or contact) with no
  -- recipient; API 2.x takes that at POST /conversations.
  it("sends a user's message, as the gem's README does, to POST /conversations", function()
    local ann = client.contacts:find{ email = "ann@example.com" }
    local message = client.messages:create{ from = { type = "user", id = ann.id }, body = "halp" }
    assert.equal("POST /conversations", last().method .. " " .. last().path)
    assert.same({ from = { type = "user", id = ann.id }, body = "halp" }, last().json)
    assert.equal("user_message", message.type)
    assert.equal("halp", message.body)
    local conv = client.conversations:find(message.conversation_id)
    assert.equal("customer_initiated", conv.source.delivered_as)
    assert.equal(ann.id, conv.contacts[1].id)

    local eve = client.contacts:find{ email = "eve@example.com" }
    for _, kind in ipairs({ "lead", "contact" }) do
      local m = client.messages:create{ from = { type = kind, id = eve.id }, body = "halp" }
      assert.equal("/conversations", last().path)
      assert.equal("user_message", m.type)
    end
    local saved = client.messages:save{ from = { type = "user", id = ann.id }, body = "again" }
    assert.equal("/conversations", last().path)
    assert.equal("user_message", saved.type)
  end)

  it("creates with save, from a table", function()
    local ann = client.contacts:find{ email = "ann@example.com" }
    local message = client.messages:save{ body = "<p>hi</p>", to = { type = "user", id = ann.id } }
    assert.equal("/messages", last().path)
    assert.equal("admin_message", message.type)
    assert.equal("Ada Lovelace", message.owner.name) -- the default sender
  end)

  it("answers the API's errors", function()
    local ann = client.contacts:find{ email = "ann@example.com" }
    local err = api_error("BadRequestError", function()
      client.messages:create{ message_type = "email", body = "<p>x</p>", template = "plain",
        from = { type = "admin", id = ADA }, to = { type = "user", id = ann.id } }
    end, 422)
    assert.equal("No subject supplied for email message", err.message)
    api_error("AdminNotFound", function()
      client.messages:create{ body = "<p>x</p>", from = { type = "admin", id = "1" },
        to = { type = "user", id = ann.id } }
    end, 404)
    api_error("ResourceNotFound", function()
      client.messages:create{ body = "<p>x</p>", to = { type = "user", id = "000000000000000000000000" } }
    end, 404)
    api_error("BadRequestError", function()
      client.messages:create{ body = "", to = { type = "user", id = ann.id } }
    end, 400)
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.messages:create() end, "messages:create: expected a table of arguments, got nil")
    bad_input(function() client.messages:create{ to = { type = "user", id = "1" } } end, "argument 'body' is required")
    bad_input(function() client.messages:create{ body = "hi" } end, "argument 'to' is required")
    bad_input(function() client.messages:create{ body = "hi", to = "ann" } end, "argument 'to' must be a table")
    bad_input(function() client.messages:create{ body = "hi", to = {}, subject = 3 } end,
      "argument 'subject' must be a string")
    bad_input(function() client.messages:save(7) end, "argument 'object' must be an intercom object")
    bad_input(function() client.messages:create{ body = "hi", to = {}, from = { type = "admin", id = "ada" } } end,
      "messages:create: argument 'from.id' must be an integer id %(or a string of digits%), got the string \"ada\"")
    bad_input(function() client.messages:create{ body = "hi", to = {}, from = { type = "admin", id = 1.5 } } end,
      "argument 'from.id' must be an integer id")
    bad_input(function() client.messages:create{ from = { type = "user" }, body = "hi" } end,
      "argument 'from.id' is required")
    bad_input(function() client.messages:create{ from = { type = "user", id = "1" } } end,
      "argument 'body' is required")
  end)
end)
