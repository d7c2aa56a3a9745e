-- /visitors: find by user_id, update (PUT /visitors with id or user_id in the
-- body), convert into a lead or a user; and, for API 2.6 and before, find and
-- delete by id.
local contacts = require "intercom.sandbox.model.contacts"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local legacy = require "intercom.sandbox.server.legacy"
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"
local visitors = require "intercom.sandbox.model.visitors"

local function by_user_id(ctx)
  local user_id = ctx.query.user_id
  if not user_id or user_id == "" then reply.missing("user_id not specified", "user_id") end
  return reply.json(200, visitors.render(ctx.st, visitors.find_by(ctx.st, { user_id = user_id })))
end

local function update(ctx)
  local body = input.object(ctx.body)
  if json.is_null(body.id) and json.is_null(body.user_id) then
    reply.missing("an id or a user_id is required", "id")
  end
  local v = visitors.find_by(ctx.st, { id = body.id, user_id = body.user_id })
  return reply.json(200, visitors.render(ctx.st, visitors.update(v, body, ctx.now)))
end

local function show(ctx)
  return reply.json(200, visitors.render(ctx.st, visitors.find(ctx.st, ctx.params.id)))
end

local function delete(ctx)
  local v = visitors.find(ctx.st, ctx.params.id)
  store.remove(ctx.st, "visitors", v.id)
  return reply.json(200, { type = "visitor", id = v.id, user_id = v.user_id })
end

-- The user a conversion names: by id, user_id (external_id) or email.
local function existing_user(st, user)
  if not json.is_null(user.id) then return contacts.find(st, user.id, "User Not Found") end
  for _, rec in ipairs(store.list(st, "contacts")) do
    local f = rec.fields
    if f.role == "user" and ((type(user.user_id) == "string" and f.external_id == user.user_id)
      or (type(user.email) == "string" and f.email and f.email:lower() == user.email:lower())) then
      return rec
    end
  end
end

-- The visitor's data, for a contact made from it.
local function contact_body(v, role, user)
  return {
    role = role, name = v.name, email = type(user.email) == "string" and user.email or nil,
    external_id = role == "user" and user.user_id or nil,
    custom_attributes = json.copy(v.custom_attributes),
  }
end

-- POST /visitors/convert: into a new lead; or into a user, merged into the
-- user if one matches, else made a user with the user's identifiers. The
-- visitor is gone afterwards. `user` is required for both (API 2.15).
local function convert(ctx)
  local body = input.object(ctx.body)
  local kind = input.string(body, "type", true)
  if kind ~= "lead" and kind ~= "user" then reply.invalid("type must be 'lead' or 'user'", "type") end
  local v = visitors.find_by(ctx.st, body.visitor)
  local user = body.user
  if not json.is_null(user) and not json.is_object(user) then reply.invalid("user must be an object", "user") end
  if json.is_null(user) then reply.missing("user not specified", "user") end
  local rec
  if kind == "user" then
    rec = existing_user(ctx.st, user)
    if rec then
      local f = rec.fields
      if f.name == nil then f.name = v.name end
      for k, x in pairs(v.custom_attributes) do
        if f.custom_attributes[k] == nil then f.custom_attributes[k] = x end
      end
      f.updated_at = ctx.now
    elseif json.is_null(user.email) and json.is_null(user.user_id) then
      reply.missing("user needs an email or a user_id", "user")
    end
  end
  if not rec then
    rec = contacts.create(ctx.st, contact_body(v, kind, user), ctx.now)
    rec.fields.location = visitors.contact_location(v)
  end
  store.remove(ctx.st, "visitors", v.id)
  return reply.json(200, render.contact(ctx.st, rec))
end

return {
  { "GET /visitors", by_user_id },
  { "PUT /visitors", update },
  { "POST /visitors/convert", convert },
  { "GET /visitors/{id}", legacy.until_version(2, 6, show) },
  { "DELETE /visitors/{id}", legacy.until_version(2, 6, delete) },
  seed = visitors.seed,
}
