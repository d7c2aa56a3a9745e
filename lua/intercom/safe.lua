--- The same API without raising, in the style of cjson.safe: every method
-- returns nil, err where intercom would raise err.
--
--   local safe = require "intercom.safe"
--   local client = assert(safe.new{ token = os.getenv("INTERCOM_TOKEN") })
--   local contact, err = client.contacts:find{ id = "nope" } -- nil, ResourceNotFound
-- @module intercom.safe
local intercom = require "intercom"
local client = require "intercom.client"
local guard = require "intercom.guard"
local tasks = require "intercom.tasks"

local pcall = pcall

local _M = {
  VERSION = intercom.VERSION,
  null = intercom.null,
  errors = intercom.errors,
  array = intercom.array,
  spawn = intercom.spawn,
  step = intercom.step,
  run = intercom.run,
  verify_signature = intercom.verify_signature, -- never raises on the sender's input
  user_hash = intercom.user_hash,
}

--- Like intercom.notification, but nil, err for a malformed body.
function _M.notification(body, c)
  return guard.settle(pcall(intercom.notification, body, c))
end

--- Like intercom.map, but never raises for a failed item: returns the results
-- in order and a table of the errors by index (nil when none failed).
function _M.map(list, fn, opts)
  return tasks.map_all(list, fn, opts, "safe.map")
end

--- Makes a client whose methods return `nil, err` instead of raising (a
-- paging failure yields `false, err` once in a loop).
-- @tparam table opts as for `intercom.new`
-- @treturn[1] Client the client
-- @return[2] nil
-- @treturn[2] Error a MisconfiguredClientError naming the bad option
function _M.new(opts)
  return guard.settle(pcall(client.new, opts, true))
end

return _M
