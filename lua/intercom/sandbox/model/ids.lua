-- Identifiers the way Intercom shapes them: 24-hex object ids (a timestamp
-- then a counter, like a MongoDB ObjectId), numeric-string ids for tags and
-- notes, UUID request ids, and opaque base64 cursors.
local _M = {}

local function rand(n)
  return math.random(0, n)
end

-- A 24-hex id. With a fixed ts and n (fixtures) it is deterministic.
function _M.object_id(ts, n, salt)
  return string.format("%08x%08x%08x", ts % 0x100000000, salt or rand(0x7fffffff), n % 0x100000000)
end

function _M.request_id()
  return string.format("%08x-%04x-4%03x-%04x-%04x%08x",
    rand(0x7fffffff), rand(0xffff), rand(0xfff), 0x8000 + rand(0x3fff), rand(0xffff), rand(0x7fffffff))
end

-- base64url without padding: cursors must travel in query strings untouched.
local ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local INDEX = {}
for i = 1, #ALPHABET do INDEX[ALPHABET:sub(i, i)] = i - 1 end

function _M.b64encode(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = a * 65536 + (b or 0) * 256 + (c or 0)
    local chars = 2 + (b and 1 or 0) + (c and 1 or 0)
    for k = 1, chars do
      local shift = 18 - 6 * (k - 1)
      local v = math.floor(n / 2 ^ shift) % 64
      out[#out + 1] = ALPHABET:sub(v + 1, v + 1)
    end
  end
  return table.concat(out)
end

-- Returns nil for anything that is not base64url.
function _M.b64decode(s)
  if type(s) ~= "string" or s:find("[^%w%-_]") or #s % 4 == 1 then return nil end
  local out = {}
  for i = 1, #s, 4 do
    local chunk = s:sub(i, i + 3)
    local n = 0
    for k = 1, 4 do
      local ch = chunk:sub(k, k)
      n = n * 64 + (ch ~= "" and INDEX[ch] or 0)
    end
    local bytes = #chunk - 1
    local b1 = math.floor(n / 65536) % 256
    local b2 = math.floor(n / 256) % 256
    local b3 = n % 256
    local t = { b1, b2, b3 }
    for k = 1, bytes do out[#out + 1] = string.char(t[k]) end
  end
  return table.concat(out)
end

return _M
