-- One API call, start to finish: URL and body, the transport, rate-limit
-- bookkeeping, error mapping, and the wait-and-retry loop.
local core = require "intercom.core"
local url = require "intercom.url"
local transport = require "intercom.transport"
local response = require "intercom.response"
local retry = require "intercom.retry"

local error, tonumber, pcall = error, tonumber, pcall
local fields, json_encode, now = core.fields, core.json_encode, core.now
local is_error, new_error = core.is_error, core.error
local math_floor = math.floor

local _M = {}

local function integer(v)
  local n = tonumber(v)
  return n and math_floor(n) or nil
end

-- client.rate_limit_details, from every response that carries the headers.
local function record_rate_limit(f, headers)
  local limit, remaining, reset = headers["x-ratelimit-limit"], headers["x-ratelimit-remaining"],
    headers["x-ratelimit-reset"]
  if limit or remaining or reset then
    f.rate_limit_details = { limit = integer(limit), remaining = integer(remaining), reset_at = integer(reset) }
  end
end

-- What the log hook sees: never headers, never the body, never the token.
-- An error raised by the hook is ignored: the request has been made, and a
-- logging failure must not turn its outcome into an error (a POST that
-- succeeded would look failed, inviting a duplicate).
local function log(settings, method, u, attempt, started, res, err, wait)
  pcall(settings.log, {
    method = method, url = u, attempt = attempt, duration = now() - started,
    status = res and res.status, error = err and err.class, retry_in = wait,
  })
end

-- The URL and the JSON text of a request: bad paths, query parameters and
-- body values fail here, before sending, with an ArgumentError naming where
-- (the method, such as "contacts:create"; else the request). Lazy
-- collections call it when made, so bad input fails at the call, not on the
-- first iteration.
function _M.prepare(client, method, path, query, body, where)
  local settings = fields(client).settings
  local u = url.build(settings.base_url, path, url.query(query, where or (method .. " " .. path)),
    where or (method .. " request"))
  if body == nil then return u, nil end
  local ok, payload = pcall(json_encode, body)
  if ok then return u, payload end
  if is_error(payload) and payload.class == "ArgumentError" then
    error(new_error("ArgumentError", { message = (where or (method .. " " .. path)) .. ": " .. payload.message }), 0)
  end
  error(payload, 0)
end

-- Sends the request and returns the decoded body (nil when empty) and the
-- response, or raises an intercom.Error. query: table of parameters; body:
-- a value to send as JSON (nil for none). opts (optional):
--   headers   extra "Name: value" lines
--   raw       return a successful body as it came (a transcript, a download)
--   redirect  a 3xx is an answer, not an error (its Location is in the response)
--   where     the method to name in an error about the path, query or body
function _M.send(client, method, path, query, body, opts)
  local f = fields(client)
  local settings = f.settings
  local u, payload = _M.prepare(client, method, path, query, body, opts and opts.where)
  local headers = opts and opts.headers
  local state = { retries = 0, rate_limit_waits = 0 }
  local attempt = 0
  while true do
    attempt = attempt + 1
    local started = now()
    local res, failure
    if settings.transport then
      res, failure = transport.custom(settings.transport, client, settings, method, u, payload, headers)
    else
      res, failure = transport.curl(client, method, u, payload, headers)
    end
    local data, err
    if res then
      record_rate_limit(f, res.headers)
      data, err = response.interpret(res, method, u, opts)
    else
      err = response.failure_error(failure, method, u)
    end
    local wait = err and retry.next_wait(settings, method, res, failure, err, state, now())
    if settings.log then log(settings, method, u, attempt, started, res, err, wait) end
    if not err then return data, res end
    if not wait then error(err, 0) end
    settings.sleep(wait)
  end
end

return _M
