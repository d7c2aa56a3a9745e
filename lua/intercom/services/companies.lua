-- client.companies (the Ruby gem's Service::Company) and the methods of a
-- company object. API 2.15: /companies.
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"
local request = require "intercom.request"
local url = require "intercom.url"
local common = require "intercom.services.people_common"
local increments = require "intercom.services.increments"

local type, next = type, next
local is_resource = core.is_resource

local by_id = op.call { "GET /companies/{company_id}", target = "company_id", returns = "object!" }
local lookup = op.call { "GET /companies", args = { company_id = "string", name = "string" }, returns = "object!" }
local find_all = op.list { "GET /companies", paging = "pages", per_page = 60,
  args = { tag_id = "id", segment_id = "id", page = "integer", per_page = "integer" } }
local put = op.call { "PUT /companies/{company_id}", target = "company_id", needs_args = true }

-- POST /companies/list takes page, per_page and order in the query.
local function list_query(where, _, args)
  if args.order ~= nil then check.one_of(where, "order", args.order, { "asc", "desc" }) end
  return args, nil
end

-- find(id), find{ id = }, find{ company_id = } or find{ name = }.
local function find(svc, where, x)
  if type(x) == "table" and not is_resource(x) and x.id == nil then
    if x.company_id == nil and x.name == nil then check.fail(where, "give an id, a company_id or a name") end
    return op.invoke(lookup, where, svc, x)
  end
  return op.invoke(by_id, where, svc, x)
end

-- update(company): PUT /companies/{id} with what changed (2.15's update;
-- save posts to /companies like the gem). update{ id = ..., name = ... }
-- sends the given fields.
local function update(svc, where, x)
  if not is_resource(x) then return op.invoke(put, where, svc, x) end
  if x.id == nil then op.raise("AttributeNotSetError", where, "this object has no id") end
  local body = core.changes(x)
  body.id, body.type, body.company_id = nil, nil, nil
  if next(body) == nil then return x end -- nothing changed: nothing to send
  local data = request.send(op.client(svc), "PUT", "/companies/" .. url.escape(tostring(x.id)), nil, body,
    { where = where })
  if type(data) == "table" then core.refresh(x, data) end
  return x
end

-- by_tag(tag) / by_segment(segment): the companies with that tag or in that
-- segment (an object, an id or a table with id).
local function by(param)
  return op.custom(function(svc, where, x)
    return op.invoke(find_all, where, svc, { [param] = common.id_of(where, param, x) })
  end, { "GET /companies" })
end

return {
  ops = {
    find = op.custom(find, { "GET /companies/{company_id}", "GET /companies" }),
    find_all = find_all,
    all = op.list { "GET /companies", paging = "pages", per_page = 60 },
    -- POST /companies/list: every company, most recently active first
    -- (order = "asc" reverses); its paging parameters go in the query.
    list = op.list { "POST /companies/list", paging = "pages", per_page = 60, args = { order = "string" },
      shape = list_query },
    load = common.load("GET /companies/{company_id}", "company_id"),
    scroll = op.list { "GET /companies/scroll", paging = "scroll" },
    create = op.call { "POST /companies", needs_args = true },
    save = op.save { update = "POST /companies", create = "POST /companies", identity = { "id", "company_id" } },
    update = op.custom(update, { "PUT /companies/{company_id}" }),
    delete = op.call { "DELETE /companies/{company_id}", target = "company_id", returns = "target" },
    archive = op.call { "DELETE /companies/{company_id}", target = "company_id", returns = "target" },
    by_tag = by("tag_id"),
    by_segment = by("segment_id"),
  },
  classes = {
    company = {
      autovivify = { custom_attributes = true },
      methods = {
        contacts = op.list { "GET /companies/{company_id}/contacts", self = "company_id", paging = "cursor",
          per_page = 150 },
        notes = op.list { "GET /companies/{company_id}/notes", self = "company_id", paging = "cursor",
          per_page = 150 },
        segments = op.list { "GET /companies/{company_id}/segments", self = "company_id" },
        create_note = op.call { "POST /companies/{company_id}/notes", self = "company_id", -- API 2.16
          args = { body = "string!", admin_id = "id" } },
        increment = increments.increment,
        decrement = increments.decrement,
      },
    },
  },
}
