-- Argument checking: every bad input raises an intercom.Error of class
-- ArgumentError that names the method, the argument and what was expected,
-- before any request is sent.
local core = require "intercom.core"

local type, tostring, pairs, error = type, tostring, pairs, error
local math_type = rawget(math, "type") or function(n) -- LuaJIT has no math.type, no integer subtype
  return n == math.floor(n) and "integer" or "float"
end

local _M = {}

function _M.fail(where, message)
  error(core.error("ArgumentError", { message = where .. ": " .. message }), 0)
end

local function describe(v)
  if v == nil then return "nil" end
  if core.is_resource(v) then return "an " .. tostring(v) end
  if type(v) == "string" then return ("the string %q"):format(#v > 40 and v:sub(1, 40) .. "..." or v) end
  return "a " .. type(v)
end
_M.describe = describe

-- "." and ".." are no ids: as a path segment they would reach another endpoint.
local NOT_IDS = { [""] = true, ["."] = true, [".."] = true }

local function is_id(v)
  return (type(v) == "string" and not NOT_IDS[v]) or (type(v) == "number" and math_type(v) == "integer")
end
_M.is_id = is_id

-- The argument kinds an operation can declare, and what each accepts.
local KINDS = {
  id = { test = is_id, expected = "a non-empty string or integer id (not \".\" or \"..\")" },
  string = { test = function(v) return type(v) == "string" end, expected = "a string" },
  integer = {
    test = function(v) return type(v) == "number" and math_type(v) == "integer" end,
    expected = "an integer",
  },
  number = { test = function(v) return type(v) == "number" and v == v end, expected = "a number" },
  boolean = { test = function(v) return type(v) == "boolean" end, expected = "a boolean" },
  table = { test = function(v) return type(v) == "table" end, expected = "a table" },
  object = {
    test = function(v) return type(v) == "table" or core.is_resource(v) end,
    expected = "a table or an intercom object",
  },
  resource = { test = core.is_resource, expected = "an intercom object" },
  any = { test = function() return true end, expected = "a value" },
}

-- Checks one value against a declared kind such as "id!" (the "!" = required).
function _M.value(where, name, v, spec)
  local required = spec:sub(-1) == "!"
  local kind = KINDS[required and spec:sub(1, -2) or spec]
  if not kind then error("unknown argument kind " .. spec) end
  if v == nil then
    if required then _M.fail(where, ("argument '%s' is required (%s)"):format(name, kind.expected)) end
    return
  end
  if not kind.test(v) then
    _M.fail(where, ("argument '%s' must be %s, got %s"):format(name, kind.expected, describe(v)))
  end
end

-- Checks a table of arguments against a table of declared kinds.
function _M.args(where, args, specs)
  for name, spec in pairs(specs) do
    _M.value(where, name, args[name], spec)
  end
end

-- Checks one of a set of allowed values.
function _M.one_of(where, name, v, allowed)
  for _, a in pairs(allowed) do
    if v == a then return end
  end
  _M.fail(where, ("argument '%s' must be one of %s, got %s"):format(name,
    table.concat(allowed, ", "), describe(v)))
end

return _M
