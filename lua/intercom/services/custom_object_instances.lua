-- client.custom_object_instances: instances of the workspace's custom object
-- types (API 2.15: /custom_object_instances/{type}). An instance's `type` is
-- its custom object type ("Order"), so methods take it as `type`:
--   client.custom_object_instances:create{ type = "Order", external_id = "o-1", custom_attributes = {...} }
--   client.custom_object_instances:find{ type = "Order", external_id = "o-1" }   -- or id = ...
--   client.custom_object_instances:delete(instance)                              -- or { type, id | external_id }
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"

local is_resource = core.is_resource

local TYPE = { custom_object_type_identifier = "type" }

local create = op.call { "POST /custom_object_instances/{custom_object_type_identifier}", path_args = TYPE,
  needs_args = true, args = { type = "string!", external_id = "string!", custom_attributes = "table",
    external_created_at = "integer", external_updated_at = "integer" } }
local by_id = op.call { "GET /custom_object_instances/{custom_object_type_identifier}/{custom_object_instance_id}",
  path_args = { custom_object_type_identifier = "type", custom_object_instance_id = "id" },
  args = { type = "string!", id = "id!" }, returns = "object!" }
local by_external_id = op.call { "GET /custom_object_instances/{custom_object_type_identifier}",
  path_args = TYPE, args = { type = "string!", external_id = "string!" }, returns = "object!" }
local delete_by_id = op.call {
  "DELETE /custom_object_instances/{custom_object_type_identifier}/{custom_object_instance_id}",
  path_args = { custom_object_type_identifier = "type", custom_object_instance_id = "id" },
  args = { type = "string!", id = "id!" } }
local delete_by_external_id = op.call { "DELETE /custom_object_instances/{custom_object_type_identifier}",
  path_args = TYPE, args = { type = "string!", external_id = "string!" } }

-- { type, id } or { type, external_id }, from a table or an instance.
local function reference(where, x)
  if is_resource(x) then return { type = x.type, id = x.id } end
  check.value(where, "instance", x, "table!")
  if x.id == nil and x.external_id == nil then check.fail(where, "give an id or an external_id") end
  return x
end

local function either(by_intercom_id, by_external)
  return function(svc, where, x)
    local ref = reference(where, x)
    if ref.id ~= nil then return op.invoke(by_intercom_id, where, svc, ref) end
    return op.invoke(by_external, where, svc, ref)
  end
end

return {
  ops = {
    -- creates, or updates the instance with that external_id
    create = create,
    find = op.custom(either(by_id, by_external_id), {
      "GET /custom_object_instances/{custom_object_type_identifier}/{custom_object_instance_id}",
      "GET /custom_object_instances/{custom_object_type_identifier}" }),
    delete = op.custom(either(delete_by_id, delete_by_external_id), {
      "DELETE /custom_object_instances/{custom_object_type_identifier}/{custom_object_instance_id}",
      "DELETE /custom_object_instances/{custom_object_type_identifier}" }),
  },
}
