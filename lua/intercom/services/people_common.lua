-- Helpers the people services (companies, users, leads, visitors) share: ids
-- from any of the forms a method accepts, load, the v1 hard delete, and
-- collections whose items are retyped on the way in (the gem's leads lists).
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"
local request = require "intercom.request"

local type = type
local is_resource = core.is_resource

local _M = {}

-- The id in x: an intercom object, an id, or a table with id.
function _M.id_of(where, name, x)
  if is_resource(x) then
    if x.id == nil then op.raise("AttributeNotSetError", where, "this object has no id") end
    return x.id
  end
  if check.is_id(x) then return x end
  if type(x) == "table" and check.is_id(x.id) then return x.id end
  check.fail(where, ("argument '%s' must be an intercom object, an id or a table with id, got %s")
    :format(name, check.describe(x)))
end

-- Retypes the items of a collection's pages: each item's type becomes
-- type_name; items for which skip(item) is true are left out. Pages with
-- nothing left are passed over, so iteration never stops early.
function _M.retyped(coll, type_name, skip)
  local raw_pages = coll.raw_pages
  coll.raw_pages = function(self)
    local next_page = raw_pages(self)
    return function()
      while true do
        local page, items = next_page()
        if page == nil then return nil end
        local kept = {}
        for _, item in ipairs(items) do
          if type(item) == "table" and not (skip and skip(item)) then
            item.type = type_name
            kept[#kept + 1] = item
          end
        end
        if #kept > 0 or #items == 0 then return page, kept end
      end
    end
  end
  return coll
end

-- load(object): the object fetched again and refreshed in place. Unlike
-- find it takes only an object (an id has nothing to refresh).
function _M.load(line, param)
  local fetch = op.call { line, target = param, returns = "refresh" }
  return op.custom(function(svc, where, obj)
    check.value(where, "object", obj, "resource!")
    return op.invoke(fetch, where, svc, obj)
  end, { line })
end

-- request_hard_delete(user or lead): POST /user_delete_requests
-- { intercom_user_id }, the v1 API's permanent deletion. Returns the object
-- given (the API answers the request's id), or the answer for an id.
function _M.request_hard_delete()
  return op.custom(function(svc, where, x)
    local id = _M.id_of(where, "user", x)
    local data = request.send(op.client(svc), "POST", "/user_delete_requests", nil, { intercom_user_id = id },
      { where = where })
    if is_resource(x) then return x end
    return op.result(where, {}, op.client(svc), data)
  end, { "POST /user_delete_requests" })
end

return _M
