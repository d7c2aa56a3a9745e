-- /away_status_reasons: the reasons a teammate can give when going away
-- (PUT /admins/{id}/away), deleted ones included, as the API lists them.
local fixtures = require "intercom.sandbox.content_fixtures"
local json = require "intercom.sandbox.json"
local render_admins = require "intercom.sandbox.render_admins"
local reply = require "intercom.sandbox.reply"
local store = require "intercom.sandbox.store"

local function list(ctx)
  local data = json.array()
  for i, r in ipairs(store.list(ctx.st, "away_status_reasons")) do data[i] = render_admins.away_status_reason(r) end
  return reply.json(200, { type = "list", data = data })
end

local routes = {
  { "GET /away_status_reasons", list },
}

function routes.seed(st)
  for i, r in ipairs(fixtures.AWAY_STATUS_REASONS) do
    local at = fixtures.EPOCH + (2 + i) * fixtures.DAY
    store.add(st, "away_status_reasons", { id = r.id, emoji = r.emoji, label = r.label, order = r.order,
      deleted = r.deleted, created_at = at, updated_at = r.deleted and at + 60 * fixtures.DAY or at })
  end
end

return routes
