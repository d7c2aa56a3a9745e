-- Safe mode (require "intercom.safe"): every method of a safe client, of its
-- services, objects and collections returns nil, err instead of raising an
-- intercom.Error, like cjson.safe. Any other Lua error is a bug and is raised.
--
-- Every such method also checks what it was called on: client.get("/me") (a
-- dot for a colon) hands "/me" over as the client. That is an ArgumentError
-- saying so, raised even for a safe client (with no client in hand, the
-- method cannot know it is a safe one).
local core = require "intercom.core"
local check = require "intercom.check"

local error, pcall, type, getmetatable = error, pcall, type, getmetatable
local is_resource, is_error, client_of, fields = core.is_resource, core.is_error, core.client_of, core.fields

local _M = {}

-- Is self (a service, a resource or a client) bound to a safe client?
function _M.is_safe(self)
  local client
  if is_resource(self) then client = client_of(self)
  elseif type(self) == "table" then client = self.client
  else client = self end
  return client ~= nil and fields(client).safe == true
end

function _M.settle(ok, ...)
  if ok then return ... end
  local e = ...
  if is_error(e) then return nil, e end
  error(e, 0)
end

-- What a method is called on: its name in messages, how to recognise it, and
-- how a call looks ("%s" is the method's where, such as "contacts:find").
_M.CLIENT = { name = "client", call = "%s", test = function(x)
  return type(x) == "userdata" and not is_resource(x) and (pcall(fields, x))
end }
_M.OBJECT = { name = "object", call = "%s", test = is_resource }

-- The receiver of a table kind (a service, a collection): its metatable says.
function _M.table_of(name, call, mt)
  return { name = name, call = call, test = function(x) return getmetatable(x) == mt end }
end

local function wrong_receiver(where, receiver, self)
  error(core.error("ArgumentError", { message = ("%s: call it with a colon, %s(...), not a dot: it got %s "
    .. "where the %s should be"):format(where, receiver.call:format(where), check.describe(self), receiver.name) }), 0)
end

-- Wraps a method (named where, called on a receiver as above) so it checks
-- what it was called on and settles errors when called on a safe object.
function _M.wrap(fn, where, receiver)
  local test = receiver.test
  return function(self, ...)
    if not test(self) then wrong_receiver(where, receiver, self) end
    if _M.is_safe(self) then return _M.settle(pcall(fn, self, ...)) end
    return fn(self, ...)
  end
end

return _M
