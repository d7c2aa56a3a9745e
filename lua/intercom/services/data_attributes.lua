-- client.data_attributes (the Ruby gem's Service::DataAttribute). API 2.15:
-- /data_attributes. Attributes are archived by setting archived and saving
-- (or with archive); the API has no delete and no GET by id.
local op = require "intercom.operation"
local check = require "intercom.check"

local save = op.save { update = "PUT /data_attributes/{data_attribute_id}", create = "POST /data_attributes" }

-- archive(attribute): archived = true, saved.
local function archive(svc, where, attribute)
  check.value(where, "attribute", attribute, "resource!")
  attribute.archived = true
  return op.invoke(save, where, svc, attribute)
end

return {
  ops = {
    all = op.list { "GET /data_attributes" },
    find_all = op.list { "GET /data_attributes",
      args = { model = "string", include_archived = "boolean" }, needs_args = true },
    create = op.call { "POST /data_attributes", needs_args = true,
      args = { name = "string!", model = "string!", data_type = "string!", options = "table",
        description = "string", messenger_writable = "boolean" } },
    save = save,
    archive = op.custom(archive, { "PUT /data_attributes/{data_attribute_id}" }),
  },
}
