-- Pacing under concurrency: 2,000 requests, 8 in flight, against the
-- sandbox's rate limiter (500 per 10 s). The limit allows the 2,000th request
-- in the fourth window, 30 s after the first: that is the floor. Prints the
-- 429s the sandbox answered (the target is none) and the time against it.
--   make build && LUA_PATH='lua/?.lua;lua/?/init.lua;;' LUA_CPATH='build/?.so;;' lua5.4 bench/pacing.lua
local intercom = require "intercom"
local now = require("intercom.core").now

local LIMIT, WINDOW, REQUESTS = 500, 10, 2000
local floor = (math.ceil(REQUESTS / LIMIT) - 1) * WINDOW

local sb = require("intercom.sandbox").start{ port = 0, rate_limit = { limit = LIMIT, window = WINDOW } }
local client = intercom.new{ token = "bench", base_url = sb.url, handle_rate_limit = true }
local t0 = now()
client.admins:me() -- the first request opens the limiter's window
local rest = {}
for i = 1, REQUESTS - 1 do rest[i] = i end
local done = intercom.map(rest, function() return client.admins:me().id end, { concurrency = 8 })
local took = now() - t0

local answered, too_many = 0, 0
for _, r in ipairs(sb:requests()) do
  answered = answered + 1
  if r.status == 429 then too_many = too_many + 1 end
end
sb:stop()
assert(#done == REQUESTS - 1 and answered == REQUESTS + too_many, "requests went missing")
print(("pacing: %d requests, 8 in flight, limit %d per %d s: %d answered 429; %.2f s against a %d s floor (%.2fx)%s")
  :format(REQUESTS, LIMIT, WINDOW, too_many, took, floor, took / floor,
    (too_many == 0 and took <= floor * 1.10) and "" or "  MISS (target: no 429, within 1.10x)"))
