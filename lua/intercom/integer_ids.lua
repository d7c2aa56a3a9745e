-- Ids that the API description declares as integers in a request body
-- (API 2.15: admin ids such as author_id, sender_id, from.id, admin_id of
-- PUT /tickets/{id}), while the API hands ids out as strings elsewhere, so a
-- caller often holds "991267401". An operation lists them:
--
--   integers = { "author_id", "from.id", "translated_content.*.author_id" }
--
-- A path is a dotted list of keys; "*" stands for every key of a table (a
-- map of locales, an array of items). Given a string of digits, the integer
-- is sent; given anything else that is not an integer, an ArgumentError names
-- the argument. Tables on the way are copied, never modified.
local check = require "intercom.check"
local core = require "intercom.core"

local type, pairs, tonumber, tostring = type, pairs, tonumber, tostring
local math_floor = math.floor
local math_tointeger = rawget(math, "tointeger") -- Lua 5.3+; LuaJIT has only doubles
local is_resource = core.is_resource

local _M = {}

-- Beyond 2^53 an id is no longer exact in a JSON reader that uses doubles.
local LIMIT = 9007199254740992

local function to_integer(where, name, v)
  if v == core.null then return v end -- JSON null, to clear a field, goes as it is
  local n
  if type(v) == "number" then
    n = v
  elseif type(v) == "string" and v:match("^%d+$") then
    n = tonumber(v)
  end
  if n == nil or n ~= math_floor(n) or n < 0 or n >= LIMIT then
    check.fail(where, ("argument '%s' must be an integer id (or a string of digits), got %s")
      :format(name, check.describe(v)))
  end
  return math_tointeger and math_tointeger(n) or n -- Lua 5.4: an integer, never 1.0
end
_M.to_integer = to_integer

local split_cache = {}

local function split(path)
  local keys = split_cache[path]
  if not keys then
    keys = {}
    for key in path:gmatch("[^.]+") do keys[#keys + 1] = key end
    split_cache[path] = keys
  end
  return keys
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

-- Converts t[keys[i]]...; name is the path walked so far, for messages.
local function convert(where, t, keys, i, name)
  local key = keys[i]
  local function step(k, v)
    local here = name and (name .. "." .. tostring(k)) or tostring(k)
    if i == #keys then
      t[k] = to_integer(where, here, v)
    elseif type(v) == "table" and not is_resource(v) then
      local c = copy(v) -- the caller's nested table stays as it was
      t[k] = c
      convert(where, c, keys, i + 1, here)
    end
  end
  if key == "*" then
    for k, v in pairs(t) do step(k, v) end -- step only replaces existing keys: allowed while walking
  elseif t[key] ~= nil then
    step(key, t[key])
  end
end

-- Converts, in the table args (already a copy), every listed path present.
function _M.apply(where, args, paths)
  for _, path in pairs(paths) do
    convert(where, args, split(path), 1, nil)
  end
  return args
end

return _M
