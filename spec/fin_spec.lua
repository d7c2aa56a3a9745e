-- client.fin (the Fin Agent API) end to end against the sandbox: start a
-- Fin conversation, reply to Fin, submit a CSAT rating.
local harness = require "sandbox_harness"

describe("client.fin", function()
  local client

  local h = harness.new({ token = "fin_spec_token" }, function(c) client = c end)
  local last, bad_input, api_error = h.last, h.bad_input, h.api_error

  local MESSAGE = { author = "user", body = "Where is my order?", timestamp = "2025-03-04T09:15:00Z" }

  local function start(id)
    return client.fin:start{ conversation_id = id or "chat-77", user = { id = "u-1001", email = "ann@example.com" },
      message = MESSAGE }
  end

  it("starts a Fin conversation", function()
    local answer = client.fin:start{ conversation_id = "chat-77", user = { id = "u-1001", name = "Ann Lee" },
      message = MESSAGE, conversation_metadata = { history = {
        { author = "agent", body = "Hi, how can I help?", timestamp = "2025-03-04T09:14:00Z" } } },
      attachments = { { type = "url", url = "https://example.com/receipt.pdf" } } }
    local req = last()
    assert.equal("POST /fin/start", req.method .. " " .. req.path)
    assert.same({ conversation_id = "chat-77", user = { id = "u-1001", name = "Ann Lee" }, message = MESSAGE,
      conversation_metadata = { history = { { author = "agent", body = "Hi, how can I help?",
        timestamp = "2025-03-04T09:14:00Z" } } },
      attachments = { { type = "url", url = "https://example.com/receipt.pdf" } } }, req.json)
    assert.equal("chat-77", answer.conversation_id)
    assert.equal("u-1001", answer.user_id)
    assert.equal("thinking", answer.status)
    assert.matches("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%d%.%d%d%dZ$", answer.created_at_ms)
    assert.matches("channels=fin_agent_api:sandbox1:chat-77", answer.sse_subscription_url, 1, true)
    assert.is_nil(answer.errors)
  end)

  it("takes a message as a string and a user as an id", function()
    local before = os.time()
    client.fin:start{ conversation_id = 42, user = "u-1002", message = "Hello?" }
    local sent = last().json
    assert.same({ id = "u-1002" }, sent.user)
    assert.equal(42, sent.conversation_id)
    assert.equal("user", sent.message.author)
    assert.equal("Hello?", sent.message.body)
    assert.is_true(sent.message.timestamp >= os.date("!%Y-%m-%dT%H:%M:%SZ", before))
  end)

  it("reports user attributes the workspace does not have", function()
    local answer = client.fin:start{ conversation_id = "c-1", message = "hi",
      user = { id = "u-1001", attributes = { plan = "pro", shoe_size = 43 } } }
    assert.same({ user = { attributes = { shoe_size = "User attribute 'shoe_size' does not exist" } } },
      answer.errors:to_table())
  end)

  it("replies to Fin in a started conversation", function()
    start()
    local answer = client.fin:reply{ conversation_id = "chat-77", user = { id = "u-1001" },
      message = { author = "user", body = "Order 4471", timestamp = "2025-03-04T09:16:00Z" } }
    local req = last()
    assert.equal("POST /fin/reply", req.method .. " " .. req.path)
    assert.same({ conversation_id = "chat-77", user = { id = "u-1001" },
      message = { author = "user", body = "Order 4471", timestamp = "2025-03-04T09:16:00Z" } }, req.json)
    assert.equal("thinking", answer.status)
    local err = api_error("BadRequestError", function()
      client.fin:reply{ conversation_id = "never-started", user = "u", message = "x" }
    end)
    assert.equal("conversation_id", err.field)
  end)

  it("submits a CSAT rating, idempotently, locked by a remark", function()
    start()
    local r = client.fin:submit_csat{ conversation_id = "chat-77", rating = "good" }
    assert.equal("POST /fin/csat", last().method .. " " .. last().path)
    assert.same({ conversation_id = "chat-77", rating = "good" }, last().json)
    assert.same({ conversation_id = "chat-77", rating = "good", status = "rated" }, r:to_table())
    assert.equal("good", client.fin:submit_csat{ conversation_id = "chat-77", rating = "good" }.rating)
    assert.equal("amazing", client.fin:submit_csat{ conversation_id = "chat-77", rating = "amazing",
      remark = "Fin found my order in seconds." }.rating)
    local err = api_error(nil, function()
      client.fin:submit_csat{ conversation_id = "chat-77", rating = "bad" }
    end, 422)
    assert.matches("remark has already been submitted", err.body, 1, true)
    err = api_error(nil, function() client.fin:submit_csat{ conversation_id = "nope", rating = "ok" } end, 422)
    assert.matches("Conversation not found", err.body, 1, true)
  end)

  it("raises the API's errors", function()
    local err = api_error("BadRequestError", function()
      client.fin:start{ conversation_id = "c", user = { id = "u" }, message = { author = "bot", body = "x",
        timestamp = "2025-03-04T09:15:00Z" } }
    end)
    assert.equal("parameter_invalid", err.code)
    assert.equal("message", err.field)
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.fin:start() end, "fin:start: argument 'arguments' is required")
    bad_input(function() client.fin:start{ user = "u", message = "m" } end, "argument 'conversation_id' is required")
    bad_input(function() client.fin:start{ conversation_id = "c", message = "m" } end, "argument 'user' is required")
    bad_input(function() client.fin:reply{ conversation_id = "c", user = "u" } end, "argument 'message' is required")
    bad_input(function() client.fin:reply{ conversation_id = "c", user = "u", message = 5 } end,
      "argument 'message' must be a table")
    bad_input(function() client.fin:submit_csat{ conversation_id = "c", rating = "great" } end,
      "argument 'rating' must be one of terrible, bad, ok, good, amazing")
    bad_input(function() client.fin:submit_csat{ rating = "ok" } end, "argument 'conversation_id' is required")
    bad_input(function() client.fin:submit_csat{ conversation_id = "c", rating = "ok", remark = 1 } end,
      "argument 'remark' must be a string")
  end)
end)
