-- The luv adapter: tasks' requests move on inside uv.run() while the loop
-- keeps serving its other handles, retry waits included, and uv.run()
-- returns once nothing is left.
local uv = require "luv"
local intercom = require "intercom"
local core = require "intercom.core"
local luv_loop = require "intercom.loop.luv"
local harness = require "sandbox_harness"

local now = core.now

describe("intercom.loop.luv", function()
  local sandbox, client, loop
  harness.new({ token = "luv_spec" }, function(c, sb) client, sandbox = c, sb end, { http = true })
  after_each(function()
    if loop then loop:detach() end
    loop = nil
    uv.run() -- libuv finishes closing the handles (luv needs it before the state goes)
    client:close()
    pcall(intercom.run)
  end)

  -- A uv timer ticking every 10 ms while the requests are in flight; it also
  -- notes the most descriptors the engine had the loop watch at once.
  local function ticker()
    local t = { n = 0, most = 0, handle = uv.new_timer() }
    t.handle:start(10, 10, function()
      t.n = t.n + 1
      local watched = tonumber(tostring(loop):match("(%d+) descriptors"))
      if watched and watched > t.most then t.most = watched end
    end)
    t.handle:unref() -- it does not keep the loop alive: the requests do
    return t
  end

  it("runs requests concurrently inside uv.run without blocking the loop", function()
    loop = luv_loop.attach(uv)
    sandbox:fault{ route = "GET /me", delay = 0.4, times = 6 }
    local tick = ticker()
    local t0 = now()
    local tasks = {}
    for i = 1, 6 do tasks[i] = intercom.spawn(function() return client.admins:me().type end) end
    uv.run()
    local took = now() - t0
    tick.handle:close()
    for i = 1, 6 do assert.equal("admin", tasks[i].result) end
    -- concurrent, judged by what the loop watched rather than the clock
    -- (valgrind slows everything): six connections at once, not one after another
    assert.equal(6, tick.most, "at most " .. tick.most .. " requests were in flight at once")
    assert.is_true(tick.n >= 15, "the loop's own timer ran only " .. tick.n .. " times in " .. took .. " s")
    assert.matches("attached, 0 descriptors", tostring(loop))
  end)

  it("picks up requests started from a luv callback, and keeps the loop alive for retry waits", function()
    loop = luv_loop.attach(uv)
    local retrying = intercom.new{ token = "t", base_url = sandbox.url, max_retries = 1,
      retry_delay = 0.3, max_retry_delay = 0.3 }
    sandbox:fault{ route = "GET /me", status = 503, times = 1 }
    local task
    local later = uv.new_timer()
    later:start(20, 0, function()
      later:close()
      task = intercom.spawn(function() return retrying.admins:me().type end)
    end)
    local t0 = now()
    uv.run()
    assert.equal("admin", task and task.result)
    assert.is_true(now() - t0 >= 0.15, "no backoff wait happened")
    assert.equal(2, #sandbox:requests())
    retrying:close()
  end)

  it("passes an error nobody waits for to on_error", function()
    local seen
    loop = luv_loop.attach(uv, { on_error = function(err) seen = err end })
    intercom.spawn(function() return client.contacts:find("nope") end)
    uv.run()
    assert.equal("ResourceNotFound", seen and seen.class)
  end)

  it("after detach, the engine is still moved on by intercom.step", function()
    loop = luv_loop.attach(uv)
    local task = intercom.spawn(function() return client.admins:me().type end)
    loop:detach()
    assert.matches("detached", tostring(loop))
    intercom.run()
    assert.equal("admin", task.result)
  end)

  it("checks its arguments", function()
    local ok, err = pcall(luv_loop.attach, nil)
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.matches("argument 'uv' must be the luv module", err.message)
    ok, err = pcall(luv_loop.attach, uv, "fast")
    assert.is_false(ok)
    assert.matches("argument 'opts' must be a table", err.message)
  end)
end)
