-- A gzip file (RFC 1952) around stored deflate blocks: what an export
-- download answers, made without a compression library. Valid for gunzip,
-- zlib and every HTTP client; just not smaller than the input.
local _M = {}

local CRC_TABLE = {}
for i = 0, 255 do
  local c = i
  for _ = 1, 8 do
    if c & 1 == 1 then c = 0xEDB88320 ~ (c >> 1) else c = c >> 1 end
  end
  CRC_TABLE[i] = c
end

function _M.crc32(s)
  local crc = 0xFFFFFFFF
  for i = 1, #s do
    crc = CRC_TABLE[(crc ~ s:byte(i)) & 0xFF] ~ (crc >> 8)
  end
  return crc ~ 0xFFFFFFFF
end

local BLOCK = 65535 -- the most a stored block holds

-- gzip bytes of data; name (optional) is the original file name in the header.
function _M.encode(data, name, mtime)
  local out = {}
  local flags = name and 0x08 or 0
  out[#out + 1] = string.pack("<BBBBI4BB", 0x1f, 0x8b, 8, flags, mtime or 0, 0, 255)
  if name then out[#out + 1] = name .. "\0" end
  local pos = 1
  repeat
    local chunk = data:sub(pos, pos + BLOCK - 1)
    pos = pos + #chunk
    local final = pos > #data and 1 or 0
    out[#out + 1] = string.pack("<BI2I2", final, #chunk, (~#chunk) & 0xFFFF)
    out[#out + 1] = chunk
  until pos > #data
  out[#out + 1] = string.pack("<I4I4", _M.crc32(data), #data & 0xFFFFFFFF)
  return table.concat(out)
end

return _M
