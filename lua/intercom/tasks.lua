-- Tasks: coroutines the engine resumes. A request made inside a task yields
-- at the transport (transport.lua) instead of blocking; the engine (the C
-- core's libcurl multi handle) resumes the task when its response is in. The
-- request pipeline above the transport does not know the difference.
--
--   local t = intercom.spawn(function(id) return client.contacts:find(id) end, id)
--   intercom.run()                 -- or intercom.step(timeout) from a host loop
--   local contact = t:wait()       -- the result, or the task's error raised
--
-- A task's error keeps its class: t:wait() raises it, t.err holds it. An
-- error nobody waits for is raised by the next intercom.step or intercom.run,
-- so it is never lost. The scheduler only ever resumes a task with a private
-- token, so a task resumed by hand, or a task that yields something else (a
-- bare coroutine.yield, a transport that yields on its own), fails with a
-- clear error instead of hanging.
local core = require "intercom.core"
local pacing = require "intercom.pacing"

local type, error, select, pcall, setmetatable, getmetatable, tostring, pairs, next, rawget =
  type, error, select, pcall, setmetatable, getmetatable, tostring, pairs, next, rawget
local co_create, co_resume, co_yield, co_running, co_status =
  coroutine.create, coroutine.resume, coroutine.yield, coroutine.running, coroutine.status
local co_close = rawget(coroutine, "close") -- Lua 5.4: frees a task that can never go on (LuaJIT has none)
local isyieldable = coroutine.isyieldable or function() return true end
local unpack = rawget(table, "unpack") or rawget(_G, "unpack") -- 5.1 and LuaJIT: the global
local math_max, math_min, math_floor, math_huge = math.max, math.min, math.floor, math.huge
local table_insert, table_remove = table.insert, table.remove
local now, engine_wait, engine_running, core_sleep = core.now, core.engine_wait, core.engine_running, core.sleep

local _M = {}

local WAIT = {}    -- first value of every yield the scheduler understands
local RESUME = {}  -- what the scheduler resumes a waiting task with

local by_co = setmetatable({}, { __mode = "k" }) -- coroutine -> its task
local pending = 0          -- tasks not done yet
local live = {}            -- those tasks
local on_transfer = {}     -- transfer in flight -> the task waiting for it
local timers = {}          -- { at = seconds, task = task }, soonest first
local ready = {}           -- tasks to resume now (the task they joined is done)
local unreported = {}      -- failed tasks nobody waited for, oldest first

local waker -- a host loop's function, called when a task starts waiting (lua/intercom/loop/)

local Task = {}
Task.__index = Task

--- A host loop adapter's hook: fn() is called whenever a task starts to wait
-- for a transfer or a timer, so the loop can look at the engine again (nil:
-- none). Only one loop drives the engine at a time.
function _M.set_waker(fn)
  waker = fn
end

local function argument_error(message)
  return core.error("ArgumentError", { message = message })
end

local function fail_argument(message)
  error(argument_error(message), 3)
end

local function callable(v)
  if type(v) == "function" then return true end
  local mt = getmetatable(v)
  return type(mt) == "table" and mt.__call ~= nil
end

--- The task the running code belongs to, when it can yield; else nil (a
-- plain script, a coroutine of the user's own, or code under a C call).
function _M.current()
  local task = by_co[co_running()]
  if task and isyieldable() then return task end
  return nil
end

local function wake_joiners(task)
  local joiners = task.joiners
  if joiners then
    task.joiners = nil
    for i = 1, #joiners do ready[#ready + 1] = joiners[i] end
  end
end

local function finish(task, ok, ...)
  if task.done then return end
  task.done = true
  pending = pending - 1
  live[task] = nil
  task.waiting = nil
  if ok then
    task.results = { n = select("#", ...), ... }
    task.result = (...)
  else
    task.err = (...)
    if task.err == nil then task.err = "task failed with a nil error" end
    if not task.observed and not task.joiners then unreported[#unreported + 1] = task end
  end
  wake_joiners(task)
end

local function add_timer(at, task)
  local i = #timers
  while i > 0 and timers[i].at > at do i = i - 1 end
  table_insert(timers, i + 1, { at = at, task = task })
end

local function remove_timer(task)
  for i = 1, #timers do
    if timers[i].task == task then return table_remove(timers, i) end
  end
end

local function remove_joiner(target, task)
  local joiners = target.joiners or {}
  for i = 1, #joiners do
    if joiners[i] == task then return table_remove(joiners, i) end
  end
end

-- Where a task's yield leaves it: waiting for a transfer, a timer or a task.
local WAITS = {
  transfer = function(task, transfer) on_transfer[transfer] = task end,
  timer = function(task, at) add_timer(at, task) end,
  task = function(task, target) target.joiners = target.joiners or {}; target.joiners[#target.joiners + 1] = task end,
}

local function settle(task, ok, ...)
  if task.done then return end -- it failed while resumed by hand
  if not ok then return finish(task, false, (...)) end
  if co_status(task.co) == "dead" then return finish(task, true, ...) end
  local marker, kind, arg = ...
  if marker ~= WAIT or not WAITS[kind] then
    if co_close then co_close(task.co) end
    return finish(task, false, argument_error(
      "a task yielded outside intercom (coroutine.yield, or a transport that yields on its own): " ..
      "inside a task only intercom's own calls may wait; got " .. tostring(marker)))
  end
  task.waiting = kind
  WAITS[kind](task, arg)
  if waker and kind ~= "task" then waker() end
end

local function resume(task, ...)
  task.waiting = nil
  return settle(task, co_resume(task.co, ...))
end

-- Yields the running task until the scheduler resumes it (kind, arg: what it
-- waits for). A resume by anyone else is refused: the task fails with a clear
-- error, raised to whoever resumed it and kept as the task's error.
local function suspend(task, kind, arg)
  if co_yield(WAIT, kind, arg) == RESUME then return end
  if kind == "transfer" then
    on_transfer[arg] = nil
    arg:cancel("the task was resumed by hand")
  elseif kind == "timer" then
    remove_timer(task)
  else
    remove_joiner(arg, task)
  end
  local err = argument_error("a task's coroutine was resumed by hand while it waited for a " .. kind ..
    ": only intercom.step, intercom.run and task:wait resume tasks")
  task.observed = true -- the resumer gets it now
  finish(task, false, err)
  error(err, 0)
end

--- Runs fn(...) as a task; it starts at once and runs until its first wait.
function _M.spawn(fn, ...)
  if not callable(fn) then
    fail_argument("intercom.spawn: argument 'fn' must be a function, got " .. type(fn))
  end
  local task = setmetatable({ done = false }, Task)
  task.co = co_create(function(...) return fn(...) end)
  by_co[task.co] = task
  pending = pending + 1
  live[task] = true
  resume(task, ...)
  return task
end

-- Resumes the tasks whose transfers finished, whose timers are due, and
-- whose joined tasks are done.
local function dispatch(finished)
  if finished then
    for i = 1, #finished do
      local task = on_transfer[finished[i]]
      if task then
        on_transfer[finished[i]] = nil
        resume(task, RESUME)
      end
    end
  end
  if timers[1] then
    local t = now()
    while timers[1] and timers[1].at <= t do
      resume(table_remove(timers, 1).task, RESUME)
    end
  end
  while ready[1] do
    local list = ready
    ready = {}
    for i = 1, #list do
      if not list[i].done then resume(list[i], RESUME) end
    end
  end
end

local function report()
  while unreported[1] do
    local task = table_remove(unreported, 1)
    if not task.observed then
      task.observed = true
      error(task.err, 0)
    end
  end
end

local function not_in_task(name)
  if by_co[co_running()] then
    fail_argument(name .. " cannot be called from inside a task (it would wait for itself): " ..
      "use task:wait() or intercom.map there")
  end
end

-- Seconds until the scheduler has something to do without I/O (0: now), or nil.
function _M.next_timeout()
  if ready[1] then return 0 end
  local t = timers[1]
  return t and math_max(0, t.at - now()) or nil
end

--- Moves every transfer on, resumes the tasks that can go on, and returns
-- the number of tasks not done yet. Waits at most timeout seconds (default
-- 0: poll) for something to happen. Raises the error of a task that failed
-- with nobody waiting for it.
function _M.step(timeout)
  not_in_task("intercom.step")
  if timeout == nil then timeout = 0 end
  if type(timeout) ~= "number" or timeout < 0 or timeout ~= timeout then
    fail_argument("intercom.step: argument 'timeout' must be a number of seconds >= 0, got " .. tostring(timeout))
  end
  local wait = timeout
  local soon = _M.next_timeout()
  if soon then wait = math_min(wait, soon) end
  if pending == 0 then wait = 0 end
  dispatch((engine_wait(wait)))
  report()
  return pending
end

--- For host loops that did the I/O themselves (lua/intercom/loop/, the C
-- API): resumes the tasks the finished transfers, due timers and done tasks
-- let go on, then raises an unreported error. Returns the tasks not done.
function _M.dispatch(finished)
  dispatch(finished)
  report()
  return pending
end

-- Nothing can move: no transfer in flight, no timer, no task ready.
local function stuck()
  return engine_running() == 0 and not timers[1] and not ready[1] and not next(on_transfer)
end

-- When nothing can move, the tasks left wait for each other: each fails with
-- the error (so none lingers), which is raised.
local function deadlock(where)
  local err = argument_error(("%s: %d task(s) wait for each other and can never finish"):format(where, pending))
  local stuck_tasks = {}
  for task in pairs(live) do stuck_tasks[#stuck_tasks + 1] = task end
  for i = 1, #stuck_tasks do
    local task = stuck_tasks[i]
    task.observed = true
    task.joiners = nil
    if co_close then co_close(task.co) end
    finish(task, false, err)
  end
  ready = {}
  error(err, 0)
end

--- Steps until every task is done.
function _M.run()
  not_in_task("intercom.run")
  while _M.step(1) > 0 do
    if stuck() then deadlock("intercom.run") end
  end
end

--- The task's return values once it is done, or its error raised (with its
-- class). Inside a task it waits without blocking the others; outside, it
-- steps the engine until the task is done.
function Task:wait()
  if getmetatable(self) ~= Task then fail_argument("task:wait: call it with ':' on a task") end
  self.observed = true
  local me = _M.current()
  if me == self then fail_argument("task:wait: a task cannot wait for itself") end
  if not self.done then
    if me then
      suspend(me, "task", self)
    elseif by_co[co_running()] then
      fail_argument("task:wait: cannot wait here (inside a task, across a C call)")
    else
      while not self.done do
        _M.step(1)
        if not self.done and stuck() then deadlock("task:wait") end
      end
    end
  end
  if self.err ~= nil then error(self.err, 0) end
  return unpack(self.results, 1, self.results.n)
end

function Task:__tostring()
  return "intercom.Task<" .. (self.done and (self.err ~= nil and "failed" or "done") or "running") .. ">"
end

--- The library's default sleep (retry and rate-limit waits): inside a task it
-- yields to the engine's timers, so other tasks go on; elsewhere it blocks.
function _M.sleep(seconds)
  local task = _M.current()
  if not task then return core_sleep(seconds) end
  suspend(task, "timer", now() + math_max(0, seconds))
end

--- A request on the engine from inside a task: wait for the client's rate
-- limit to allow it (pacing.lua), start the transfer, yield until the engine
-- has its answer. Returns what client:perform returns.
function _M.perform(task, client, method, url, body, headers)
  local p = pacing.of(client)
  local wait = pacing.admit(p, now())
  while wait do
    suspend(task, "timer", now() + wait)
    wait = pacing.admit(p, now())
  end
  local transfer = client:start(method, url, body, headers)
  p.in_flight = p.in_flight + 1
  local resumed, err = pcall(suspend, task, "transfer", transfer)
  p.in_flight = p.in_flight - 1
  if not resumed then error(err, 0) end
  local status, data, response_headers, code = transfer:result()
  if status then pacing.record(p, response_headers) end
  return status, data, response_headers, code
end

local function check_map(list, fn, opts, where)
  if type(list) ~= "table" then fail_argument(where .. ": argument 'list' must be a table, got " .. type(list)) end
  if not callable(fn) then fail_argument(where .. ": argument 'fn' must be a function, got " .. type(fn)) end
  if opts ~= nil and type(opts) ~= "table" then
    fail_argument(where .. ": argument 'opts' must be a table, got " .. type(opts))
  end
  local concurrency = opts and opts.concurrency or 8
  if type(concurrency) ~= "number" or concurrency < 1 or concurrency ~= math_floor(concurrency)
    or concurrency == math_huge then
    fail_argument(where .. ": opts.concurrency must be an integer >= 1, got " .. tostring(concurrency))
  end
  for k in pairs(opts or {}) do
    if k ~= "concurrency" then fail_argument(where .. ": unknown option '" .. tostring(k) .. "'") end
  end
  return concurrency
end

--- fn(item, i) for every item of list, at most opts.concurrency (default 8)
-- at a time, each in a task. Returns the results in order and a table of the
-- errors by index (nil when none failed). Usable inside a task too.
function _M.map_all(list, fn, opts, where)
  local concurrency = check_map(list, fn, opts, where or "intercom.map")
  local n = #list
  local results, errors = {}, nil
  local next_index = 0
  local function worker()
    while next_index < n do
      next_index = next_index + 1
      local i = next_index
      local ok, v = pcall(fn, list[i], i)
      if ok then
        results[i] = v
      else
        errors = errors or {}
        errors[i] = v
      end
    end
  end
  local workers = {}
  for w = 1, math_min(concurrency, n) do
    workers[w] = _M.spawn(worker)
    workers[w].observed = true
  end
  for w = 1, #workers do workers[w]:wait() end
  return results, errors
end

--- Like map_all, but raises the error of the first item that failed (after
-- every item ran).
function _M.map(list, fn, opts)
  local results, errors = _M.map_all(list, fn, opts, "intercom.map")
  if errors then
    for i = 1, #list do
      if errors[i] ~= nil then error(errors[i], 0) end
    end
  end
  return results
end

return _M
