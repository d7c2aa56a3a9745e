-- The sandbox's in-memory state: one table per kind of object, keyed by id.
-- Every record gets a creation sequence number, which gives lists their
-- stable order and cursors something that survives deletions.
local _M = {}

_M.KINDS = { "contacts", "tags", "companies", "segments", "subscription_types", "admins", "notes" }

function _M.new(workspace_id)
  local st = { seq = 0, counters = {}, workspace_id = workspace_id or "sandbox1" }
  for _, kind in ipairs(_M.KINDS) do st[kind] = {} end
  return st
end

function _M.add(st, kind, rec)
  st[kind] = st[kind] or {} -- a kind of record first seen here
  st.seq = st.seq + 1
  rec.seq = st.seq
  st[kind][rec.id] = rec
  return rec
end

-- Ids come from paths and bodies as strings, sometimes as numbers.
function _M.get(st, kind, id)
  local t = type(id)
  if t ~= "string" and t ~= "number" then return nil end
  return (st[kind] or {})[tostring(id)]
end

function _M.remove(st, kind, id)
  if st[kind] then st[kind][id] = nil end
end

-- All records of a kind in creation order; keep(rec) filters.
function _M.list(st, kind, keep)
  local out = {}
  for _, rec in pairs(st[kind] or {}) do
    if not keep or keep(rec) then out[#out + 1] = rec end
  end
  table.sort(out, function(a, b) return a.seq < b.seq end)
  return out
end

-- Numeric string ids ("101", "102", ...) for tags, notes and subscription types.
function _M.next_number(st, name, first)
  local n = (st.counters[name] or (first - 1)) + 1
  st.counters[name] = n
  return tostring(n)
end

return _M
