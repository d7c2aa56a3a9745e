-- /contacts/{id}/companies: attach, detach, list (page-number paging whose
-- pages.next is the URL of the next page, as on the API).
local contacts = require "intercom.sandbox.model.contacts"
local input = require "intercom.sandbox.server.input"
local paging = require "intercom.sandbox.search.paging"
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local function find_company(st, id)
  local c = store.get(st, "companies", id)
  if not c then reply.not_found("Company Not Found", "company_not_found") end
  return c
end

local function attach(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, "User Not Found")
  local company = find_company(ctx.st, input.id(ctx.body, "id", "company not specified"))
  local present = false
  for _, id in ipairs(rec.companies) do
    if id == company.id then present = true end
  end
  if not present then rec.companies[#rec.companies + 1] = company.id end
  return reply.json(200, render.company(ctx.st, company))
end

local function detach(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, "User Not Found")
  local company = find_company(ctx.st, ctx.params.company_id)
  for i, id in ipairs(rec.companies) do
    if id == company.id then
      table.remove(rec.companies, i)
      break
    end
  end
  return reply.json(200, render.company(ctx.st, company))
end

local function list(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, "User Not Found")
  local companies = {}
  for _, id in ipairs(rec.companies) do
    local c = store.get(ctx.st, "companies", id)
    if c then companies[#companies + 1] = render.company(ctx.st, c) end
  end
  local per_page = paging.per_page(ctx.query.per_page)
  local page = paging.page_number(ctx.query.page)
  local data, pages, total = paging.number_page(companies, page, per_page, function(n)
    return string.format("%s/contacts/%s/companies?page=%d&per_page=%d", ctx.base_url, rec.id, n, per_page)
  end)
  return reply.json(200, { type = "list", data = data, total_count = total, pages = pages })
end

return {
  { "POST /contacts/{id}/companies", attach },
  { "DELETE /contacts/{id}/companies/{company_id}", detach },
  { "GET /contacts/{id}/companies", list },
}
