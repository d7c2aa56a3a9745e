-- /help_center/help_centers: the workspace's help centers (seeded; the API
-- has no endpoint to change them).
local catalog = require "intercom.sandbox.routes.catalog"
local fixtures = require "intercom.sandbox.fixtures.content"
local render_help_center = require "intercom.sandbox.render.help_center"
local store = require "intercom.sandbox.model.store"

local routes = catalog.routes{ path = "/help_center/help_centers", kind = "help_centers",
  render = render_help_center.help_center }

function routes.seed(st)
  for _, h in ipairs(fixtures.HELP_CENTERS) do
    local rec = {}
    for k, v in pairs(h) do rec[k] = v end
    store.add(st, "help_centers", rec)
  end
end

return routes
