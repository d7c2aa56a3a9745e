-- client.visitors (the Ruby gem's Service::Visitor). API 2.15: GET /visitors
-- ?user_id=, PUT /visitors, POST /visitors/convert; GET and DELETE
-- /visitors/{id} are API 2.6 and before.
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"
local request = require "intercom.request"
local common = require "intercom.services.people_common"
local increments = require "intercom.services.increments"

local type, pairs, next = type, pairs, next
local is_resource = core.is_resource

local by_user_id = op.call { "GET /visitors", args = { user_id = "string!" }, returns = "object!" }
local by_id = op.call { "GET /visitors/{id}", target = "id", returns = "object!" }

-- find{ user_id = } (2.15), or find(id) / find{ id = } (2.6 and before).
local function find(svc, where, x)
  if type(x) == "table" and not is_resource(x) and x.id == nil then
    return op.invoke(by_user_id, where, svc, x)
  end
  return op.invoke(by_id, where, svc, x)
end

-- load(visitor): fetched again by its user_id (by id when it has none).
local function load(svc, where, visitor)
  check.value(where, "visitor", visitor, "resource!")
  local data
  if visitor.user_id ~= nil then
    data = request.send(op.client(svc), "GET", "/visitors", { user_id = visitor.user_id }, nil, { where = where })
  else
    data = request.send(op.client(svc), "GET", "/visitors/" .. common.id_of(where, "visitor", visitor), nil, nil,
      { where = where })
  end
  if type(data) ~= "table" then op.raise("HttpError", where, "Http Error - No response entity returned") end
  return core.refresh(visitor, data)
end

-- save(visitor): PUT /visitors with what changed and the visitor's id (the
-- API's update; the gem PUTs /visitors/{id}). save{ id | user_id, ... }
-- sends the table as it is.
local function save(svc, where, x)
  local body
  if is_resource(x) then
    body = core.changes(x)
    body.type, body.id, body.user_id = nil, nil, nil
    if next(body) == nil then return x end -- nothing changed: nothing to send
    if x.id ~= nil then body.id = x.id else body.user_id = x.user_id end
    if body.id == nil and body.user_id == nil then
      op.raise("AttributeNotSetError", where, "this visitor has neither id nor user_id")
    end
  else
    check.value(where, "visitor", x, "table!")
    if x.id == nil and x.user_id == nil then check.fail(where, "give the visitor's id or user_id") end
    check.args(where, x, { id = "id", user_id = "string" })
    body = {}
    for k, v in pairs(x) do body[k] = v end
  end
  local data = request.send(op.client(svc), "PUT", "/visitors", nil, body, { where = where })
  if is_resource(x) then
    if type(data) == "table" then core.refresh(x, data) end
    return x
  end
  return op.result(where, {}, op.client(svc), data)
end

-- The visitor's identity for a conversion: its user_id (or id), or a table
-- such as { user_id = }, { id = } or { email = }, or a user_id string.
local function visitor_ref(where, v)
  if is_resource(v) then
    if v.user_id ~= nil then return { user_id = v.user_id } end
    return { id = common.id_of(where, "visitor", v) }
  end
  if type(v) == "string" and v ~= "" then return { user_id = v } end
  if type(v) == "table" and (v.user_id ~= nil or v.id ~= nil or v.email ~= nil) then
    return { user_id = v.user_id, id = v.id, email = v.email }
  end
  check.fail(where, "argument 'visitor' must be a visitor, a user_id or a table with user_id, id or email, got "
    .. check.describe(v))
end

-- convert(visitor): into a lead. convert(visitor, contact): into that user
-- (an object, whose id is sent, or identifiers such as { email = ... }).
-- Returns the contact. API 2.15 requires `user`, the identifiers kept after
-- the conversion, for a lead too (the gem sends none): a lead keeps the
-- visitor's own.
local function convert(svc, where, visitor, contact)
  local ref = visitor_ref(where, visitor)
  local body = { visitor = ref, type = "lead", user = { id = ref.id, user_id = ref.user_id, email = ref.email } }
  if contact ~= nil then
    if is_resource(contact) then
      body.user = { id = common.id_of(where, "contact", contact) }
    elseif type(contact) == "table" and (contact.id ~= nil or contact.user_id ~= nil or contact.email ~= nil) then
      body.user = { id = contact.id, user_id = contact.user_id, email = contact.email }
    else
      check.fail(where, "argument 'contact' must be a contact or a table with id, user_id or email, got "
        .. check.describe(contact))
    end
    body.type = "user"
  end
  local data = request.send(op.client(svc), "POST", "/visitors/convert", nil, body, { where = where })
  return op.result(where, { returns = "object!" }, op.client(svc), data)
end

return {
  ops = {
    find = op.custom(find, { "GET /visitors", "GET /visitors/{id}" }),
    load = op.custom(load, { "GET /visitors", "GET /visitors/{id}" }),
    save = op.custom(save, { "PUT /visitors" }),
    delete = op.call { "DELETE /visitors/{id}", target = "id", returns = "target" },
    archive = op.call { "DELETE /visitors/{id}", target = "id", returns = "target" },
    convert = op.custom(convert, { "POST /visitors/convert" }),
  },
  classes = {
    visitor = {
      autovivify = { custom_attributes = true },
      methods = {
        increment = increments.increment,
        decrement = increments.decrement,
      },
    },
  },
}
