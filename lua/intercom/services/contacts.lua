-- client.contacts (the Ruby gem's Service::Contact) and the methods of a
-- contact object. API 2.15: /contacts.
local op = require "intercom.operation"
local check = require "intercom.check"
local request = require "intercom.request"
local core = require "intercom.core"
local increments = require "intercom.services.increments"

local type, pairs, next, error, table_sort = type, pairs, next, error, table.sort
local is_resource = core.is_resource

local by_id = op.call { "GET /contacts/{contact_id}", target = "contact_id", returns = "object!" }
local by_external_id = op.call { "GET /contacts/find_by_external_id/{external_id}", returns = "object!" }
local search = op.search { "POST /contacts/search", per_page = 150 }

-- find(id), find{ id = }, find{ external_id = }, or find{ email = ..., ... }:
-- the API 2.x has no lookup by other attributes, so those become a search
-- (all given attributes must match) and the first match is returned.
local function find(svc, where, x)
  if type(x) ~= "table" or is_resource(x) or x.id ~= nil then
    return op.invoke(by_id, where, svc, x)
  end
  if x.external_id ~= nil then return op.invoke(by_external_id, where, svc, x) end
  if next(x) == nil then check.fail(where, "give an id, an external_id, or attributes to match") end
  local filters = {}
  for field, value in pairs(x) do
    if type(field) ~= "string" then check.fail(where, "attribute names must be strings") end
    filters[#filters + 1] = { field = field, operator = "=", value = value }
  end
  table_sort(filters, function(a, b) return a.field < b.field end)
  local query = #filters == 1 and filters[1] or { operator = "AND", value = filters }
  local found = op.invoke(search, where, svc, { query = query, per_page = 1 }):first()
  if found == nil then
    -- code as for a miss by id, so one handler fits both; no http_code, since
    -- no HTTP status said it (the search answered 200 with no match)
    error(core.error("ResourceNotFound", { message = where .. ": no contact matches " .. core.json_encode(x),
      code = "not_found" }), 0)
  end
  return found
end

-- merge(lead, user): the lead is merged into the user, which is refreshed.
local function merge(svc, where, lead, user)
  check.value(where, "lead", lead, "resource!")
  check.value(where, "user", user, "resource!")
  if lead.role ~= "lead" or user.role ~= "user" then
    op.raise("InvalidMergeError", where, ("merges a lead into a user, got role %s into role %s")
      :format(tostring(lead.role), tostring(user.role)))
  end
  local data = request.send(op.client(svc), "POST", "/contacts/merge", nil, { from = lead.id, into = user.id },
    { where = where })
  if type(data) == "table" then core.refresh(user, data) end
  return user
end

return {
  ops = {
    find = op.custom(find, { "GET /contacts/{contact_id}", "GET /contacts/find_by_external_id/{external_id}",
      "POST /contacts/search" }),
    load = op.call { "GET /contacts/{contact_id}", target = "contact_id", returns = "refresh" },
    create = op.call { "POST /contacts", needs_args = true, integers = { "owner_id" } }, -- an admin id: integer
    save = op.save { update = "PUT /contacts/{id}", create = "POST /contacts", integers = { "owner_id" } },
    delete = op.call { "DELETE /contacts/{contact_id}", target = "contact_id", returns = "target" },
    -- These three take no body (API 2.15): none is sent, as none is declared.
    archive = op.call { "POST /contacts/{contact_id}/archive", target = "contact_id", returns = "target",
      body = false },
    unarchive = op.call { "POST /contacts/{contact_id}/unarchive", target = "contact_id", returns = "target",
      body = false },
    block = op.call { "POST /contacts/{contact_id}/block", target = "contact_id", body = false },
    delete_archived_contact = op.call { "DELETE /contacts/{contact_id}", target = "contact_id" },
    all = op.list { "GET /contacts", paging = "cursor", per_page = 150 },
    search = search,
    merge = op.custom(merge, { "POST /contacts/merge" }),
  },
  classes = {
    contact = {
      autovivify = { custom_attributes = true },
      methods = {
        add_tag = op.call { "POST /contacts/{contact_id}/tags", self = "contact_id", args = { id = "id!" } },
        remove_tag = op.call { "DELETE /contacts/{contact_id}/tags/{tag_id}", self = "contact_id",
          path_args = { tag_id = "id" } },
        tags = op.list { "GET /contacts/{contact_id}/tags", self = "contact_id", paging = "cursor" },
        create_note = op.call { "POST /contacts/{contact_id}/notes", self = "contact_id",
          args = { body = "string!", admin_id = "id" } },
        notes = op.list { "GET /contacts/{contact_id}/notes", self = "contact_id", paging = "cursor" },
        segments = op.list { "GET /contacts/{contact_id}/segments", self = "contact_id" },
        add_company = op.call { "POST /contacts/{contact_id}/companies", self = "contact_id", args = { id = "id!" } },
        remove_company = op.call { "DELETE /contacts/{contact_id}/companies/{company_id}", self = "contact_id",
          path_args = { company_id = "id" } },
        companies = op.list { "GET /contacts/{contact_id}/companies", self = "contact_id", paging = "pages" },
        create_subscription_type = op.call { "POST /contacts/{contact_id}/subscriptions", self = "contact_id",
          args = { id = "id!", consent_type = "string" } },
        remove_subscription_type = op.call { "DELETE /contacts/{contact_id}/subscriptions/{subscription_id}",
          self = "contact_id", path_args = { subscription_id = "id" } },
        subscription_types = op.list { "GET /contacts/{contact_id}/subscriptions", self = "contact_id" },
        merge_history = op.list { "GET /contacts/{contact_id}/merge_history", self = "contact_id" }, -- API 2.16
        increment = increments.increment,
        decrement = increments.decrement,
      },
    },
  },
}
