-- /companies: create or update (POST, by company_id), find by id, company_id
-- or name, update (PUT), delete, page-numbered lists (GET with filters, and
-- POST /companies/list), scroll, and what hangs off a company: its contacts,
-- notes and segments.
local companies = require "intercom.sandbox.model.companies"
local json = require "intercom.sandbox.server.json"
local paging = require "intercom.sandbox.search.paging"
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"
local scroll = require "intercom.sandbox.search.scroll"
local store = require "intercom.sandbox.model.store"

local DEFAULT_PER_PAGE, MAX_PER_PAGE = 15, 60
local SCROLL_PAGE = 100 -- companies per scroll page

local function rendered(st, list)
  local out = {}
  for i, c in ipairs(list) do out[i] = render.company(st, c) end
  return out
end

local function filtered(ctx)
  local q = ctx.query
  local seg
  if q.segment_id and q.segment_id ~= "" then
    seg = store.get(ctx.st, "company_segments", q.segment_id)
    if not seg then reply.not_found("Segment Not Found") end
  end
  return store.list(ctx.st, "companies", function(c)
    if q.tag_id and q.tag_id ~= "" and not companies.has_tag(c, q.tag_id) then return false end
    if seg and not companies.in_segment(c, seg) then return false end
    return true
  end)
end

-- GET /companies?company_id= or ?name= answers one company, like the API;
-- otherwise a page of companies (filtered by tag_id or segment_id), whose
-- pages.next is the URL of the next page.
local function list(ctx)
  local q = ctx.query
  if q.company_id or q.name then
    local c
    if q.company_id then c = companies.by_company_id(ctx.st, q.company_id)
    else c = companies.by_name(ctx.st, q.name) end
    if not c then reply.not_found("Company Not Found", "company_not_found") end
    return reply.json(200, render.company(ctx.st, c))
  end
  local per_page = paging.per_page(q.per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE)
  local filters = ""
  for _, k in ipairs({ "segment_id", "tag_id" }) do
    if q[k] and q[k] ~= "" then filters = filters .. "&" .. k .. "=" .. q[k] end
  end
  local data, pages, total = paging.number_page(rendered(ctx.st, filtered(ctx)), paging.page_number(q.page),
    per_page, function(n)
      return string.format("%s/companies?page=%d&per_page=%d%s", ctx.base_url, n, per_page, filters)
    end)
  return reply.json(200, { type = "list", data = data, total_count = total, pages = pages })
end

-- POST /companies/list: most recently requested first (order=asc reverses);
-- pages carry page and total_pages, and the next page is asked for by number.
local function list_all(ctx)
  local q = ctx.query
  local order = q.order or "desc"
  if order ~= "asc" and order ~= "desc" then reply.invalid("order must be 'asc' or 'desc'", "order") end
  local all = store.list(ctx.st, "companies")
  paging.sort(all, { field = "last_request_at", descending = order == "desc" },
    function(c) return { v = c.last_request_at or json.null, s = c.seq } end)
  local per_page = paging.per_page(q.per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE)
  local data, pages, total = paging.number_page(rendered(ctx.st, all), paging.page_number(q.page), per_page,
    function() return nil end)
  return reply.json(200, { type = "list", data = data, total_count = total, pages = pages })
end

local function create_or_update(ctx)
  local c = companies.create_or_update(ctx.st, ctx.body, ctx.now)
  return reply.json(200, render.company(ctx.st, c))
end

local function show(ctx)
  return reply.json(200, render.company(ctx.st, companies.find(ctx.st, ctx.params.id)))
end

local function update(ctx)
  local c = companies.find(ctx.st, ctx.params.id)
  return reply.json(200, render.company(ctx.st, companies.update(ctx.st, c, ctx.body, ctx.now)))
end

local function delete(ctx)
  local c = companies.find(ctx.st, ctx.params.id)
  companies.remove(ctx.st, c)
  return reply.json(200, { object = "company", id = c.id, deleted = true })
end

-- GET /companies/scroll (see scroll.lua).
local function scroll_companies(ctx)
  local page, param = scroll.page(ctx, "companies", function() return store.list(ctx.st, "companies") end,
    SCROLL_PAGE)
  return reply.json(200, { type = "list", data = json.array(rendered(ctx.st, page)), pages = json.null,
    total_count = json.null, scroll_param = param })
end

local function seq_key(rec) return { s = rec.seq } end

local function contacts(ctx)
  local company = companies.find(ctx.st, ctx.params.id)
  local attached = companies.contacts_of(ctx.st, company)
  local per_page = paging.per_page(ctx.query.per_page)
  local page, pages, total = paging.cursor_page(attached, {}, seq_key, per_page, ctx.query.starting_after)
  local data = json.array()
  for i, rec in ipairs(page) do data[i] = render.contact(ctx.st, rec) end
  return reply.json(200, { type = "list", data = data, total_count = total, pages = pages })
end

local NEWEST_FIRST = { seq_descending = true }

local function notes(ctx)
  local company = companies.find(ctx.st, ctx.params.id)
  local found = store.list(ctx.st, "notes", function(n) return n.company_id == company.id end)
  paging.sort(found, NEWEST_FIRST, seq_key)
  local per_page = paging.per_page(ctx.query.per_page)
  local page, pages, total = paging.cursor_page(found, NEWEST_FIRST, seq_key, per_page, ctx.query.starting_after)
  local data = json.array()
  for i, n in ipairs(page) do data[i] = render.note(ctx.st, n) end
  return reply.json(200, { type = "list", data = data, total_count = total, pages = pages })
end

local function segments(ctx)
  local company = companies.find(ctx.st, ctx.params.id)
  local data = json.array()
  for i, seg in ipairs(companies.segments_of(ctx.st, company)) do data[i] = render.segment(seg) end
  return reply.json(200, { type = "list", data = data })
end

return {
  { "GET /companies", list },
  { "POST /companies", create_or_update },
  { "POST /companies/list", list_all },
  { "GET /companies/scroll", scroll_companies },
  { "GET /companies/{id}", show },
  { "PUT /companies/{id}", update },
  { "DELETE /companies/{id}", delete },
  { "GET /companies/{id}/contacts", contacts },
  { "GET /companies/{id}/notes", notes },
  { "GET /companies/{id}/segments", segments },
}
