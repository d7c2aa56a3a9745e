-- The game's Lua side for examples/game-loop/game.c: a sandbox in this
-- process whose every answer takes 0.5 s, a client, and tick(n), which
-- spawns tasks (an event sent, a contact found) at a steady rate so that
-- about `in_flight` requests are always on the wire. None of it blocks:
-- the C loop moves the requests on between and during its ticks.
local intercom = require "intercom"
local sandbox_module = require "intercom.sandbox"

local _M = {}

local LATENCY = 0.5
local TICK_HZ = 60

local sandbox, client, ids
local per_tick = 1
local carry = 0
local stats = { started = 0, done = 0, failed = 0, in_flight = 0, max_in_flight = 0 }

-- in_flight: how many requests to keep on the wire (rate x latency).
function _M.start(in_flight)
  sandbox = sandbox_module.start{ port = 0, rate_limit = { limit = 1000000, window = 60 } }
  client = intercom.new{ token = "game-loop", base_url = sandbox.url }
  ids = {}
  for i = 1, 10 do -- before the latency is switched on
    ids[i] = client.contacts:create{ email = ("player%d@example.com"):format(i), role = "user",
      external_id = "player-" .. i }.id
  end
  sandbox:fault{ route = "*", delay = LATENCY, times = 1e9 }
  per_tick = in_flight / (LATENCY * TICK_HZ)
  return sandbox.url
end

local function play(n)
  stats.started = stats.started + 1
  stats.in_flight = stats.in_flight + 1
  if stats.in_flight > stats.max_in_flight then stats.max_in_flight = stats.in_flight end
  local task = intercom.spawn(function()
    if n % 2 == 0 then
      client.events:create{ event_name = "scored", user_id = "player-" .. (n % 10 + 1),
        metadata = { points = n } }
    else
      local contact = client.contacts:find(ids[n % 10 + 1])
      assert(contact.email:match("^player"))
    end
  end)
  return task
end

local watching = {}

-- Called once per tick by the C loop: starts this tick's share of requests.
function _M.tick()
  carry = carry + per_tick
  while carry >= 1 do
    carry = carry - 1
    local task = play(stats.started)
    watching[#watching + 1] = task
  end
  -- count the tasks that ended (cheap: a scan of the few in flight)
  local still = {}
  for _, task in ipairs(watching) do
    if task.done then
      stats.in_flight = stats.in_flight - 1
      if task.err ~= nil then
        stats.failed = stats.failed + 1
        if stats.failed == 1 then io.stderr:write("game-loop: a request failed: ", tostring(task.err), "\n") end
      else
        stats.done = stats.done + 1
      end
    else
      still[#still + 1] = task
    end
  end
  watching = still
end

function _M.stats()
  return stats.done, stats.failed, stats.max_in_flight
end

function _M.stop()
  client:close() -- cancels what is still in flight
  sandbox:stop()
end

return _M
