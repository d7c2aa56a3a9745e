-- client.sections (the Ruby gem's Service::Section): Help Center sections,
-- legacy. /help_center/sections exists up to API 2.10 (later versions nest
-- collections instead: client.collections with parent_id), so these methods
-- need a client made with api_version = "2.10" or older; on a newer version
-- the API answers 404 (ResourceNotFound).
local op = require "intercom.operation"

local delete = op.call { "DELETE /help_center/sections/{id}", target = "id", returns = "target" }

return {
  ops = {
    all = op.list { "GET /help_center/sections", paging = "pages" },
    find = op.call { "GET /help_center/sections/{id}", target = "id", returns = "object!" },
    create = op.call { "POST /help_center/sections", needs_args = true,
      args = { name = "string!", parent_id = "id!", translated_content = "table" } },
    update = op.call { "PUT /help_center/sections/{id}", target = "id", needs_args = true,
      args = { name = "string", parent_id = "id", translated_content = "table" } },
    save = op.save { update = "PUT /help_center/sections/{id}", create = "POST /help_center/sections" },
    delete = delete,
    archive = delete, -- the gem's alias
  },
}
