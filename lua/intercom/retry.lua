-- When to try a request again, and how long to wait first.
--
-- Retried: 408 and 5xx (but 501) for idempotent verbs; connection failures
-- that provably never reached the server, for every verb; timeouts and dropped
-- connections for idempotent verbs only. A POST that may have reached the
-- server is never resent: the Intercom API has no idempotency keys.
-- With handle_rate_limit, a 429 waits for Retry-After or the rate-limit reset,
-- at most three times, as the Ruby gem does (and a missing header does not
-- crash, unlike the gem: it falls back to backoff).
local math_min, math_max, math_random, math_ceil = math.min, math.max, math.random, math.ceil
local tonumber, type = tonumber, type

local _M = {}

local IDEMPOTENT = { GET = true, HEAD = true, PUT = true, DELETE = true, OPTIONS = true }
local NEVER_SENT = { connect = true, dns = true, connect_timeout = true }
local MAY_HAVE_BEEN_SENT = { timeout = true, dropped = true, network = true }
local RATE_LIMIT_WAITS = 3
local MAX_RATE_LIMIT_WAIT = 60
local MAX_WAIT = 86400 -- no wait is longer than a day (config's bound on the delays)

-- Every wait, whatever a server or a Lua transport sent (1e19, inf, nan, a
-- negative number): a finite number of seconds from 0 to max.
local function clamp(seconds, max)
  if type(seconds) ~= "number" or seconds ~= seconds or seconds <= 0 then return 0 end
  return math_min(seconds, max, MAX_WAIT)
end

-- Capped exponential backoff with equal jitter: between half and all of
-- min(cap, base * 2^(n-1)) for the nth retry.
function _M.backoff(settings, n)
  local d = math_min(settings.max_retry_delay, settings.retry_delay * 2 ^ (n - 1))
  return d * (0.5 + math_random() * 0.5)
end

-- Seconds until the rate limit lets us in again, from the response headers.
function _M.rate_limit_wait(headers, now)
  local retry_after = tonumber(headers["retry-after"])
  if retry_after then return math_max(0, retry_after) end
  local reset = tonumber(headers["x-ratelimit-reset"])
  if reset then return math_max(0, math_ceil(reset - now)) end
  return nil
end

local function retryable(method, response, failure)
  if failure then
    return NEVER_SENT[failure.kind] or (IDEMPOTENT[method] and MAY_HAVE_BEEN_SENT[failure.kind]) or false
  end
  local s = response.status
  return IDEMPOTENT[method] and (s == 408 or (s >= 500 and s ~= 501)) or false
end

-- Returns the seconds to wait before the next attempt, or nil to give up.
-- state = { retries = 0, rate_limit_waits = 0 } lives for one request.
function _M.next_wait(settings, method, response, failure, err, state, now)
  if err:is("RateLimitExceeded") then
    if not settings.handle_rate_limit or state.rate_limit_waits >= RATE_LIMIT_WAITS then return nil end
    state.rate_limit_waits = state.rate_limit_waits + 1
    local wait = response and _M.rate_limit_wait(response.headers, now)
    return clamp(wait or _M.backoff(settings, state.rate_limit_waits), MAX_RATE_LIMIT_WAIT)
  end
  if state.retries >= settings.max_retries or not retryable(method, response, failure) then return nil end
  state.retries = state.retries + 1
  local retry_after = response and tonumber(response.headers["retry-after"])
  if retry_after then return clamp(retry_after, settings.max_retry_delay) end
  return clamp(_M.backoff(settings, state.retries), settings.max_retry_delay)
end

return _M
