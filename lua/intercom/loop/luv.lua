--- Drives the engine from a luv (libuv) event loop: requests made in tasks
-- move on while uv.run() serves everything else (timers, servers, pipes).
--
--   local uv = require "luv"
--   local loop = require("intercom.loop.luv").attach(uv)
--   intercom.spawn(function() print(client.admins:me().name) end)
--   uv.run()        -- returns once no request, retry wait or other handle is left
--   loop:detach()
--
-- The engine says which descriptors libcurl wants watched and when its next
-- timeout is due (core.engine_watches, engine_timeout); this adapter keeps
-- one uv poll handle per descriptor and one uv timer in step with that,
-- reports readiness (core.engine_action) and lets the scheduler resume the
-- tasks whose answers are in. A uv prepare handle re-reads the engine before
-- the loop blocks, so requests started from any luv callback are picked up.
-- An error of a task nobody waits for is passed to opts.on_error (default:
-- raised inside the luv callback, where luv reports it).
local core = require "intercom.core"
local tasks = require "intercom.tasks"

local type, pairs, pcall, error, setmetatable = type, pairs, pcall, error, setmetatable
local math_ceil = math.ceil
local engine_watches, engine_timeout, engine_action = core.engine_watches, core.engine_timeout, core.engine_action
local dispatch, next_timeout, set_waker = tasks.dispatch, tasks.next_timeout, tasks.set_waker

local _M = {}

local Loop = {}
Loop.__index = Loop

local EVENTS = { "r", "w", "rw" } -- CURL_POLL_IN 1, OUT 2, INOUT 3

local function fail(message)
  error(core.error("ArgumentError", { message = message }), 3)
end

-- luv's poll events string to the engine's flags (1 read, 2 write, 4 error).
local function flags(err, events)
  local f = err and 4 or 0
  if type(events) == "string" then
    if events:find("r", 1, true) or events:find("d", 1, true) then f = f + 1 end
    if events:find("w", 1, true) then f = f + 2 end
  end
  return f
end

--- Attaches the engine to uv's default loop. opts: { on_error = function(err) }.
function _M.attach(uv, opts)
  if type(uv) ~= "table" or type(uv.new_socket_poll) ~= "function" or type(uv.new_timer) ~= "function" then
    fail("intercom.loop.luv.attach: argument 'uv' must be the luv module (require \"luv\"), got " .. type(uv))
  end
  if opts ~= nil and type(opts) ~= "table" then
    fail("intercom.loop.luv.attach: argument 'opts' must be a table, got " .. type(opts))
  end
  local on_error = opts and opts.on_error or function(err) error(err, 0) end
  local self = setmetatable({ uv = uv, polls = {}, attached = true }, Loop)
  local polls = self.polls
  local timer = uv.new_timer()
  self.timer = timer

  local sync -- defined below: the handles in step with the engine

  local function settle(ok, err)
    if not ok then on_error(err) end
  end

  local function after(finished)
    settle(pcall(dispatch, finished))
    if self.attached then sync() end
  end

  local function ready(fd, err, events)
    after((engine_action(fd, flags(err, events))))
  end

  local function timeout()
    after((engine_action(-1, 0))) -- due: libcurl's timeout or a task's timer (a spare action is harmless)
  end

  sync = function()
    local list = engine_watches()
    local seen = {}
    for i = 1, #list, 3 do
      local fd, what, epoch = list[i], list[i + 1], list[i + 2]
      seen[fd] = true
      local p = polls[fd]
      if p and p.epoch ~= epoch then -- libcurl closed that socket; a new one has its number
        p.handle:close()
        p = nil
      end
      if not p then
        p = { handle = uv.new_socket_poll(fd), epoch = epoch }
        polls[fd] = p
      end
      if p.what ~= what then
        p.what = what
        p.handle:start(EVENTS[what] or "rw", function(err, events) ready(fd, err, events) end)
      end
    end
    for fd, p in pairs(polls) do
      if not seen[fd] then
        p.handle:close()
        polls[fd] = nil
      end
    end
    local t, s = engine_timeout(), next_timeout()
    if s and (not t or s < t) then t = s end
    if t then
      timer:start(math_ceil(t * 1000), 0, timeout)
    else
      timer:stop()
    end
  end

  -- Before every wait of the loop: pick up requests started meanwhile. It
  -- does not keep the loop alive by itself (unref): the polls and the timer do.
  local prepare = uv.new_prepare()
  prepare:start(function() sync() end)
  prepare:unref()
  self.prepare = prepare
  -- A task that starts waiting (from any code, even before uv.run) arms the
  -- timer at once, which keeps the loop alive until the engine is looked at.
  set_waker(function() timer:start(0, 0, timeout) end)
  sync()
  return self
end

--- Stops watching: closes the adapter's handles. Requests in flight stay on
-- the engine (intercom.step or a blocking call still moves them on).
function Loop:detach()
  if not self.attached then return end
  self.attached = false
  for fd, p in pairs(self.polls) do
    p.handle:close()
    self.polls[fd] = nil
  end
  set_waker(nil)
  self.timer:close()
  self.prepare:close()
end

function Loop:__tostring()
  local n = 0
  for _ in pairs(self.polls) do n = n + 1 end
  return ("intercom.loop.luv<%s, %d descriptors>"):format(self.attached and "attached" or "detached", n)
end

return _M
