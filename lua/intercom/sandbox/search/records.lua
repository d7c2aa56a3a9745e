-- Search over records (POST /conversations/search, POST /tickets/search):
-- the body's query, sort and pagination checked, then the matching records
-- sorted (by a field, or newest first) and cut into cursor pages. Each
-- record is seen through a view (what queries test) and shown as rendered.
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local paging = require "intercom.sandbox.search.paging"
local query = require "intercom.sandbox.search.query"
local reply = require "intercom.sandbox.server.reply"

local _M = {}

local is_null = json.is_null

_M.NEWEST_FIRST = { seq_descending = true }

-- -> match(view), sort | nil, pagination (a table)
function _M.request(body, field_ok)
  body = input.object(body)
  if is_null(body.query) then reply.missing("query is required", "query") end
  local match, err = query.compile(body.query, { field_ok = field_ok })
  if not match then reply.invalid(err.message, err.field) end
  local sort, serr = query.sort_spec(body.sort)
  if serr then reply.invalid(serr.message, serr.field) end
  if sort then
    local ok, why = field_ok(sort.field)
    if not ok then reply.invalid(why, "sort.field") end
  end
  local pagination = body.pagination
  if not is_null(pagination) and not json.is_object(pagination) then
    reply.invalid("pagination must be an object", "pagination")
  end
  return match, sort, is_null(pagination) and {} or pagination
end

-- view_of(rec) -> view, shown. Returns data (the shown objects), pages, total_count.
function _M.page(recs, view_of, match, sort, pagination)
  local hits = {}
  for _, rec in ipairs(recs) do
    local v, shown = view_of(rec)
    if match(v) then hits[#hits + 1] = { view = v, shown = shown, seq = rec.seq } end
  end
  local order, key_of
  if sort then
    order = { field = sort.field, descending = sort.descending }
    key_of = function(h) return { v = query.get(h.view, sort.field), s = h.seq } end
  else
    order, key_of = _M.NEWEST_FIRST, function(h) return { s = h.seq } end
  end
  paging.sort(hits, order, key_of)
  local per_page = paging.per_page(pagination.per_page, 20, 150)
  local page, pages, total = paging.cursor_page(hits, order, key_of, per_page, pagination.starting_after)
  local data = json.array()
  for i, h in ipairs(page) do data[i] = h.shown end
  return data, pages, total
end

return _M
