-- /emails: the sender email addresses (email settings) of the workspace's brands.
local catalog = require "intercom.sandbox.routes.catalog"
local fixtures = require "intercom.sandbox.fixtures.content"
local render_workspace = require "intercom.sandbox.render.workspace"
local store = require "intercom.sandbox.model.store"

local routes = catalog.routes{ path = "/emails", kind = "email_settings", not_found = { "Email setting not found" },
  render = function(_, e) return render_workspace.email_setting(e) end }

function routes.seed(st)
  local E, DAY = fixtures.EPOCH, fixtures.DAY
  for _, e in ipairs(fixtures.EMAILS) do
    store.add(st, "email_settings", {
      id = e.id, email = e.email, brand_id = e.brand == "default" and st.workspace_id or e.brand,
      verified = e.verified, forwarding_enabled = e.forwarding,
      forwarded_email_last_received_at = e.last_received and E + e.last_received * DAY or nil,
      created_at = E + e.at * DAY, updated_at = E + (e.last_received or e.at) * DAY,
    })
  end
end

return routes
