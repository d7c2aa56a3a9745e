-- /away_status_reasons: the reasons a teammate can give when going away
-- (PUT /admins/{id}/away), deleted ones included, as the API lists them.
local catalog = require "intercom.sandbox.routes.catalog"
local fixtures = require "intercom.sandbox.fixtures.content"
local render_admins = require "intercom.sandbox.render.admins"
local store = require "intercom.sandbox.model.store"

local routes = catalog.routes{ path = "/away_status_reasons", kind = "away_status_reasons", show = false,
  render = function(_, r) return render_admins.away_status_reason(r) end }

function routes.seed(st)
  for i, r in ipairs(fixtures.AWAY_STATUS_REASONS) do
    local at = fixtures.EPOCH + (2 + i) * fixtures.DAY
    store.add(st, "away_status_reasons", { id = r.id, emoji = r.emoji, label = r.label, order = r.order,
      deleted = r.deleted, created_at = at, updated_at = r.deleted and at + 60 * fixtures.DAY or at })
  end
end

return routes
