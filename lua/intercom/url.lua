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
      check.fail(where, ("query parameter '%s' cannot be %s"):format(name, v ~= v and "NaN" or tostring(v)))
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

-- A path segment that is "." or ".." (also percent-encoded): libcurl and
-- servers resolve it, so the request would reach another endpoint.
local function dot_segment(segment)
  local s = segment:gsub("%%2[eE]", ".")
  return s == "." or s == ".."
end

-- Fills {name} placeholders. get(name) returns the value and, optionally,
-- the argument name to blame; "." and ".." (which escaping leaves as they
-- are) raise an ArgumentError from where.
function _M.expand(template, get, where)
  return (template:gsub("{([%w_]+)}", function(name)
    local v, argument = get(name)
    local s = escape(tostring(v))
    if dot_segment(s) then
      check.fail(where or "url", ("argument '%s' cannot be %q: as a path segment it would reach another endpoint")
        :format(argument or name, s))
    end
    return s
  end))
end

local DEFAULT_PORTS = { http = 80, https = 443 }

-- Parses an absolute http(s) URL: { scheme, host, port, path, query } with
-- scheme and host lowercased and the port made explicit, or nil and why.
-- The authority must be [userinfo@]host[:port]: any userinfo is refused
-- (it is how "http://localhost:80@elsewhere" hides its real host).
function _M.parse(u)
  local scheme, authority, rest = u:match("^(%a[%w+.-]*)://([^/?#]*)(.*)$")
  if not scheme then return nil, "is not an absolute URL" end
  scheme = scheme:lower()
  if not DEFAULT_PORTS[scheme] then return nil, "is not an http(s) URL" end
  if authority:find("@", 1, true) then return nil, "carries userinfo (user@host)" end
  local host, port = authority:match("^(%[[%x:.]+%])(.*)$") -- an IPv6 literal
  if not host then host, port = authority:match("^([%w.%-_]+)(.*)$") end
  if not host then return nil, "has no valid host" end
  if port == "" then
    port = DEFAULT_PORTS[scheme]
  else
    port = tonumber(port:match("^:(%d%d?%d?%d?%d?)$"))
    if not port or port < 1 or port > 65535 then return nil, "has no valid port" end
  end
  local path, mark, query, hash = rest:match("^([^?#]*)(%??)([^#]*)(#?)")
  return { scheme = scheme, host = host:lower(), port = port, path = path, query = query,
    has_query = mark ~= "", has_fragment = hash ~= "" }
end

-- Splits an absolute URL into origin ("https://host:port"), path and query.
function _M.split(u)
  local origin, rest = u:match("^(https?://[^/?#]+)(.*)$")
  if not origin then return nil end
  local path, query = rest:match("^([^?#]*)%??([^#]*)")
  return origin, path ~= "" and path or "/", query
end

-- A URL or link as it may be shown in a message: short, on one line, and
-- without userinfo (which could be someone's password).
function _M.shown(u)
  u = u:gsub("//[^/?#]*@", "//...@")
  if #u > 100 then u = u:sub(1, 100) .. "..." end
  return (("%q"):format(u):gsub("\\\n", "\\n"))
end

-- Where a path or link leads on base: the path (relative to base) and query,
-- or nil and why it is refused. Accepted: a path starting with "/" (not
-- "//"), or an absolute http(s) URL on base's origin (same scheme, host and
-- port; a base path prefix it repeats is dropped). Never control characters,
-- never "." or ".." segments. So no path, and no link a server sends, can
-- take the token to another host or another endpoint.
function _M.resolve(base, path)
  if path:find("%c") then return nil, "contains a control character" end
  local p, q
  if path:sub(1, 1) == "/" and path:sub(2, 2) ~= "/" then
    p, q = path:match("^([^?#]*)%??([^#]*)")
  elseif path:match("^%a[%w+.-]*://") then
    local link, why = _M.parse(path)
    if not link then return nil, why end
    local origin = assert(_M.parse(base), "base_url is not a URL")
    if link.scheme ~= origin.scheme or link.host ~= origin.host or link.port ~= origin.port then
      return nil, ("is not on %s://%s:%d"):format(origin.scheme, origin.host, origin.port)
    end
    p, q = link.path, link.query
    local prefix = origin.path:gsub("/+$", "")
    if prefix ~= "" and (p == prefix or p:sub(1, #prefix + 1) == prefix .. "/") then p = p:sub(#prefix + 1) end
    if p == "" then p = "/" end
  else
    return nil, "is neither a path starting with '/' nor an absolute URL"
  end
  for segment in p:gmatch("[^/]+") do
    if dot_segment(segment) then return nil, "has a '.' or '..' segment (it would reach another endpoint)" end
  end
  return p, q
end

-- The full URL of a request: base_url, the path (see resolve; a bad one is
-- an ArgumentError from where) and the query strings of both.
function _M.build(base, path, query_string, where)
  local p, q = _M.resolve(base, path)
  if not p then check.fail(where or "request", ("argument 'path' %s %s"):format(_M.shown(path), q)) end
  if query_string and query_string ~= "" then q = q ~= "" and (q .. "&" .. query_string) or query_string end
  local u = base .. p
  if q ~= "" then u = u .. "?" .. q end
  return u
end

return _M
