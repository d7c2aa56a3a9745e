-- client.leads (the Ruby gem's deprecated Service::Lead): leads as the v1
-- API served them under /contacts. Every lead comes back with type "lead",
-- as the gem rewrites them; lists skip contacts whose role is "user" (API 2.x
-- lists users and leads together under /contacts). Scroll and convert are
-- v1 endpoints (api_version = "1.4", or none).
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"
local request = require "intercom.request"
local url = require "intercom.url"
local common = require "intercom.services.people_common"
local integer_ids = require "intercom.integer_ids"

local KEEP_NULL = { null = core.null } -- a body keeps the nulls the object holds
local INTEGERS = { "owner_id" } -- an admin id, an integer in API 2.15 (as for contacts)

local type, pairs, next = type, pairs, next
local is_resource = core.is_resource

local list = op.list { "GET /contacts", paging = "cursor", per_page = 60 }
local scroll = op.list { "GET /contacts/scroll", paging = "scroll" }

local function is_user(item) return item.role == "user" end

local function leads(spec)
  return function(svc, where, x)
    return common.retyped(op.invoke(spec, where, svc, x), "lead", is_user)
  end
end

-- Decoded data as a lead object (or refreshing the lead given).
local function as_lead(where, svc, data, lead)
  if type(data) ~= "table" then op.raise("HttpError", where, "Http Error - No response entity returned") end
  data.type = "lead"
  if lead then return core.refresh(lead, data) end
  return core.resource(data, op.client(svc))
end

local function path_of(where, x)
  return "/contacts/" .. url.escape(tostring(common.id_of(where, "lead", x)))
end

local function find(svc, where, x)
  return as_lead(where, svc, (request.send(op.client(svc), "GET", path_of(where, x), nil, nil, { where = where })))
end

local function load(svc, where, lead)
  check.value(where, "lead", lead, "resource!")
  local data = request.send(op.client(svc), "GET", path_of(where, lead), nil, nil, { where = where })
  return as_lead(where, svc, data, lead)
end

-- create(params): params may be left out; role is "lead" unless given.
local function create(svc, where, args)
  check.value(where, "params", args, "table")
  local body = { role = "lead" }
  for k, v in pairs(args or {}) do body[k] = v end
  integer_ids.apply(where, body, INTEGERS)
  return as_lead(where, svc, (request.send(op.client(svc), "POST", "/contacts", nil, body, { where = where })))
end

-- save(lead): PUT /contacts/{id} with what changed, or a create.
local function save(svc, where, lead)
  if not is_resource(lead) then return create(svc, where, lead) end
  local body, data
  if lead.id ~= nil then
    body = core.changes(lead)
    body.id, body.type = nil, nil
    if next(body) == nil then return lead end -- nothing changed: nothing to send
    integer_ids.apply(where, body, INTEGERS)
    data = request.send(op.client(svc), "PUT", path_of(where, lead), nil, body, { where = where })
  else
    body = lead:to_table(KEEP_NULL)
    body.type = nil
    body.role = body.role or "lead"
    integer_ids.apply(where, body, INTEGERS)
    data = request.send(op.client(svc), "POST", "/contacts", nil, body, { where = where })
  end
  return as_lead(where, svc, data, lead)
end

-- The gem's identity_hash of a user: its id, email and user_id.
local function identity(where, user)
  local out = {}
  if is_resource(user) or type(user) == "table" then
    for _, k in pairs({ "id", "email", "user_id" }) do
      local v = user[k]
      if v ~= nil and v ~= "" then out[k] = v end
    end
  end
  if next(out) == nil then
    check.fail(where, "argument 'user' must be a user or a table with id, email or user_id, got "
      .. check.describe(user))
  end
  return out
end

-- convert(lead, user): POST /contacts/convert; returns the user. The lead is
-- named by its user_id, or by its id when it has none (a 2.x contact).
local function convert(svc, where, lead, user)
  local contact
  if is_resource(lead) and lead.user_id ~= nil then contact = { user_id = lead.user_id }
  else contact = { id = common.id_of(where, "lead", lead) } end
  local body = { contact = contact, user = identity(where, user) }
  local data = request.send(op.client(svc), "POST", "/contacts/convert", nil, body, { where = where })
  return op.result(where, { returns = "object!" }, op.client(svc), data)
end

return {
  ops = {
    all = op.custom(leads(list), { "GET /contacts" }),
    find_all = op.custom(leads(list), { "GET /contacts" }),
    find = op.custom(find, { "GET /contacts/{contact_id}" }),
    load = op.custom(load, { "GET /contacts/{contact_id}" }),
    create = op.custom(create, { "POST /contacts" }),
    save = op.custom(save, { "PUT /contacts/{contact_id}", "POST /contacts" }),
    scroll = op.custom(leads(scroll), { "GET /contacts/scroll" }),
    convert = op.custom(convert, { "POST /contacts/convert" }),
    delete = op.call { "DELETE /contacts/{contact_id}", target = "contact_id", returns = "target" },
    archive = op.call { "DELETE /contacts/{contact_id}", target = "contact_id", returns = "target" },
    request_hard_delete = common.request_hard_delete(),
  },
  classes = {
    lead = { autovivify = { custom_attributes = true } },
  },
}
