-- The coverage report: which operations of an API description's
-- operations.tsv (in ../shared, read in place, never copied) are reachable by
-- a named method. Used by spec/coverage_spec.lua and `make coverage`.
local index = require "intercom.services.index"
local op = require "intercom.operation"

local _M = {}

_M.SHARED = "../shared/intercom-openapi"

-- "GET /contacts/{contact_id}" -> "GET /contacts/{}": parameter names differ.
local function key(method, path)
  return method:upper() .. " " .. path:gsub("{[^}]*}", "{}")
end

-- The operations of one version: array of { key, method, path, id, tag }, or nil.
function _M.operations(version)
  local f = io.open(("%s/%s/operations.tsv"):format(_M.SHARED, version), "r")
  if not f then return nil end
  local out = {}
  for line in f:lines() do
    local tag, method, path, id = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)")
    if tag and method ~= "method" then
      out[#out + 1] = { key = key(method, path), method = method, path = path, id = id, tag = tag }
    end
  end
  f:close()
  return out
end

-- Every "VERB /path" the library's services call: key -> { "service:method", ... }.
function _M.library()
  local found = {}
  local function add(lines, name)
    for _, line in ipairs(lines) do
      local method, path = line:match("^(%u+) (%S+)$")
      local k = key(method, path)
      found[k] = found[k] or {}
      table.insert(found[k], name)
    end
  end
  local names = {}
  for name in pairs(index.services) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    local def = require(index.services[name])
    for op_name, o in pairs(def.ops) do add(op.lines(o), name .. ":" .. op_name) end
    for type_name, class in pairs(def.classes or {}) do
      for op_name, o in pairs(class.methods or {}) do add(op.lines(o), type_name .. ":" .. op_name) end
    end
  end
  return found
end

-- covered, missing (arrays of operations) for a version, or nil if absent.
function _M.report(version)
  local ops = _M.operations(version)
  if not ops then return nil end
  local lib = _M.library()
  local covered, missing = {}, {}
  for _, o in ipairs(ops) do
    o.methods = lib[o.key]
    if o.methods then covered[#covered + 1] = o else missing[#missing + 1] = o end
  end
  return covered, missing, #ops
end

return _M
