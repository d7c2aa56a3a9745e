-- The token must never appear in tostring, errors, tracebacks or logs.
local intercom = require "intercom"
local fake_transport = require "fake_transport"

local TOKEN = "tok_fake_1234567890"

local function assert_clean(s)
  assert.is_nil(tostring(s):find(TOKEN, 1, true), "token leaked into: " .. tostring(s))
  assert.is_nil(tostring(s):find("1234567890", 1, true), "token tail leaked into: " .. tostring(s))
end

describe("the token", function()
  it("is not in tostring of the client, services, objects or collections", function()
    local fake = fake_transport.new({ { status = 200, body = { type = "contact", id = "c1", email = "a@b.c" } } })
    local client = fake_transport.client(fake)
    assert_clean(client)
    assert_clean(client.contacts)
    assert_clean(client.contacts:all())
    assert_clean(client.contacts:find("c1"))
  end)

  it("is not in errors, their fields or their traceback", function()
    for _, answer in ipairs({ { status = 401, body = { type = "error.list",
        errors = { { code = "unauthorized", message = "Access Token Invalid" } } } },
      { fail = "connect" }, { status = 500, body = "<html>" } }) do
      local client = fake_transport.client(fake_transport.new({ answer }), { max_retries = 0 })
      local ok, err = xpcall(client.get, function(e) return { e = e, tb = debug.traceback(tostring(e)) } end,
        client, "/me")
      assert.is_false(ok)
      assert_clean(err.e)
      assert_clean(err.tb)
      for _, field in ipairs({ "message", "body", "url", "method", "code" }) do assert_clean(err.e[field]) end
    end
  end)

  it("is not readable as a client field", function()
    local client = intercom.new{ token = TOKEN }
    assert.is_nil(client.token)
    for _, v in pairs(client.settings) do assert_clean(v) end
  end)

  it("is not in the message of a configuration error", function()
    local ok, err = pcall(intercom.new, { token = TOKEN, region = "nowhere" })
    assert.is_false(ok)
    assert_clean(err)
  end)
end)
