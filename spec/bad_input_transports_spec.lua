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

  pending("that returns a status of NaN or math.huge gives a typed error (today: raw 'number has no integer "
    .. "representation' from error_class_for)")
  pending("that returns a body that is not a string (5, a table, a function) gives a typed error (today: raw "
    .. "'attempt to index' in response.lua)")
  pending("that returns headers that are not a table gives a typed error (today: raw 'bad argument to for "
    .. "iterator' in transport.lua)")
  pending("a log callback that raises does not turn a POST that succeeded into an error (issue: 'Also')")
end)
