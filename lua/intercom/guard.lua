-- Safe mode (require "intercom.safe"): every method of a safe client, of its
-- services, objects and collections returns nil, err instead of raising an
-- intercom.Error, like cjson.safe. Any other Lua error is a bug and is raised.
local core = require "intercom.core"

local error, pcall, type = error, pcall, type
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

-- Wraps a method so it settles errors when called on a safe object.
function _M.wrap(fn)
  return function(self, ...)
    if _M.is_safe(self) then return _M.settle(pcall(fn, self, ...)) end
    return fn(self, ...)
  end
end

return _M
