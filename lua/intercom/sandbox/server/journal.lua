-- The request journal: what clients sent, oldest first, so tests can assert
-- on methods, paths, queries, headers and bodies. Credentials are redacted on
-- the way in; the journal never holds a whole token. Bodies are kept as text:
-- sb:requests() decodes them on the caller's side, so a body that decodes but
-- cannot be encoded back (nested as deep as JSON allows, then put in the list)
-- never breaks the journal.
local json = require "intercom.sandbox.server.json"
local urlcode = require "intercom.sandbox.server.urlcode"

local _M = {}

_M.MAX = 10000 -- oldest entries are dropped beyond this (a long-running CLI sandbox)

function _M.new()
  return { items = {} }
end

-- "Bearer abcdefgh1234" -> "Bearer …1234". Short secrets lose even that.
function _M.redact(value)
  local scheme, secret = value:match("^(%S+)%s+(.*)$")
  if not scheme then scheme, secret = nil, value end
  local tail = #secret >= 12 and secret:sub(-4) or ""
  return (scheme and scheme .. " " or "") .. "…" .. tail
end

function _M.record(j, req, request_id)
  local headers = {}
  for k, v in pairs(req.headers or {}) do
    headers[k] = k == "authorization" and _M.redact(v) or v
  end
  local entry = {
    method = req.method, path = req.path, raw_query = req.query or "",
    query = urlcode.parse_query(req.query), headers = headers, body = req.body or "",
    request_id = request_id, time = os.time(),
  }
  local items = j.items
  items[#items + 1] = entry
  if #items > _M.MAX then table.remove(items, 1) end
  return entry
end

function _M.list(j)
  local out = json.array()
  for i, e in ipairs(j.items) do out[i] = e end
  return out
end

function _M.clear(j)
  j.items = {}
end

return _M
