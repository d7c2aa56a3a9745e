-- Percent-decoding of request targets. The C front hands over the raw target
-- (path and query still encoded) so that an encoded "/" inside an id does not
-- split a path segment, and query values arrive exactly as sent.
local _M = {}

local function hex_char(h)
  return string.char(tonumber(h, 16))
end

-- Decodes %XX escapes; with plus = true also "+" as a space (form encoding, queries only).
function _M.decode(s, plus)
  if plus then s = s:gsub("+", " ") end
  return (s:gsub("%%(%x%x)", hex_char))
end

function _M.encode(s)
  return (tostring(s):gsub("[^%w%-%._~]", function(c)
    return string.format("%%%02X", c:byte())
  end))
end

-- "a=1&b=2&a=3" -> { a = {"1", "3"}, b = "2" }: a repeated name becomes an array.
function _M.parse_query(raw)
  local out = {}
  if not raw or raw == "" then return out end
  for pair in raw:gmatch("[^&]+") do
    local name, value = pair:match("^([^=]*)=(.*)$")
    if not name then name, value = pair, "" end
    name, value = _M.decode(name, true), _M.decode(value, true)
    local seen = out[name]
    if seen == nil then
      out[name] = value
    elseif type(seen) == "table" then
      seen[#seen + 1] = value
    else
      out[name] = { seen, value }
    end
  end
  return out
end

-- "/contacts/ab%2Fc/tags" -> { "contacts", "ab/c", "tags" } (decoded segments).
function _M.segments(path)
  local out = {}
  for seg in path:gmatch("[^/]+") do out[#out + 1] = _M.decode(seg) end
  return out
end

return _M
