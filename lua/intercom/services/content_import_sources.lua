-- client.content_import_sources: where external AI content comes from (not
-- in the Ruby gem; named in its style). API 2.15: /ai/content_import_sources.
-- Deleting a source also deletes its external pages.
local op = require "intercom.operation"

local FIELDS = { url = "string", sync_behavior = "string", status = "string", audience_ids = "any",
  apply_audience_to_existing_content = "boolean" }

local function fields(required)
  local t = {}
  for k, v in pairs(FIELDS) do t[k] = v end
  for _, k in ipairs(required) do t[k] = t[k] .. "!" end
  return t
end

local update_args = fields({ "url", "sync_behavior" })
update_args.id = "id!"

return {
  ops = {
    all = op.list { "GET /ai/content_import_sources", paging = "pages" },
    find = op.call { "GET /ai/content_import_sources/{source_id}", target = "source_id", returns = "object!" },
    load = op.call { "GET /ai/content_import_sources/{source_id}", target = "source_id", returns = "refresh" },
    create = op.call { "POST /ai/content_import_sources", needs_args = true, returns = "object!",
      args = fields({ "url" }), fixed = { sync_behavior = "api" } },
    -- update{ id = ..., url = ..., sync_behavior = ... }: the API wants url and
    -- sync_behavior on every update; save(source) sends them along.
    update = op.call { "PUT /ai/content_import_sources/{source_id}", target = "source_id", needs_args = true,
      returns = "object!", args = update_args },
    save = op.save { update = "PUT /ai/content_import_sources/{id}", create = "POST /ai/content_import_sources",
      identity = { "url", "sync_behavior" } },
    delete = op.call { "DELETE /ai/content_import_sources/{source_id}", target = "source_id",
      returns = "target" },
  },
}
