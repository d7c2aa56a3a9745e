-- What make bench measures, in one place: the three workloads of the issue,
-- their request counts and targets, the ids and cursors the fixtures hold, and
-- the headers the library sends (so the curl floor sends the same ones).
-- Required by fixtures.lua (what nginx serves), workload.lua (the library
-- side) and measure.lua (the curl side and the report).
local _M = {}

_M.FIND_COUNT = 2000   -- sequential finds of one 2.4 KB contact
_M.LIST_TOTAL = 3000   -- contacts iterated by client.contacts:all()
_M.PER_PAGE = 150      -- the page size the library asks for
_M.PAGES = _M.LIST_TOTAL // _M.PER_PAGE
_M.CREATE_COUNT = 500  -- POST /contacts
_M.PARALLEL = 8        -- finds in flight at once (the parallel workload: FIND_COUNT finds)

_M.TOKEN = "bench"
_M.API_VERSION = "2.15"

-- The contact every find returns (and asks for).
_M.FIND_ID = "6643703ffae7834d1792fd30"

-- The id of the i-th contact of the list (1-based): 24 hex digits, as the API's.
function _M.list_id(i)
  return ("6650%020x"):format(0x1f2e3d4c5b + i)
end

-- The email of the i-th contact created; the library and curl send the same body.
function _M.create_email(i)
  return ("bench-%04d@example.com"):format(i)
end
function _M.create_body(i)
  return ('{"email":"%s","role":"user"}'):format(_M.create_email(i))
end

-- The cursor that fetches page p (2..PAGES): the API's cursors are opaque
-- base64 strings; these are base64url (no padding), so they are safe in a file
-- name and need no escaping in a query string.
local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local function base64url(s)
  local out = {}
  for i = 1, #s, 3 do
    local a, b, c = s:byte(i, i + 2)
    local n = (a << 16) | ((b or 0) << 8) | (c or 0)
    local chars = 2 + (b and 1 or 0) + (c and 1 or 0)
    for k = 1, chars do
      local v = (n >> (18 - 6 * (k - 1))) & 63
      out[#out + 1] = B64:sub(v + 1, v + 1)
    end
  end
  return table.concat(out)
end
function _M.cursor(p)
  local last_id_before = _M.list_id((p - 1) * _M.PER_PAGE)
  return base64url(('[%d,"%s"]'):format(1715860400000 + p, last_id_before))
end

-- The targets. ratio: library wall / curl wall at most this; seconds:
-- library in-loop wall below this; rss_kb: peak RSS below this.
_M.TARGETS = {
  find = { ratio = 1.10 },
  list = { seconds = 0.040 },
  create = { ratio = 1.10 },
  parallel = { ratio = 1.2 },
  rss_kb = 12.5 * 1024,
}

-- The order the report lists the workloads in, and how it names them.
_M.ORDER = { "find", "list", "create", "parallel" }
_M.TITLES = {
  find = ("%d finds"):format(_M.FIND_COUNT),
  list = ("%d contacts, %d pages"):format(_M.LIST_TOTAL, _M.PAGES),
  create = ("%d creates"):format(_M.CREATE_COUNT),
  parallel = ("%d finds, %d in flight"):format(_M.FIND_COUNT, _M.PARALLEL),
}

return _M
