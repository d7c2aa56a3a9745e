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
}

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
