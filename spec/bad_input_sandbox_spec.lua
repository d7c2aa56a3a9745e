-- Bad input to the sandbox's controls (require "intercom.sandbox"): each is
-- a clear error naming what is wrong, nothing is armed or changed, and the
-- sandbox goes on serving.
local sandbox_module = require "intercom.sandbox"
local http = require "http"
local core = require "intercom.core"

local function message_of(err)
  if type(err) == "userdata" and err.message then return err.message end
  return tostring(err)
end

-- { label, the fault spec, a word the message must hold }
local BAD_FAULTS = {
  { "status \"x\"", { status = "x" }, "status" },
  { "status 99", { status = 99 }, "status" },
  { "status 600", { status = 600 }, "status" },
  { "status 1.5", { status = 1.5 }, "status" },
  { "status NaN", { status = 0 / 0 }, "status" },
  { "status math.huge", { status = math.huge }, "status" },
  { "times 0", { status = 500, times = 0 }, "times" },
  { "times \"x\"", { status = 500, times = "x" }, "times" },
  { "times NaN", { status = 500, times = 0 / 0 }, "times" },
  { "delay -1", { delay = -1 }, "delay" },
  { "delay \"x\"", { delay = "x" }, "delay" },
  { "retry_after -1", { status = 429, retry_after = -1 }, "retry_after" },
  { "route 5", { route = 5, status = 500 }, "route" },
  { "route \"BOGUS\"", { route = "BOGUS", status = 500 }, "route" },
  { "route \"GET\" (no path)", { route = "GET", status = 500 }, "route" },
  { "body 5", { body = 5 }, "body" },
  { "code 5", { status = 500, code = 5 }, "code" },
  { "message {}", { status = 500, message = { 1 } }, "message" },
  { "headers \"x\"", { status = 500, headers = "x" }, "headers" },
  { "headers as an array", { status = 500, headers = { "x" } }, "headers" },
  { "drop and truncate together", { drop = true, truncate = true }, "drop" },
  { "nothing to do", {}, "status" },
  { "a fault that is a string", "x", "fault" },
  { "a fault with a function", { status = 500, body = print }, "function" },
}

local BAD_RATE_LIMITS = {
  { "limit -1", { limit = -1 }, "limit" },
  { "limit 0", { limit = 0 }, "limit" },
  { "limit 1.5", { limit = 1.5 }, "limit" },
  { "limit \"x\"", { limit = "x" }, "limit" },
  { "limit math.huge", { limit = math.huge }, "limit" },
  { "limit NaN", { limit = 0 / 0 }, "limit" },
  { "window 0", { limit = 5, window = 0 }, "window" },
  { "window -1", { limit = 5, window = -1 }, "window" },
  { "window \"x\"", { limit = 5, window = "x" }, "window" },
  { "no table", nil, "set_rate_limit" },
  { "a string", "x", "set_rate_limit" },
}

-- { label, the options, a word the message must hold, the intercom.Error
-- class when start itself checks it (the rest is refused by the server) }
local BAD_STARTS = {
  { "port -1", { port = -1 }, "port", "ArgumentError" },
  { "port 70000", { port = 70000 }, "port", "ArgumentError" },
  { "port \"x\"", { port = "x" }, "port", "ArgumentError" },
  { "port 1.5", { port = 1.5 }, "port", "ArgumentError" },
  { "port NaN", { port = 0 / 0 }, "port", "ArgumentError" },
  { "port math.huge", { port = math.huge }, "port", "ArgumentError" },
  { "host 5", { host = 5 }, "host", "ArgumentError" },
  { "token 5", { token = 5 }, "token", "ArgumentError" },
  { "seed \"no\"", { seed = "no" }, "seed", "ArgumentError" },
  { "workspace_id {}", { workspace_id = {} }, "workspace_id", "ArgumentError" },
  { "rate_limit 5", { rate_limit = 5 }, "rate_limit", "ArgumentError" },
  { "module 5", { module = 5 }, "module", "ArgumentError" },
  { "options that are a string", "x", "options", "ArgumentError" },
  { "host \"not a host\"", { host = "not a host" }, "host" },
  { "host \"example.com\" (not a local address)", { host = "example.com" }, "host" },
  { "rate_limit { limit = -1 }", { rate_limit = { limit = -1 } }, "rate limit" },
  { "rate_limit { limit = 5, window = 0 }", { rate_limit = { limit = 5, window = 0 } }, "window" },
  { "a module that does not exist", { module = "intercom.no_such_module" }, "no_such_module" },
}

describe("sandbox controls", function()
  local sandbox
  setup(function() sandbox = sandbox_module.start{ port = 0 } end)
  teardown(function() sandbox:stop() end)
  before_each(function() sandbox:reset() end)

  -- The sandbox still answers, with its usual rate limit, and nothing changed.
  local function still_serving()
    assert.same({}, sandbox:faults())
    local res = http.get(sandbox, "/me")
    assert.equal(200, res.status)
    assert.equal("1000", res.headers["x-ratelimit-limit"])
  end

  for _, case in ipairs(BAD_FAULTS) do
    it(("fault refuses %s"):format(case[1]), function()
      local ok, err = pcall(sandbox.fault, sandbox, case[2])
      assert.is_false(ok, "the fault was armed")
      assert.matches(case[3], message_of(err), 1, true)
      assert.is_nil(message_of(err):find("traceback", 1, true))
      still_serving()
    end)
  end

  for _, case in ipairs(BAD_RATE_LIMITS) do
    it(("set_rate_limit refuses %s"):format(case[1]), function()
      local ok, err = pcall(sandbox.set_rate_limit, sandbox, case[2])
      assert.is_false(ok, "the rate limit was set")
      assert.matches(case[3], message_of(err), 1, true)
      still_serving()
    end)
  end

  it("call refuses a function the sandbox does not have", function()
    local ok, err = pcall(sandbox.call, sandbox, "no_such_control")
    assert.is_false(ok)
    assert.matches("no_such_control", message_of(err), 1, true)
    still_serving()
  end)

  it("call refuses an argument that is not JSON", function()
    local ok, err = pcall(sandbox.call, sandbox, "fault", { status = 500, body = coroutine.create(print) })
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    still_serving()
  end)

  for _, case in ipairs(BAD_STARTS) do
    it(("start refuses %s"):format(case[1]), function()
      local ok, err = pcall(sandbox_module.start, case[2])
      if ok then err:stop() end
      assert.is_false(ok, "a sandbox started")
      assert.matches(case[3], message_of(err), 1, true)
      if case[4] then
        assert.is_true(core.is_error(err), "expected an intercom.Error, got " .. tostring(err))
        assert.equal(case[4], err.class)
        assert.matches("intercom.sandbox.start", err.message, 1, true)
      end
      still_serving()
    end)
  end

  it("a stopped sandbox refuses controls, saying it is stopped", function()
    local other = sandbox_module.start{ port = 0 }
    other:stop()
    for _, control in ipairs({ "fault", "requests", "set_rate_limit", "reset" }) do
      local ok, err = pcall(other[control], other, { status = 500, limit = 5 })
      assert.is_false(ok)
      assert.matches("stopped", message_of(err), 1, true)
    end
    other:stop() -- stopping twice is fine
    still_serving()
  end)
end)
