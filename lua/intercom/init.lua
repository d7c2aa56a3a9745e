--- lua-intercom: a client for the Intercom REST API.
--
--   local intercom = require "intercom"
--   local client = intercom.new{ token = os.getenv("INTERCOM_TOKEN") }
--   local contact = client.contacts:find{ id = "..." }
--
-- The public API is this module and what it returns; intercom.core is its C
-- half and not meant to be required directly.
-- @module intercom
local core = require "intercom.core"
local client = require "intercom.client"
local tasks = require "intercom.tasks"
local notification = require "intercom.notification"

local _M = {
  VERSION = core.VERSION,
  null = core.null,     -- JSON null: assign it to send null
  errors = core.errors, -- error classes, for err:is(intercom.errors.X)
  array = core.array,   -- intercom.array{} marks a table as a JSON array
  -- Concurrency (lua/intercom/tasks.lua): a request inside a task yields
  -- instead of blocking, and the engine resumes the task when its answer is in.
  spawn = tasks.spawn,  -- spawn(fn, ...) -> task; task:wait(), task.result, task.err
  step = tasks.step,    -- step(timeout) -> tasks not done; waits at most timeout seconds
  run = tasks.run,      -- run(): until every task is done
  map = tasks.map,      -- map(list, fn, { concurrency = 8 }) -> results in order
  -- Webhooks (docs/webhooks.md): read a delivery, check its signature; and
  -- Identity Verification's user_hash for the Messenger.
  notification = notification.new,
  verify_signature = core.verify_signature,
  user_hash = core.user_hash,
}

--- Reads a webhook delivery: `intercom.notification(raw_body [, client])` -> a
-- Notification with `id`, `topic`, `app_id`, `created_at`, `first_sent_at`,
-- `delivery_attempts`, `model_type`, `model` (the item as an intercom object)
-- and `n:load(client)`. A malformed body raises ArgumentError.
-- @function notification

--- `intercom.verify_signature(secret, raw_body, header_value)` -> true, or false
-- and a reason: checks `X-Hub-Signature: sha1=<hex>` (HMAC-SHA1 of the raw body
-- keyed with the app's client secret) in constant time. Never raises on what
-- the sender controls (the body's bytes, the header, or its absence).
-- @function verify_signature

--- `intercom.user_hash(secret, user_id_or_email)` -> the hex HMAC-SHA256 that
-- Identity Verification expects from the Messenger.
-- @function user_hash

--- The library's version string.
-- @field VERSION

--- JSON null: assign it to a field (or put it in arguments) to send null.
-- @field null

--- The error classes, for `err:is(intercom.errors.ResourceNotFound)`;
-- `intercom.errors.IntercomError` is the base of every API error.
-- @field errors

--- `intercom.array{}` marks a table as a JSON array (an empty one encodes as `[]`).
-- @function array

--- The names of the methods of a service, an object, a collection, an error
-- or the client, sorted (`intercom.methods(client.contacts)`). For each
-- method's requests and arguments: `require("intercom.describe").methods(x)`.
-- @param x
-- @treturn table the names
function _M.methods(x)
  return require("intercom.describe").names(x)
end

--- Makes a client. Raises MisconfiguredClientError for a bad option, naming it.
-- @tparam table opts `token` (or `app_id` and `api_key`), and optionally `api_version`
--   ("2.15"; false sends none), `region` ("us", "eu", "au") or `base_url`, `connect_timeout`,
--   `timeout`, `handle_rate_limit`, `max_retries`, `retry_delay`, `max_retry_delay`, `sleep`,
--   `transport`, `log`, `headers`, `user_agent`, `verify_tls`, `ca_file`, `ca_path`, `allow_http`
-- @treturn Client the client: services are its fields (`client.contacts`)
function _M.new(opts)
  return client.new(opts, false)
end

return _M
