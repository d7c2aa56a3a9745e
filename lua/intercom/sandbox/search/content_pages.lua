-- Page-number lists of the content routes (articles, collections, internal
-- articles, news): most recently updated first, and pages.next the URL of the
-- next page with the request's other parameters kept (a search's phrase),
-- which is how the API pages these lists whatever its schema says.
local json = require "intercom.sandbox.server.json"
local paging = require "intercom.sandbox.search.paging"
local urlcode = require "intercom.sandbox.server.urlcode"

local _M = {}

local NEWEST_FIRST = { field = "t", descending = true, seq_descending = true }

-- Sorts records in place by a timestamp field (default updated_at), newest first.
function _M.newest_first(records, field)
  field = field or "updated_at"
  return paging.sort(records, NEWEST_FIRST, function(r) return { v = r[field], s = r.seq } end)
end

local function url(ctx, path, page, per_page)
  local q = {}
  for k, v in pairs(ctx.query) do
    if k ~= "page" and k ~= "per_page" and type(v) == "string" then q[k] = v end
  end
  q.page, q.per_page = tostring(page), tostring(per_page)
  local keys = {}
  for k in pairs(q) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for i, k in ipairs(keys) do parts[i] = urlcode.encode(k) .. "=" .. urlcode.encode(q[k]) end
  return ctx.base_url .. path .. "?" .. table.concat(parts, "&")
end

-- One page of already rendered items: data, pages, total_count.
-- limits: { default = n, max = n } for per_page.
function _M.page(ctx, items, path, limits)
  local per_page = paging.per_page(ctx.query.per_page, limits.default, limits.max)
  local page = paging.page_number(ctx.query.page)
  return paging.number_page(items, page, per_page, function(n) return url(ctx, path, n, per_page) end)
end

-- The usual list body: { type = "list", total_count, pages, data }.
function _M.list(ctx, records, render, path, limits)
  local rendered = json.array()
  for i, r in ipairs(records) do rendered[i] = render(r) end
  local data, pages, total = _M.page(ctx, rendered, path, limits)
  return { type = "list", total_count = total, pages = pages, data = data }
end

return _M
