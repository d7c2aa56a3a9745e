-- IP addresses and CIDR ranges for the IP allowlist: which entries are valid,
-- and whether an IPv4 address falls in one of them.
local _M = {}

local function ipv4_number(s)
  local a, b, c, d = s:match("^(%d+)%.(%d+)%.(%d+)%.(%d+)$")
  if not a then return nil end
  local n = 0
  for _, part in ipairs({ a, b, c, d }) do
    local v = tonumber(part)
    if v > 255 or (#part > 1 and part:sub(1, 1) == "0") then return nil end
    n = n * 256 + v
  end
  return n
end

local function valid_ipv6(s)
  if not s:find(":", 1, true) or s:find("[^%x:]") then return false end
  local _, doubles = s:gsub("::", "")
  if doubles > 1 or s:find(":::", 1, true) then return false end
  local groups = 0
  for g in s:gmatch("[^:]+") do
    if #g > 4 then return false end
    groups = groups + 1
  end
  if doubles == 0 then return groups == 8 and not s:find("^:") and not s:find(":$") end
  return groups < 8
end

-- "198.51.100.7", "203.0.113.0/24", "2001:db8::/32" -> { v4 = number, bits = n } or { v6 = true }; nil if invalid.
function _M.parse(entry)
  if type(entry) ~= "string" then return nil end
  local addr, bits = entry:match("^([^/]+)/(%d+)$")
  addr = addr or entry
  bits = bits and tonumber(bits)
  local v4 = ipv4_number(addr)
  if v4 then
    if bits and bits > 32 then return nil end
    return { v4 = v4, bits = bits or 32 }
  end
  if valid_ipv6(addr) then
    if bits and bits > 128 then return nil end
    return { v6 = true }
  end
  return nil
end

-- Is the IPv4 address in one of the entries?
function _M.allows(entries, address)
  local n = ipv4_number(address)
  for _, entry in ipairs(entries) do
    local r = _M.parse(entry)
    if r and r.v4 then
      local size = 2 ^ (32 - r.bits)
      if math.floor(r.v4 / size) == math.floor(n / size) then return true end
    end
  end
  return false
end

return _M
