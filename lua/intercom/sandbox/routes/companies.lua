-- /companies: the seeded companies, found by Intercom id, company_id or name.
local json = require "intercom.sandbox.json"
local paging = require "intercom.sandbox.paging"
local render = require "intercom.sandbox.render"
local reply = require "intercom.sandbox.reply"
local store = require "intercom.sandbox.store"

local function find(st, id)
  local c = store.get(st, "companies", id)
  if not c then reply.not_found("Company Not Found", "company_not_found") end
  return c
end

-- GET /companies?company_id= or ?name= answers one company, like the API.
local function list(ctx)
  local q = ctx.query
  if q.company_id or q.name then
    for _, c in ipairs(store.list(ctx.st, "companies")) do
      if (q.company_id and c.company_id == q.company_id) or (not q.company_id and c.name == q.name) then
        return reply.json(200, render.company(ctx.st, c))
      end
    end
    reply.not_found("Company Not Found", "company_not_found")
  end
  local all = {}
  for i, c in ipairs(store.list(ctx.st, "companies")) do all[i] = render.company(ctx.st, c) end
  local per_page = paging.per_page(q.per_page, 15, 60)
  local data, pages, total = paging.number_page(all, paging.page_number(q.page), per_page, function(n)
    return string.format("%s/companies?page=%d&per_page=%d", ctx.base_url, n, per_page)
  end)
  return reply.json(200, { type = "list", data = data, total_count = total, pages = pages })
end

local function show(ctx)
  return reply.json(200, render.company(ctx.st, find(ctx.st, ctx.params.id)))
end

local function contacts(ctx)
  local company = find(ctx.st, ctx.params.id)
  local attached = store.list(ctx.st, "contacts", function(rec)
    for _, id in ipairs(rec.companies) do
      if id == company.id then return true end
    end
    return false
  end)
  local order, key_of = {}, function(rec) return { s = rec.seq } end
  local per_page = paging.per_page(ctx.query.per_page)
  local page, pages, total = paging.cursor_page(attached, order, key_of, per_page, ctx.query.starting_after)
  local data = json.array()
  for i, rec in ipairs(page) do data[i] = render.contact(ctx.st, rec) end
  return reply.json(200, { type = "list", data = data, total_count = total, pages = pages })
end

return {
  { "GET /companies", list },
  { "GET /companies/{id}", show },
  { "GET /companies/{id}/contacts", contacts },
}
