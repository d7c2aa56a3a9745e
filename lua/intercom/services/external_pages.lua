-- client.external_pages: pages of external content that Fin and Copilot can
-- answer from (not in the Ruby gem; named in its style). API 2.15:
-- /ai/external_pages. create is an upsert: a page with the same source_id and
-- external_id is updated instead.
local op = require "intercom.operation"

local FIELDS = { title = "string", html = "string", url = "string", locale = "string", source_id = "integer",
  external_id = "string", ai_agent_availability = "boolean", ai_copilot_availability = "boolean",
  fin_availability = "boolean" }

local function fields(required, extra)
  local t = {}
  for k, v in pairs(FIELDS) do t[k] = v end
  for _, k in ipairs(required) do t[k] = t[k] .. "!" end
  for k, v in pairs(extra or {}) do t[k] = v end
  return t
end

return {
  ops = {
    all = op.list { "GET /ai/external_pages", paging = "pages" },
    find = op.call { "GET /ai/external_pages/{page_id}", target = "page_id", returns = "object!" },
    load = op.call { "GET /ai/external_pages/{page_id}", target = "page_id", returns = "refresh" },
    create = op.call { "POST /ai/external_pages", needs_args = true, returns = "object!",
      args = fields({ "title", "html", "source_id", "external_id" }), fixed = { locale = "en" } },
    -- update{ id = ..., title, html, url, source_id }: the API wants them all on
    -- every update; save(page) sends them along.
    update = op.call { "PUT /ai/external_pages/{page_id}", target = "page_id", needs_args = true,
      returns = "object!", args = fields({ "title", "html", "url", "source_id" }, { id = "id!" }),
      fixed = { locale = "en" } },
    save = op.save { update = "PUT /ai/external_pages/{id}", create = "POST /ai/external_pages",
      identity = { "title", "html", "url", "locale", "source_id" } },
    delete = op.call { "DELETE /ai/external_pages/{page_id}", target = "page_id", returns = "target" },
  },
}
