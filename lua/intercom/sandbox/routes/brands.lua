-- /brands: the workspace's brands. The default brand's id is the workspace id.
local catalog = require "intercom.sandbox.routes.catalog"
local fixtures = require "intercom.sandbox.fixtures.content"
local render_workspace = require "intercom.sandbox.render.workspace"
local store = require "intercom.sandbox.model.store"

local routes = catalog.routes{ path = "/brands", kind = "brands", not_found = { "Brand not found" },
  render = function(_, b) return render_workspace.brand(b) end }

function routes.seed(st)
  local E, DAY = fixtures.EPOCH, fixtures.DAY
  for _, b in ipairs(fixtures.BRANDS) do
    store.add(st, "brands", {
      id = b.default and st.workspace_id or b.id, name = b.name, is_default = b.default,
      help_center_id = b.help_center_id, default_address_settings_id = b.address,
      created_at = E + b.at * DAY, updated_at = E + b.updated * DAY,
    })
  end
end

return routes
