-- URLs: path templates, query strings, and next-page links.
local check = require "intercom.check"

local type, tostring, tonumber, pairs, ipairs, next = type, tostring, tonumber, pairs, ipairs, next
local string_format, table_concat, table_sort = string.format, table.concat, table.sort
-- rawget: LuaJIT has no math.type (and no integer subtype).
local math_type = rawget(math, "type") or function(n) return n == math.floor(n) and "integer" or "float" end

local _M = {}

-- RFC 3986 percent-encoding: everything but the unreserved characters.
local function escape(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string_format("%%%02X", c:byte()) end))
end
_M.escape = escape

function _M.unescape(s)
  s = s:gsub("+", " ")
  return (s:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end

local function scalar(where, name, v)
  local t = type(v)
  if t == "string" then return v end
  if t == "boolean" then return tostring(v) end
  if t == "number" then
    if math_type(v) == "integer" then return string_format("%d", v) end
    if v ~= v or v == math.huge or v == -math.huge then
      check.fail(where, ("query parameter '%s' cannot be %s"):format(name, tostring(v)))
    end
    for precision = 15, 17 do -- the shortest text that reads back as v
      local text = string_format("%." .. precision .. "g", v)
      if tonumber(text) == v then return text end
    end
  end
  check.fail(where, ("query parameter '%s' must be a string, number or boolean, got %s")
    :format(name, check.describe(v)))
end

-- Encodes a table of parameters, keys sorted so the URL is deterministic. An
-- array value repeats its key (a=1&a=2).
function _M.query(params, where)
  if not params then return "" end
  local keys = {}
  for k in pairs(params) do
    if type(k) ~= "string" then check.fail(where or "query", "query parameter names must be strings") end
    keys[#keys + 1] = k
  end
  table_sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do
    local v = params[k]
    if type(v) == "table" then
      if next(v) ~= nil and v[1] == nil then
        check.fail(where or "query", ("query parameter '%s' must be a scalar or an array, got a table"):format(k))
      end
      for _, item in ipairs(v) do
        parts[#parts + 1] = escape(k) .. "=" .. escape(scalar(where, k, item))
      end
    else
      parts[#parts + 1] = escape(k) .. "=" .. escape(scalar(where, k, v))
    end
  end
  return table_concat(parts, "&")
end

-- Parses a query string into a table (the last value of a repeated key wins).
function _M.parse_query(s)
  local out = {}
  for pair in (s or ""):gmatch("[^&]+") do
    local k, v = pair:match("^([^=]*)=?(.*)$")
    out[_M.unescape(k)] = _M.unescape(v)
  end
  return out
end

-- Fills {name} placeholders; values come from the function get(name).
function _M.expand(template, get)
  return (template:gsub("{([%w_]+)}", function(name) return escape(tostring(get(name))) end))
end

-- Splits an absolute URL into origin ("https://host:port"), path and query.
function _M.split(u)
  local origin, rest = u:match("^(https?://[^/?#]+)(.*)$")
  if not origin then return nil end
  local path, query = rest:match("^([^?#]*)%??([^#]*)")
  return origin, path ~= "" and path or "/", query
end

-- The full URL of a request. A next-page link from the API (an absolute URL)
-- keeps only its path and query: the request still goes to the configured
-- base URL, so the token never follows a link to another host.
function _M.build(base, path, query_string)
  if path:match("^https?://") then
    local _, p, q = _M.split(path)
    local _, base_path = _M.split(base)
    if base_path ~= "/" and p:sub(1, #base_path) == base_path then p = p:sub(#base_path + 1) end
    path = p
    if q ~= "" then query_string = query_string ~= "" and (q .. "&" .. query_string) or q end
  end
  local u = base .. path
  if query_string and query_string ~= "" then u = u .. "?" .. query_string end
  return u
end

return _M
