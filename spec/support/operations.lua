-- The coverage report: which operations of an API version's operation list
-- (spec/fixtures/operations/<version>.tsv, from Intercom's OpenAPI
-- descriptions) are reachable by a named method. Used by
-- spec/coverage_spec.lua, `make coverage` and scripts/wire-coverage.
local index = require "intercom.services.index"
local op = require "intercom.operation"

local _M = {}

_M.DIR = "spec/fixtures/operations"

-- "GET /contacts/{contact_id}" -> "GET /contacts/{}": parameter names differ.
local function key(method, path)
  return method:upper() .. " " .. path:gsub("{[^}]*}", "{}")
end

-- The file listing a version's operations.
function _M.file(version)
  return ("%s/%s.tsv"):format(_M.DIR, version)
end

-- "VERB /path/{x}" as a key of the tables below.
function _M.key_of(line)
  local method, path = line:match("^(%u+) (%S+)$")
  return key(method, path)
end

-- The operations of one version: array of { key, method, path, id, tag }, or
-- nil and a message when the version has no list here.
function _M.operations(version)
  local f, err = io.open(_M.file(version), "r")
  if not f then return nil, err end
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

-- covered, missing (arrays of operations) and their total for a version, or
-- nil and a message when the version has no list here.
function _M.report(version)
  local ops, err = _M.operations(version)
  if not ops then return nil, err end
  local lib = _M.library()
  local covered, missing = {}, {}
  for _, o in ipairs(ops) do
    o.methods = lib[o.key]
    if o.methods then covered[#covered + 1] = o else missing[#missing + 1] = o end
  end
  return covered, missing, #ops
end

return _M
