--- lua-intercom: a client for the Intercom REST API.
--
--   local intercom = require "intercom"
--   local client = intercom.new{ token = os.getenv("INTERCOM_TOKEN") }
--   local contact = client.contacts:find{ id = "..." }
--
-- The public API is this module and what it returns; intercom.core is its C
-- half and not meant to be required directly.
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

--- Makes a client. Raises MisconfiguredClientError for a bad option.
function _M.new(opts)
  return client.new(opts, false)
end

return _M
