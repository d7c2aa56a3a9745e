-- A fixed-window rate limiter, like the API's: `limit` requests per `window`
-- seconds. The window opens with the first request after the last one ended,
-- so a test that makes N quick requests sees the limit it set, never a window
-- boundary that happened to fall in between.
local _M = {}

_M.DEFAULT = { limit = 1000, window = 60 }

function _M.new(limit, window)
  local l = {}
  _M.set(l, limit, window)
  return l
end

function _M.set(l, limit, window)
  limit, window = tonumber(limit), tonumber(window)
  if not limit or limit < 1 or limit ~= math.floor(limit) then error("rate limit must be an integer >= 1", 0) end
  if not window or window <= 0 then error("rate limit window must be a number of seconds > 0", 0) end
  l.limit, l.window = math.floor(limit), window
  l.start, l.count = nil, 0
  return l
end

-- Counts one request at time now (seconds). Returns allowed, headers info
-- { limit, remaining, reset } where reset is the window's end in epoch seconds.
function _M.take(l, now)
  if not l.start or now >= l.start + l.window then
    l.start, l.count = now, 0
  end
  local reset = math.ceil(l.start + l.window)
  if l.count >= l.limit then
    return false, { limit = l.limit, remaining = 0, reset = reset }
  end
  l.count = l.count + 1
  return true, { limit = l.limit, remaining = l.limit - l.count, reset = reset }
end

function _M.describe(l)
  return { limit = l.limit, window = l.window, used = l.count,
    reset = l.start and math.ceil(l.start + l.window) or nil }
end

return _M
