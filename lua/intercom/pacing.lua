-- Pacing for tasks: the tasks of a client share one view of its rate limit,
-- from the X-RateLimit-* headers of every answer, so that many requests in
-- flight stay under the limit instead of running into 429s.
--
-- The view: the lowest remaining count reported in the current window (the
-- answers of one window can arrive out of order) and the window's reset time.
-- A request may start while remaining - requests in flight > 0. Otherwise,
-- while requests are in flight, its task waits a moment for their answers
-- (answers that came back out of order make that estimate too low, so it is
-- looked at again); with none in flight the count is exact, and the task
-- waits (a timer: the other tasks go on) until the reset, after which the
-- whole limit is assumed free again until the next answer says otherwise.
-- Without the headers nothing is paced. The blocking path is not paced (one
-- request at a time cannot overrun the limit by more than one).
local core = require "intercom.core"

local tonumber, math_min = tonumber, math.min
local fields = core.fields

local _M = {}

local MAX_WAIT = 60 -- seconds, as for rate-limit retries
local ANSWER_WAIT = 0.005 -- a look again, while answers are on their way

--- The pacing state of a client (made on first use).
function _M.of(client)
  local f = fields(client)
  local p = f.pacing
  if not p then
    p = { in_flight = 0 }
    f.pacing = p
  end
  return p
end

--- Seconds to wait before another request may start, or nil: go.
function _M.admit(p, now)
  local remaining, reset_at = p.remaining, p.reset_at
  if not remaining then return nil end
  if reset_at and now >= reset_at then -- a new window: the count starts over
    p.remaining, p.reset_at = p.limit, nil
    remaining = p.limit
    if not remaining then return nil end
  end
  if remaining - p.in_flight > 0 then return nil end
  if p.in_flight > 0 then return ANSWER_WAIT end
  if not reset_at then return nil end
  return math_min(reset_at - now, MAX_WAIT)
end

--- Takes in the rate-limit headers of an answer.
function _M.record(p, headers)
  local remaining = tonumber(headers["x-ratelimit-remaining"])
  if not remaining then return end
  local reset = tonumber(headers["x-ratelimit-reset"])
  local limit = tonumber(headers["x-ratelimit-limit"])
  if limit then p.limit = limit end
  if reset and (not p.reset_at or reset > p.reset_at) then -- the first answer of a new window
    p.reset_at, p.remaining = reset, remaining
  elseif not reset or reset == p.reset_at then
    p.remaining = p.remaining and math_min(p.remaining, remaining) or remaining
  end -- else: a late answer from a window already over
end

return _M
