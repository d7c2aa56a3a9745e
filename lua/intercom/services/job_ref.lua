-- Export jobs are named by job_identifier, not id: methods that act on one
-- take the job object the API returned, its job_identifier, or a table with
-- id (or job_identifier) and any other arguments.
local core = require "intercom.core"
local check = require "intercom.check"
local op = require "intercom.operation"

local KEEP_NULL = { null = core.null } -- a body keeps the nulls the object holds

local type, pairs = type, pairs

local _M = {}

-- (a table of arguments with id set, the object given or nil)
function _M.args(where, x)
  if core.is_resource(x) then
    local id = x.job_identifier or x.id
    if id == nil then op.raise("AttributeNotSetError", where, "this object has no job_identifier") end
    return { id = id }, x
  end
  if check.is_id(x) then return { id = x }, nil end
  if type(x) == "table" then
    local args = {}
    for k, v in pairs(x) do args[k] = v end
    if args.id == nil then args.id, args.job_identifier = args.job_identifier, nil end
    check.value(where, "id", args.id, "id!")
    return args, nil
  end
  check.fail(where, "expected an export job, its job_identifier or a table with id, got " .. check.describe(x))
end

-- A method over spec (an op.call with target = "job_identifier"); with
-- refresh, an object given is updated from the answer and returned.
-- shape(where, args) may adjust the arguments before they are sent.
function _M.method(spec, refresh, shape)
  return op.custom(function(svc, where, x, extra)
    local args, obj = _M.args(where, x)
    if extra ~= nil then
      check.value(where, "options", extra, "table")
      for k, v in pairs(extra) do
        if args[k] == nil then args[k] = v end
      end
    end
    if shape then shape(where, args) end
    local result = op.invoke(spec, where, svc, args)
    if refresh and obj and core.is_resource(result) then return core.refresh(obj, result:to_table(KEEP_NULL)) end
    return result
  end, { spec[1] })
end

return _M
