-- A user transport (the `transport` option) that misbehaves: whatever it
-- returns or raises, the caller gets a typed intercom.Error (nil, err through
-- intercom.safe), never a raw Lua error, and a POST is handed to it once.
local intercom = require "intercom"
local safe = require "intercom.safe"
local core = require "intercom.core"

-- { label, transport body, the error class expected }
local CASES = {
  { "returns nothing", function() return nil end, "ServiceConnectionError" },
  { "returns a string", function() return "HTTP/1.1 200 OK" end, "ServiceConnectionError" },
  { "returns a number", function() return 200 end, "ServiceConnectionError" },
  { "returns a status that is a string", function() return { status = "200", body = "{}" } end,
    "ServiceConnectionError" },
  { "returns no status", function() return { body = "{}" } end, "ServiceConnectionError" },
  { "returns status 0", function() return { status = 0, body = "{}" } end, "UnexpectedError" },
  { "returns status -1", function() return { status = -1, body = "{}" } end, "UnexpectedError" },
  { "returns status 99999", function() return { status = 99999, body = "{}" } end, "ServerError" },
  { "returns an HTML body", function() return { status = 200, body = "<html>hi</html>" } end,
    "UnexpectedResponseError" },
  { "returns a truncated JSON body", function() return { status = 200, body = "{\"type\":\"contact\"," } end,
    "UnexpectedResponseError" },
  { "raises a string", function() error("socket exploded") end, "ServiceConnectionError" },
  { "raises a table", function() error({ code = 1 }) end, "ServiceConnectionError" },
  { "raises nil", function() error() end, "ServiceConnectionError" },
  { "yields outside a coroutine", function() coroutine.yield() end, "ServiceConnectionError" },
  { "fails with a string", function() return nil, "nope" end, "ServiceConnectionError" },
  { "fails with an unknown kind", function() return nil, { kind = "bogus", message = "m" } end,
    "ServiceConnectionError" },
  { "fails with a kind that is a table", function() return nil, { kind = {}, message = {} } end,
    "ServiceConnectionError" },
  { "fails with a message that is NaN", function() return nil, { kind = "dropped", message = 0 / 0 } end,
    "ConnectionDroppedError" },
}

local function client_on(fn, calls, safe_api)
  local new = safe_api and safe.new or intercom.new
  return assert(new{ token = "tok_fake_1234567890", base_url = "https://api.example.test", max_retries = 2,
    sleep = function() end,
    transport = function(req)
      calls[#calls + 1] = req
      return fn(req)
    end })
end

describe("a misbehaving transport", function()
  for _, case in ipairs(CASES) do
    it(("that %s gives %s, the POST handed over once"):format(case[1], case[3]), function()
      local calls = {}
      local client = client_on(case[2], calls)
      local ok, err = pcall(client.post, client, "/contacts", { email = "a@example.com" })
      assert.is_false(ok)
      assert.is_true(core.is_error(err), tostring(err))
      assert.equal(case[3], err.class, tostring(err))
      assert.equal(1, #calls, "the POST went to the transport more than once")

      local safe_calls = {}
      local safe_client = client_on(case[2], safe_calls, true)
      local value, safe_err = safe_client:post("/contacts", { email = "a@example.com" })
      assert.is_nil(value)
      assert.equal(case[3], safe_err.class)
      assert.equal(1, #safe_calls)
    end)
  end

  it("whose rate-limit headers are garbage still gives the answer", function()
    local calls = {}
    local client = client_on(function()
      return { status = 200, body = "{\"type\":\"admin\",\"id\":\"1\"}",
        headers = { ["X-RateLimit-Limit"] = "nan", ["X-RateLimit-Remaining"] = {}, ["X-RateLimit-Reset"] = "1e400" } }
    end, calls)
    assert.equal("1", client:get("/me").id)
  end)

  -- A response the transport made up is still a response: a status that is no
  -- whole number, a body that is no string, headers that are no table are a
  -- failure to get an answer, named, and never a raw Lua error.
  local MALFORMED = {
    { "a status of NaN", { status = 0 / 0, body = "{}" }, "status" },
    { "a status of math.huge", { status = math.huge, body = "{}" }, "status" },
    { "a status of 200.5", { status = 200.5, body = "{}" }, "status" },
    { "a body that is a number", { status = 200, body = 5 }, "body" },
    { "a body that is a table", { status = 200, body = { type = "admin" } }, "body" },
    { "a body that is a function", { status = 200, body = print }, "body" },
    { "headers that are a string", { status = 200, body = "{}", headers = "x-request-id: 1" }, "headers" },
    { "headers that are a number", { status = 200, body = "{}", headers = 5 }, "headers" },
  }
  for _, case in ipairs(MALFORMED) do
    it(("that returns %s gives a ServiceConnectionError naming it, the POST handed over once"):format(case[1]),
      function()
        for _, safe_api in ipairs({ false, true }) do
          local calls = {}
          local client = client_on(function() return case[2] end, calls, safe_api)
          local ok, value, err = pcall(client.post, client, "/contacts", { email = "a@example.com" })
          if not safe_api then
            assert.is_false(ok)
            err = value
          else
            assert.is_true(ok, tostring(value))
            assert.is_nil(value)
          end
          assert.is_true(core.is_error(err), tostring(err))
          assert.equal("ServiceConnectionError", err.class, tostring(err))
          assert.matches(case[3], err.message, 1, true)
          assert.equal(1, #calls, "the POST went to the transport more than once")
        end
      end)
  end

  it("a log callback that raises does not turn a POST that succeeded into an error", function()
    for _, new in ipairs({ intercom.new, safe.new }) do
      local calls, logged = {}, 0
      local client = assert(new{ token = "tok_fake_1234567890", base_url = "https://api.example.test",
        log = function() logged = logged + 1 error("the log is full") end,
        transport = function(req)
          calls[#calls + 1] = req
          return { status = 200, body = "{\"type\":\"contact\",\"id\":\"c1\"}" }
        end })
      local contact, err = client:post("/contacts", { email = "a@example.com" })
      assert.is_nil(err)
      assert.equal("c1", contact.id)
      assert.equal(1, #calls)
      assert.equal(1, logged)
    end
  end)
end)
