-- client.collections (the Ruby gem's Service::Collection): Help Center
-- collections. API 2.15: /help_center/collections; a collection inside another
-- (parent_id) is what API 2.10 and older called a section.
local op = require "intercom.operation"

local FIELDS = { name = "string", description = "string", parent_id = "id", translated_content = "table" }
local CREATE = { name = "string!", description = "string", parent_id = "id", help_center_id = "id",
  translated_content = "table" }

local delete = op.call { "DELETE /help_center/collections/{collection_id}", target = "collection_id",
  returns = "target" }

return {
  ops = {
    all = op.list { "GET /help_center/collections", paging = "pages", per_page = 150 },
    find = op.call { "GET /help_center/collections/{collection_id}", target = "collection_id", returns = "object!" },
    create = op.call { "POST /help_center/collections", needs_args = true, args = CREATE,
      integers = { "help_center_id" } }, -- an integer in API 2.15 (parent_id is a string)
    update = op.call { "PUT /help_center/collections/{collection_id}", target = "collection_id", needs_args = true,
      args = FIELDS },
    save = op.save { update = "PUT /help_center/collections/{id}", create = "POST /help_center/collections" },
    delete = delete,
    archive = delete, -- the gem's alias
  },
}
