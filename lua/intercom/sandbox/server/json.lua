-- JSON for the sandbox: intercom.core's exact codec (integers stay integers),
-- plus the two questions every route asks: "is this null?" and "is this an array?".
local core = require "intercom.core"

local _M = {}

_M.null = core.null
_M.decode = core.json_decode
_M.encode = core.json_encode

-- Marks t (default: a new table) as a JSON array, so an empty one encodes as [].
function _M.array(t)
  return core.array(t or {})
end

-- v, or JSON null where it is nil: the API shows unset fields as null.
function _M.or_null(v)
  if v == nil then return core.null end
  return v
end

function _M.is_null(v)
  return v == nil or v == core.null
end

-- Decoded JSON arrays carry core.array_mt; a plain Lua sequence counts too.
function _M.is_array(v)
  if type(v) ~= "table" then return false end
  if getmetatable(v) == core.array_mt then return true end
  local n = 0
  for _ in pairs(v) do n = n + 1 end
  return n > 0 and n == #v
end

function _M.is_object(v)
  return type(v) == "table" and not _M.is_array(v) and getmetatable(v) ~= core.array_mt
end

-- Deep copy that keeps array marks, so copies encode like the original.
function _M.copy(v)
  if type(v) ~= "table" then return v end
  local out = {}
  for k, x in pairs(v) do out[k] = _M.copy(x) end
  if getmetatable(v) == core.array_mt then core.array(out) end
  return out
end

return _M
