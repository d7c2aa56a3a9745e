-- Tasks on the engine: requests in flight together, errors that keep their
-- class and are never lost, safe mode and lazy collections inside tasks,
-- retry waits that yield, and every misuse a clear error instead of a hang.
local intercom = require "intercom"
local safe = require "intercom.safe"
local core = require "intercom.core"
local harness = require "sandbox_harness"

local now = core.now

describe("tasks", function()
  local sandbox, client, ids
  harness.new({ token = "tasks_spec" }, function(c, sb) -- over HTTP: tasks ride the engine's libcurl path
    client, sandbox, ids = c, sb, {}
    for i = 1, 8 do
      ids[i] = client.contacts:create{ email = ("task%d@example.com"):format(i), role = "user" }.id
    end
    sandbox:clear_requests()
  end, { http = true })
  after_each(function()
    client:close()
    pcall(intercom.run) -- nothing a test left behind leaks into the next
  end)

  local function count(method, path_pattern)
    local n = 0
    for _, req in ipairs(sandbox:requests()) do
      if req.method == method and req.path:match(path_pattern) then n = n + 1 end
    end
    return n
  end

  describe("in flight together", function()
    it("8 finds of 0.4 s each take about one latency, and map keeps the order", function()
      sandbox:fault{ route = "GET /contacts/{id}", delay = 0.4, times = 8 }
      local t0 = now()
      local found = intercom.map(ids, function(id) return client.contacts:find(id) end, { concurrency = 8 })
      local took = now() - t0
      assert.is_true(took < 1.6, "8 x 0.4 s took " .. took .. " s: not concurrent")
      for i, contact in ipairs(found) do assert.equal(ids[i], contact.id) end
    end)

    it("spawn returns a task whose wait gives its values", function()
      local task = intercom.spawn(function(a, b)
        local me = client.admins:me()
        return me.type, a + b
      end, 1, 2)
      assert.equal("running", tostring(task):match("<(%a+)>"))
      local kind, sum = task:wait()
      assert.equal("admin", kind)
      assert.equal(3, sum)
      assert.is_true(task.done)
      assert.equal("admin", task.result)
      assert.matches("intercom.Task<done>", tostring(task))
    end)

    it("map bounds the requests in flight to its concurrency", function()
      sandbox:fault{ route = "GET /contacts/{id}", delay = 0.3, times = 8 }
      local t0 = now()
      intercom.map(ids, function(id) return client.contacts:find(id) end, { concurrency = 2 })
      assert.is_true(now() - t0 >= 1.1, "8 finds 2 at a time at 0.3 s took less than 4 latencies")
    end)

    it("a blocking call in the same script still works, and tasks go on meanwhile", function()
      sandbox:fault{ route = "GET /contacts/{id}", delay = 0.3, times = 1 }
      local task = intercom.spawn(function() return client.contacts:find(ids[1]).id end)
      assert.equal("admin", client.admins:me().type) -- blocking, not in a task
      assert.equal(ids[1], task:wait())
    end)

    it("step never waits longer than its timeout, and returns the tasks not done", function()
      sandbox:fault{ route = "GET /me", delay = 1 }
      local task = intercom.spawn(function() return client.admins:me() end)
      local t0 = now()
      assert.equal(1, intercom.step(0.1))
      assert.is_true(now() - t0 < 0.6, "step(0.1) took " .. (now() - t0))
      assert.equal(1, intercom.step(0))
      intercom.run()
      assert.is_true(task.done)
      assert.equal(0, intercom.step(0))
    end)

    it("step(math.huge) waits until something happens, then returns", function()
      sandbox:fault{ route = "GET /me", delay = 0.2 }
      local task = intercom.spawn(function() return client.admins:me().type end)
      local t0 = now()
      while intercom.step(math.huge) > 0 do end
      assert.is_true(now() - t0 < 5, "step(math.huge) took " .. (now() - t0))
      assert.equal("admin", task.result)
      assert.equal(0, intercom.step(1e300)) -- nothing pending: returns at once
    end)

    it("a request under a C call inside a task blocks instead of failing", function()
      local task = intercom.spawn(function()
        return (("x"):gsub("x", function() return client.admins:me().type end))
      end)
      assert.equal("admin", task:wait())
    end)

    it("a task can wait for another task", function()
      sandbox:fault{ route = "GET /contacts/{id}", delay = 0.2, times = 1 }
      local inner = intercom.spawn(function() return client.contacts:find(ids[1]).id end)
      local outer = intercom.spawn(function() return "got " .. inner:wait() end)
      intercom.run()
      assert.equal("got " .. ids[1], outer.result)
    end)
  end)

  describe("errors", function()
    it("keep their class inside a task: wait raises it, task.err holds it", function()
      local task = intercom.spawn(function() return client.contacts:find("nope") end)
      local ok, err = pcall(task.wait, task)
      assert.is_false(ok)
      assert.equal("ResourceNotFound", err.class)
      assert.equal(404, err.http_code)
      assert.equal(err, task.err)
      assert.matches("intercom.Task<failed>", tostring(task))
    end)

    it("an error nobody waits for is raised by the next run", function()
      intercom.spawn(function() return client.contacts:find("nope") end)
      local ok, err = pcall(intercom.run)
      assert.is_false(ok)
      assert.equal("ResourceNotFound", err.class)
      assert.is_true(pcall(intercom.run)) -- once
    end)

    it("an error nobody waits for is raised by step too, even a plain Lua error", function()
      intercom.spawn(function() error("boom in a task") end)
      local ok, err = pcall(intercom.step, 0)
      assert.is_false(ok)
      assert.matches("boom in a task", err)
    end)

    it("an error of a task someone waits for is not raised twice", function()
      local task = intercom.spawn(function() error({ mine = true }) end)
      local ok, err = pcall(task.wait, task)
      assert.is_false(ok)
      assert.is_true(err.mine)
      assert.is_true(pcall(intercom.run))
    end)

    it("map raises the first failed item's error after every item ran", function()
      local list = { ids[1], "nope-1", ids[2], "nope-2" }
      local ok, err = pcall(intercom.map, list, function(id) return client.contacts:find(id) end)
      assert.is_false(ok)
      assert.equal("ResourceNotFound", err.class)
      assert.matches("nope%-1", err.url)
      assert.equal(4, count("GET", "^/contacts/"))
    end)

    it("safe.map returns the results and the errors by index", function()
      local list = { ids[1], "nope", ids[2] }
      local results, errors = safe.map(list, function(id) return client.contacts:find(id) end)
      assert.equal(ids[1], results[1].id)
      assert.is_nil(results[2])
      assert.equal(ids[2], results[3].id)
      assert.equal("ResourceNotFound", errors[2].class)
      assert.is_nil(errors[1])
      local all, none = safe.map(ids, function(id) return client.contacts:find(id).id end)
      assert.same(ids, all)
      assert.is_nil(none)
    end)
  end)

  describe("the rest of the library inside tasks", function()
    it("a safe client returns nil, err inside a task", function()
      local sc = assert(safe.new{ token = "t", base_url = sandbox.url, max_retries = 0 })
      local task = intercom.spawn(function() return sc.contacts:find("nope") end)
      intercom.run()
      assert.is_nil(task.result)
      assert.is_nil(task.err)
      local _, err = task:wait()
      assert.equal("ResourceNotFound", err.class)
      sc:close()
    end)

    it("lazy collections page inside tasks, two at once", function()
      sandbox:fault{ route = "GET /contacts", delay = 0.3, times = 100 }
      local function emails()
        local out = {}
        for contact in client.contacts:all{ per_page = 3 } do out[#out + 1] = contact.email end
        return #out
      end
      local a, b = intercom.spawn(emails), intercom.spawn(emails)
      intercom.run()
      assert.equal(a.result, b.result)
      assert.is_true(a.result >= 8)
      -- Overlap, by order rather than by the clock (valgrind slows everything):
      -- each first page is asked for before either task has its first answer.
      local firsts = {}
      for _, req in ipairs(sandbox:requests()) do
        if req.method == "GET" and req.path == "/contacts" then
          firsts[#firsts + 1] = not (req.raw_query or ""):find("starting_after", 1, true)
        end
      end
      assert.same({ true, true }, { firsts[1], firsts[2] }, "the two iterations did not overlap")
    end)

    it("a retry's backoff waits inside its task without blocking the others", function()
      local retrying = intercom.new{ token = "t", base_url = sandbox.url, max_retries = 1,
        retry_delay = 0.6, max_retry_delay = 0.6 }
      sandbox:fault{ route = "GET /me", status = 503, times = 1 }
      local t0 = now()
      local slow = intercom.spawn(function() return retrying.admins:me().type end)
      local quick_done
      local quick = intercom.spawn(function()
        for i = 1, 4 do client.contacts:find(ids[i]) end
        quick_done = now() - t0
      end)
      intercom.run()
      assert.equal("admin", slow.result)
      assert.is_true(quick.done and quick.err == nil)
      assert.is_true(now() - t0 >= 0.3, "no backoff happened")
      assert.is_true(quick_done < 0.3, "the other task waited for the backoff: " .. quick_done)
      retrying:close()
    end)

    it("a POST is never sent twice from a task when a kept-alive connection dies", function()
      local task = intercom.spawn(function()
        client.contacts:create{ email = "first-task@example.com" }
        sandbox:fault{ route = "POST /contacts", drop = true, times = 1 }
        return client.contacts:create{ email = "second-task@example.com" }
      end)
      local ok, err = pcall(task.wait, task)
      assert.is_false(ok)
      assert.equal("ConnectionDroppedError", err.class)
      assert.equal(2, count("POST", "^/contacts$"))
    end)

    it("transport failures keep their kinds inside a task", function()
      local slow = intercom.new{ token = "t", base_url = sandbox.url, timeout = 0.3, max_retries = 0 }
      sandbox:fault{ route = "GET /me", delay = 1 }
      local task = intercom.spawn(function() return slow.admins:me() end)
      local ok, err = pcall(task.wait, task)
      assert.is_false(ok)
      assert.equal("ReadTimeoutError", err.class)
      assert.equal("timeout", err.kind)
      slow:close()
    end)
  end)

  describe("bad input", function()
    local function argument_error(fn, pattern)
      local ok, err = pcall(fn)
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class, tostring(err))
      assert.matches(pattern, err.message)
      return err
    end

    it("spawn, step and map check their arguments", function()
      argument_error(function() intercom.spawn("nope") end, "argument 'fn' must be a function")
      argument_error(function() intercom.step(-1) end, "argument 'timeout' must be a number")
      argument_error(function() intercom.step("soon") end, "argument 'timeout'")
      argument_error(function() intercom.map("x", print) end, "argument 'list' must be a table")
      argument_error(function() intercom.map({}, 5) end, "argument 'fn' must be a function")
      argument_error(function() intercom.map({}, print, { concurrency = 0 }) end, "concurrency must be an integer")
      argument_error(function() intercom.map({}, print, { concurrency = 1.5 }) end, "concurrency")
      argument_error(function() intercom.map({}, print, { limit = 3 }) end, "unknown option 'limit'")
      assert.same({}, intercom.map({}, print))
    end)

    it("step and run called from inside a task are an error of that task", function()
      local a = intercom.spawn(function() intercom.step(0) end)
      local b = intercom.spawn(function() intercom.run() end)
      local ea = argument_error(function() a:wait() end, "intercom.step cannot be called from inside a task")
      argument_error(function() b:wait() end, "intercom.run cannot be called from inside a task")
      assert.equal(ea, a.err)
    end)

    it("a task's coroutine resumed by hand fails clearly, cancelling its request", function()
      sandbox:fault{ route = "GET /me", delay = 0.5 }
      local co
      local task = intercom.spawn(function()
        co = coroutine.running()
        return client.admins:me()
      end)
      local ok, err = coroutine.resume(co)
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class)
      assert.matches("resumed by hand", err.message)
      assert.equal(err, task.err)
      assert.is_true(pcall(intercom.run)) -- reported to the resumer already; nothing hangs
    end)

    it("a task that yields on its own fails with a clear error", function()
      local task = intercom.spawn(function() coroutine.yield("my value") end)
      argument_error(function() task:wait() end, "a task yielded outside intercom")
    end)

    it("a custom transport that yields inside a task fails that task, not the others", function()
      local yielding = intercom.new{ token = "t", base_url = sandbox.url, max_retries = 0,
        transport = function() coroutine.yield() end }
      local bad = intercom.spawn(function() return yielding.admins:me() end)
      local good = intercom.spawn(function() return client.admins:me().type end)
      argument_error(function() bad:wait() end, "a transport that yields")
      assert.equal("admin", good:wait())
      -- outside a task the same transport's yield is a transport failure, not a hang
      local ok, err = pcall(yielding.admins.me, yielding.admins)
      assert.is_false(ok)
      assert.equal("ServiceConnectionError", err.class)
      assert.matches("yield", err.message)
    end)

    it("tasks that wait for each other are reported, not a hang, and end", function()
      local c, d
      c = intercom.spawn(function() client.admins:me(); return d:wait() end)
      d = intercom.spawn(function() return c:wait() end)
      local ok, err = pcall(intercom.run)
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class)
      assert.matches("wait for each other", err.message)
      assert.is_true(c.done and d.done)
      assert.equal(err, c.err)
      assert.equal(0, intercom.step(0))
    end)

    it("a task cannot wait for itself", function()
      local task
      task = intercom.spawn(function() client.admins:me(); return task:wait() end)
      argument_error(function() task:wait() end, "cannot wait for itself")
    end)

    it("closing a client with requests in flight cancels them: their tasks get the error", function()
      sandbox:fault{ route = "GET /contacts/{id}", delay = 1, times = 8 }
      local doomed = intercom.new{ token = "t", base_url = sandbox.url, max_retries = 2 }
      local tasks = {}
      for i = 1, 4 do tasks[i] = intercom.spawn(function() return doomed.contacts:find(ids[i]) end) end
      local other = intercom.spawn(function() return client.admins:me().type end)
      intercom.step(0.05)
      local t0 = now()
      doomed:close()
      for i = 1, 4 do
        local ok, err = pcall(tasks[i].wait, tasks[i])
        assert.is_false(ok)
        assert.equal("ServiceConnectionError", err.class)
        assert.equal("cancelled", err.kind)
        assert.matches("closed", err.message)
      end
      assert.is_true(now() - t0 < 0.5, "the cancelled tasks waited for their answers")
      assert.equal("admin", other:wait())
      -- and the closed client refuses new requests, in a task too
      local late = intercom.spawn(function() return doomed.admins:me() end)
      argument_error(function() late:wait() end, "closed")
    end)
  end)
end)
