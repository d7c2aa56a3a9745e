-- Every method the services offer, as data for the bad-input specs: each
-- service's operations (client.<service>:<method>) and the methods of the
-- objects it returns (contact:add_tag), with what the operation declares.
local index = require "intercom.services.index"
local bad = require "bad_values"

local _M = {}

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t or {}) do keys[#keys + 1] = k end
  table.sort(keys)
  return keys
end
_M.sorted_keys = sorted_keys

-- { service, method, spec, where = "service:method" }, sorted by name.
function _M.service_methods()
  local out = {}
  for _, service in ipairs(sorted_keys(index.services)) do
    local def = require(index.services[service])
    for _, method in ipairs(sorted_keys(def.ops)) do
      out[#out + 1] = { service = service, method = method, spec = def.ops[method],
        where = service .. ":" .. method }
    end
  end
  return out
end

-- { type, method, spec, where = "type:method" } for the methods of objects.
function _M.object_methods()
  local out = {}
  for _, service in ipairs(sorted_keys(index.services)) do
    local def = require(index.services[service])
    for _, type_name in ipairs(sorted_keys(def.classes)) do
      local methods = def.classes[type_name].methods
      for _, method in ipairs(sorted_keys(methods)) do
        out[#out + 1] = { type = type_name, method = method, spec = methods[method],
          where = type_name .. ":" .. method }
      end
    end
  end
  return out
end

-- The path parameters of a declared operation, and the argument each is
-- filled from (see operation.lua: path_args, target, or its own name).
function _M.path_arguments(spec)
  local out = {}
  if not spec[1] then return out end
  for name in spec[1]:gmatch("{([%w_]+)}") do
    if spec.self ~= name then
      out[#out + 1] = (spec.path_args and spec.path_args[name]) or (spec.target == name and "id") or name
    end
  end
  return out
end

-- Arguments that pass the operation's declared checks: a valid value for
-- every declared argument and every path parameter, with overrides on top.
function _M.valid_arguments(spec, overrides)
  local args = {}
  for name, kind in pairs(spec.args or {}) do args[name] = bad.valid_for_kind[(kind:gsub("!$", ""))] end
  for _, name in ipairs(_M.path_arguments(spec)) do
    if args[name] == nil then args[name] = "1" end
  end
  for k, v in pairs(overrides or {}) do args[k] = v end
  return args
end

return _M
