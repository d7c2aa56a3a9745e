-- Pagination, both styles the API uses:
--
-- cursor (contacts, notes, search): keyset paging. A cursor names the last
-- item of the page by its sort value and creation sequence, so deleting or
-- adding contacts between requests never skips or repeats one (iterating
-- GET /contacts while deleting each contact works, as it does on the API).
--
-- page number (a contact's companies): pages.next is the URL of the next page.
local ids = require "intercom.sandbox.model.ids"
local json = require "intercom.sandbox.server.json"
local query = require "intercom.sandbox.search.query"
local reply = require "intercom.sandbox.server.reply"

local _M = {}

_M.DEFAULT_PER_PAGE = 50
_M.MAX_PER_PAGE = 150

-- per_page from a query string or a JSON body: an integer >= 1; larger than
-- max is clamped to max (the response's pages.per_page shows what was used).
function _M.per_page(raw, default, max)
  if json.is_null(raw) or raw == "" then return default or _M.DEFAULT_PER_PAGE end
  local n = tonumber(raw)
  if not n or n ~= math.floor(n) or n < 1 then
    reply.invalid("per_page must be a positive integer", "per_page")
  end
  n = math.floor(n)
  max = max or _M.MAX_PER_PAGE
  if n > max then n = max end
  return n
end

-- A comparator over keys { v = sort value, s = creation sequence }.
-- order: { field = nil | name, descending = bool, seq_descending = bool }
function _M.comparator(order)
  return function(ka, kb)
    if order.field then
      local an, bn = json.is_null(ka.v), json.is_null(kb.v)
      if an ~= bn then return an and 1 or -1 end -- nulls last, either direction
      local c = query.compare(ka.v, kb.v)
      if order.descending then c = -c end
      if c ~= 0 then return c end
    end
    if ka.s == kb.s then return 0 end
    local c = ka.s < kb.s and -1 or 1
    if order.seq_descending then c = -c end
    return c
  end
end

-- Sorts items in place; key_of(item) -> { v, s }.
function _M.sort(items, order, key_of)
  local cmp = _M.comparator(order)
  local keys = {}
  for _, item in ipairs(items) do keys[item] = key_of(item) end
  table.sort(items, function(a, b) return cmp(keys[a], keys[b]) < 0 end)
  return items
end

local function encode_cursor(key)
  return ids.b64encode(json.encode({ v = key.v, s = key.s }))
end

local function decode_cursor(cursor)
  local text = ids.b64decode(cursor)
  local key = text and json.decode(text)
  if type(key) ~= "table" or type(key.s) ~= "number" then
    reply.invalid("starting_after is not a cursor this API returned", "starting_after")
  end
  return key
end

-- One page of sorted items after the cursor. Returns data (array), pages, total_count.
function _M.cursor_page(items, order, key_of, per_page, starting_after)
  local cmp = _M.comparator(order)
  local first = 1
  if not json.is_null(starting_after) and starting_after ~= "" then
    local after = decode_cursor(starting_after)
    first = #items + 1
    for i, item in ipairs(items) do
      if cmp(key_of(item), after) > 0 then first = i break end
    end
  end
  local data = json.array()
  for i = first, math.min(first + per_page - 1, #items) do data[#data + 1] = items[i] end
  local total = #items
  local pages = {
    type = "pages",
    page = math.floor((first - 1) / per_page) + 1,
    per_page = per_page,
    total_pages = math.ceil(total / per_page),
  }
  local last = first + #data - 1
  if #data > 0 and last < total then
    pages.next = { per_page = per_page, starting_after = encode_cursor(key_of(items[last])) }
  end
  return data, pages, total
end

-- Page-number paging; url_for(page) builds the next link. page is 1-based.
function _M.number_page(items, page, per_page, url_for)
  local data = json.array()
  local first = (page - 1) * per_page + 1
  for i = first, math.min(first + per_page - 1, #items) do data[#data + 1] = items[i] end
  local total_pages = math.ceil(#items / per_page)
  local pages = { type = "pages", page = page, per_page = per_page, total_pages = total_pages }
  if page < total_pages then pages.next = url_for(page + 1) end
  return data, pages, #items
end

-- page from a query string: an integer >= 1.
function _M.page_number(raw)
  if json.is_null(raw) or raw == "" then return 1 end
  local n = tonumber(raw)
  if not n or n ~= math.floor(n) or n < 1 then reply.invalid("page must be a positive integer", "page") end
  return math.floor(n)
end

return _M
