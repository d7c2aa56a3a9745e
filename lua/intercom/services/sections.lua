-- client.sections (the Ruby gem's Service::Section): Help Center sections,
-- legacy. /help_center/sections exists up to API 2.10 (later versions nest
-- collections instead: client.collections with parent_id), so these methods
-- need a client made with api_version = "2.10" or older; on a newer version
-- the API answers 404 (ResourceNotFound).
--
-- create takes a section without parent_id, as the gem's README writes one;
-- API 2.6 requires it and answers 400 (BadRequestError, "Parent ID can't be
-- nil"), so the API, not the client, has the last word. parent_id is an
-- integer there: a string of digits is sent as one.
local op = require "intercom.operation"

local delete = op.call { "DELETE /help_center/sections/{id}", target = "id", returns = "target" }

return {
  ops = {
    all = op.list { "GET /help_center/sections", paging = "pages" },
    find = op.call { "GET /help_center/sections/{id}", target = "id", returns = "object!" },
    create = op.call { "POST /help_center/sections", needs_args = true,
      args = { name = "string!", parent_id = "id", translated_content = "table" }, integers = { "parent_id" } },
    update = op.call { "PUT /help_center/sections/{id}", target = "id", needs_args = true,
      args = { name = "string", parent_id = "id", translated_content = "table" }, integers = { "parent_id" } },
    save = op.save { update = "PUT /help_center/sections/{id}", create = "POST /help_center/sections",
      integers = { "parent_id" } },
    delete = delete,
    archive = delete, -- the gem's alias
  },
}
