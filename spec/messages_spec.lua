-- client.messages against the sandbox: an admin's message starts an
-- admin-initiated conversation with its recipients.
local intercom = require "intercom"
local sandbox_module = require "intercom.sandbox"

local ADA, ALAN = "991267401", "991267403"

describe("client.messages", function()
  local sandbox, client

  setup(function() sandbox = sandbox_module.start{ port = 0 } end)
  teardown(function() sandbox:stop() end)
  before_each(function()
    sandbox:reset()
    client = intercom.new{ token = "messages_spec_token", base_url = sandbox.url, max_retries = 0 }
  end)

  local function last()
    local all = sandbox:requests()
    return all[#all]
  end

  local function bad_input(fn, pattern)
    local before = #sandbox:requests()
    local ok, err = pcall(fn)
    assert.is_false(ok, "expected an error")
    assert.equal("ArgumentError", err.class, tostring(err))
    assert.matches(pattern, err.message)
    assert.equal(before, #sandbox:requests(), "a request was sent")
  end

  local function api_error(fn, class, status)
    local ok, err = pcall(fn)
    assert.is_false(ok, "expected an error")
    assert.equal(class, err.class, tostring(err))
    assert.equal(status, err.http_code)
    return err
  end

  it("sends an in-app message that starts a conversation", function()
    local ann = client.contacts:find{ email = "ann@example.com" }
    local message = client.messages:create{ message_type = "in_app", body = "<p>Your export is ready.</p>",
      from = { type = "admin", id = ADA }, to = { type = "user", id = ann.id } }
    assert.equal("POST", last().method)
    assert.equal("/messages", last().path)
    assert.same({ message_type = "in_app", body = "<p>Your export is ready.</p>",
      from = { type = "admin", id = ADA }, to = { type = "user", id = ann.id } }, last().json)
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

  it("creates with save, from a table", function()
    local ann = client.contacts:find{ email = "ann@example.com" }
    local message = client.messages:save{ body = "<p>hi</p>", to = { type = "user", id = ann.id } }
    assert.equal("/messages", last().path)
    assert.equal("admin_message", message.type)
    assert.equal("Ada Lovelace", message.owner.name) -- the default sender
  end)

  it("answers the API's errors", function()
    local ann = client.contacts:find{ email = "ann@example.com" }
    local err = api_error(function()
      client.messages:create{ message_type = "email", body = "<p>x</p>", template = "plain",
        from = { type = "admin", id = ADA }, to = { type = "user", id = ann.id } }
    end, "BadRequestError", 422)
    assert.equal("No subject supplied for email message", err.message)
    api_error(function()
      client.messages:create{ body = "<p>x</p>", from = { type = "admin", id = "1" },
        to = { type = "user", id = ann.id } }
    end, "AdminNotFound", 404)
    api_error(function()
      client.messages:create{ body = "<p>x</p>", to = { type = "user", id = "000000000000000000000000" } }
    end, "ResourceNotFound", 404)
    api_error(function() client.messages:create{ body = "", to = { type = "user", id = ann.id } } end,
      "BadRequestError", 400)
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.messages:create() end, "messages:create: expected a table of arguments, got nil")
    bad_input(function() client.messages:create{ to = { type = "user", id = "1" } } end, "argument 'body' is required")
    bad_input(function() client.messages:create{ body = "hi" } end, "argument 'to' is required")
    bad_input(function() client.messages:create{ body = "hi", to = "ann" } end, "argument 'to' must be a table")
    bad_input(function() client.messages:create{ body = "hi", to = {}, subject = 3 } end,
      "argument 'subject' must be a string")
    bad_input(function() client.messages:save(7) end, "argument 'object' must be an intercom object")
  end)
end)
