-- /custom_object_instances/{type}: instances of custom object types (an
-- Order, a Device, ...), created or updated by external_id, found and
-- deleted by external_id or by Intercom id. Any type identifier is accepted:
-- the API defines types in the workspace settings, which the sandbox has not.
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"
local fixtures = require "intercom.sandbox.fixtures.workspace"

local null = json.null

local SEEDED = {
  { "Order", "ord-5001", { order_number = "ORD-5001", total_amount = 249.5, status = "shipped" } },
  { "Order", "ord-5002", { order_number = "ORD-5002", total_amount = 18, status = "processing" } },
}

local function seed(st)
  for i, s in ipairs(SEEDED) do
    local at = fixtures.EPOCH + (80 + i) * fixtures.DAY
    store.add(st, "custom_object_instances", {
      id = store.next_number(st, "custom_object_instance", 31), object_type = s[1], external_id = s[2],
      custom_attributes = json.copy(s[3]), external_created_at = at - 3600, external_updated_at = at - 3600,
      created_at = at, updated_at = at,
    })
  end
end

local function render(o)
  local function orn(v) if v == nil then return null end return v end
  return {
    type = o.object_type, id = o.id, external_id = o.external_id,
    external_created_at = orn(o.external_created_at), external_updated_at = orn(o.external_updated_at),
    created_at = o.created_at, updated_at = o.updated_at, custom_attributes = json.copy(o.custom_attributes),
  }
end

local function by_external_id(st, object_type, external_id)
  for _, o in pairs(st.custom_object_instances or {}) do
    if o.object_type == object_type and o.external_id == external_id then return o end
  end
end

local NOT_FOUND = "Custom object instance not found"

local function external_id_param(ctx)
  local external_id = ctx.query.external_id
  if not external_id or external_id == "" then reply.missing("external_id not specified", "external_id") end
  return external_id
end

-- GET .../{type}/{id}: the id may also be the external_id, as the API says.
local function find(ctx, id)
  local o = store.get(ctx.st, "custom_object_instances", id)
  if o and o.object_type == ctx.params.type then return o end
  o = by_external_id(ctx.st, ctx.params.type, id)
  if not o then reply.not_found(NOT_FOUND) end
  return o
end

local function timestamp(body, name)
  local v = body[name]
  if json.is_null(v) then return nil end
  if math.type(v) ~= "integer" then reply.invalid(name .. " must be a UNIX timestamp in seconds", name) end
  return v
end

local KEYS = { external_id = true, custom_attributes = true, external_created_at = true, external_updated_at = true }

local function create_or_update(ctx)
  local body = input.object(ctx.body)
  for k in pairs(body) do
    if not KEYS[k] then
      reply.invalid("'" .. tostring(k) .. "' is not a custom object instance field", tostring(k))
    end
  end
  local external_id = input.string(body, "external_id", true)
  local attributes = body.custom_attributes
  if json.is_null(attributes) then attributes = {} end
  if not json.is_object(attributes) then reply.invalid("custom_attributes must be an object", "custom_attributes") end
  for k, v in pairs(attributes) do
    if type(v) == "table" and v ~= null then
      reply.invalid("custom attribute '" .. k .. "' must be a string, number, boolean or null",
        "custom_attributes." .. k)
    end
  end
  local created_ext, updated_ext = timestamp(body, "external_created_at"), timestamp(body, "external_updated_at")
  local o = by_external_id(ctx.st, ctx.params.type, external_id)
  if not o then
    o = store.add(ctx.st, "custom_object_instances", {
      id = store.next_number(ctx.st, "custom_object_instance", 31), object_type = ctx.params.type,
      external_id = external_id, custom_attributes = {}, created_at = ctx.now,
    })
  end
  for k, v in pairs(attributes) do
    if v == null then o.custom_attributes[k] = nil else o.custom_attributes[k] = v end
  end
  o.external_created_at = created_ext or o.external_created_at
  o.external_updated_at = updated_ext or o.external_updated_at
  o.updated_at = ctx.now
  return reply.json(200, render(o))
end

local function deleted(ctx, o)
  store.remove(ctx.st, "custom_object_instances", o.id)
  return reply.json(200, { object = o.object_type, id = o.id, deleted = true })
end

local function show_by_external_id(ctx)
  local o = by_external_id(ctx.st, ctx.params.type, external_id_param(ctx))
  if not o then reply.not_found(NOT_FOUND) end
  return reply.json(200, render(o))
end

local function delete_by_external_id(ctx)
  local o = by_external_id(ctx.st, ctx.params.type, external_id_param(ctx))
  if not o then reply.not_found(NOT_FOUND) end
  return deleted(ctx, o)
end

local function show(ctx)
  return reply.json(200, render(find(ctx, ctx.params.id)))
end

-- DELETE .../{type}/{id} takes the Intercom id only.
local function delete(ctx)
  local o = store.get(ctx.st, "custom_object_instances", ctx.params.id)
  if not o or o.object_type ~= ctx.params.type then reply.not_found(NOT_FOUND) end
  return deleted(ctx, o)
end

return {
  { "POST /custom_object_instances/{type}", create_or_update },
  { "GET /custom_object_instances/{type}", show_by_external_id },
  { "DELETE /custom_object_instances/{type}", delete_by_external_id },
  { "GET /custom_object_instances/{type}/{id}", show },
  { "DELETE /custom_object_instances/{type}/{id}", delete },
  seed = seed,
}
