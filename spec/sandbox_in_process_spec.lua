-- The in-process sandbox (require("intercom.sandbox").new): the app in this
-- Lua state behind a transport, with the HTTP sandbox's controls, and the
-- socket faults mapped to what a transport reports.
local intercom = require "intercom"
local sandbox = require "intercom.sandbox"

describe("in-process sandbox", function()
  local sb, client, slept

  before_each(function()
    slept = {}
    sb = sandbox.new{ sleep = function(s) slept[#slept + 1] = s end }
    client = intercom.new{ token = "in_process_token", transport = sb:transport(), max_retries = 0 }
  end)

  it("serves the API through the transport and journals what was sent", function()
    local c = client.contacts:create{ email = "ip@example.com", role = "user" }
    assert.equal("ip@example.com", client.contacts:find{ id = c.id }.email)
    local reqs = sb:requests()
    assert.equal(2, #reqs)
    assert.equal("POST", reqs[1].method)
    assert.equal("/contacts", reqs[1].path)
    assert.equal("ip@example.com", reqs[1].json.email)
    assert.equal(tostring(#reqs[1].body), reqs[1].headers["content-length"])
    assert.equal("api.intercom.io", reqs[1].headers.host)
    assert.is_nil(reqs[2].headers["content-length"])
  end)

  it("gives page links on the client's own origin, so paging follows them", function()
    local page = client:get("/articles", { per_page = 1 })
    assert.equal("https://api.intercom.io/articles?page=2&per_page=1", page.pages.next)
    assert.equal(page.total_count, #client.articles:all():to_array())
  end)

  it("keeps each sandbox's state its own", function()
    local empty = sandbox.new{ seed = false }
    assert.equal(0, empty:info().counts.contacts)
    assert.is_true(sb:info().counts.contacts > 0)
    client.contacts:create{ email = "only-here@example.com", role = "user" }
    assert.equal(0, empty:info().counts.contacts)
    empty:stop()
  end)

  it("hands out copies: changing what requests() answered changes nothing", function()
    client.contacts:create{ email = "copy@example.com", role = "user" }
    sb:requests()[1].path = "/changed"
    assert.equal("/contacts", sb:requests()[1].path)
  end)

  it("maps drop and truncate to a dropped connection", function()
    for _, fault in ipairs({ { drop = true }, { truncate = true } }) do
      fault.route = "GET /me"
      sb:fault(fault)
      local ok, err = pcall(client.admins.me, client.admins)
      assert.is_false(ok)
      assert.equal("ConnectionDroppedError", err.class, tostring(err))
    end
    assert.equal("Ada Lovelace", client.admins:me().name)
  end)

  it("sleeps a delay, and fails with a timeout when it outlasts the request's", function()
    sb:fault{ route = "GET /me", delay = 0.25 }
    assert.equal("Ada Lovelace", client.admins:me().name)
    assert.same({ 0.25 }, slept)
    local quick = intercom.new{ token = "t", transport = sb:transport(), max_retries = 0, timeout = 1 }
    sb:fault{ route = "GET /me", delay = 5 }
    local ok, err = pcall(quick.admins.me, quick.admins)
    assert.is_false(ok)
    assert.equal("ReadTimeoutError", err.class, tostring(err))
    assert.same({ 0.25, 1 }, slept)
  end)

  it("answers statuses, the rate limit and the token as the HTTP sandbox does", function()
    sb:fault{ route = "GET /me", status = 503 }
    local ok, err = pcall(client.admins.me, client.admins)
    assert.is_false(ok)
    assert.equal(503, err.http_code)
    sb:set_rate_limit{ limit = 1, window = 60 }
    client.admins:me()
    ok, err = pcall(client.admins.me, client.admins)
    assert.is_false(ok)
    assert.equal("RateLimitExceeded", err.class)
    local strict = sandbox.new{ token = "the_only_token_1234" }
    local wrong = intercom.new{ token = "another_token_5678", transport = strict:transport(), max_retries = 0 }
    ok, err = pcall(wrong.admins.me, wrong.admins)
    assert.is_false(ok)
    assert.equal(401, err.http_code)
  end)

  it("refuses bad options and unknown controls clearly", function()
    local ok, err = pcall(sandbox.new, "x")
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    ok, err = pcall(sandbox.new, { sleep = 5 })
    assert.is_false(ok)
    assert.matches("sleep", err.message, 1, true)
    ok, err = pcall(sandbox.new, { rate_limit = { limit = 0 } })
    assert.is_false(ok)
    assert.matches("rate limit", err.message, 1, true)
    ok, err = pcall(sb.call, sb, "handle")
    assert.is_false(ok)
    assert.matches("no function 'handle'", err, 1, true)
  end)

  it("once stopped, refuses controls and fails requests as a server that is gone", function()
    sb:stop()
    assert.is_false(sb:running())
    local ok, err = pcall(sb.reset, sb)
    assert.is_false(ok)
    assert.matches("stopped", err, 1, true)
    ok, err = pcall(client.admins.me, client.admins)
    assert.is_false(ok)
    assert.equal("ServiceConnectionError", err.class, tostring(err))
    sb:stop() -- twice is fine
  end)
end)
