-- Services: client.contacts, client.tags, ... Each service module
-- (lua/intercom/services/<name>.lua) is data: its operations, and the methods
-- of the objects it returns. This file turns that data into methods (checked,
-- safe-mode aware), registers the object methods with the core, and makes
-- service objects on first use.
local core = require "intercom.core"
local guard = require "intercom.guard"
local index = require "intercom.services.index"

local type, pairs, require, setmetatable, getmetatable, rawget, rawset =
  type, pairs, require, setmetatable, getmetatable, rawget, rawset
local table_sort = table.sort

local _M = {}

local defined = {} -- service name -> metatable of its service objects
local names = {}   -- metatable of service objects -> service name

-- pairs(service): its client, then its methods in name order.
local function service_pairs(svc)
  local mt = getmetatable(svc)
  local keys = { "client" }
  for name in pairs(mt.__index) do keys[#keys + 1] = name end
  table_sort(keys, function(a, b)
    if a == "client" or b == "client" then return a == "client" and b ~= "client" end
    return a < b
  end)
  local i = 0
  return function()
    i = i + 1
    local k = keys[i]
    if k == nil then return nil end
    return k, svc[k]
  end, svc, nil
end

local function build_all(ops, prefix, receiver)
  local methods = {}
  for name, op in pairs(ops) do
    methods[name] = guard.wrap(op:build(prefix .. name), prefix .. name, receiver)
  end
  return methods
end

-- Loads and builds a service module once: its operations, and the classes
-- (object types) it declares. module: the v1 API's, else the name's in index.
function _M.define(name, module)
  module = module or index.services[name]
  local mt = defined[module]
  if mt then return mt end
  local def = require(module)
  mt = { __pairs = service_pairs, __tostring = function() return "intercom.Service<" .. name .. ">" end }
  mt.__index = build_all(def.ops, name .. ":", guard.table_of("service", "client.%s", mt))
  defined[module] = mt
  names[mt] = name
  for type_name, class in pairs(def.classes or {}) do
    core.register_class(type_name, {
      methods = build_all(class.methods or {}, type_name .. ":", guard.OBJECT),
      autovivify = class.autovivify,
    })
  end
  return mt
end

-- The name of a service object (client.contacts -> "contacts"), or nil.
function _M.name_of(x)
  if type(x) ~= "table" then return nil end
  local mt = getmetatable(x)
  return mt and names[mt] or nil
end

-- client.<name>: the service object, made on first use and kept per client.
function _M.for_client(client, name)
  local f = core.fields(client)
  local module
  if f.api_version == "v1" then module = index.v1[name] else module = index.services[name] end
  if not module then return nil end
  f.services = f.services or {}
  local svc = f.services[name]
  if not svc then
    svc = setmetatable({ client = client }, _M.define(name, module))
    f.services[name] = svc
  end
  return svc
end

-- How many types without methods the class table remembers as such. Types
-- come from servers: remembering every one would let a server grow memory
-- without bound; past this many, an unknown type is looked up each time.
_M.MAX_UNKNOWN_TYPES = 256
local unknown_types = 0

-- An object of a type with methods (a contact) loads its service's module
-- the first time one is seen, whatever call returned it.
core.set_class_loader(function(classes, type_name)
  local service = index.types[type_name]
  if service then _M.define(service) end
  local class = rawget(classes, type_name)
  if class == nil then
    class = false
    if unknown_types < _M.MAX_UNKNOWN_TYPES then
      unknown_types = unknown_types + 1
      rawset(classes, type_name, false)
    end
  end
  return class
end)

return _M
