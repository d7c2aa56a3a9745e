-- /teams: the seeded teams (content_fixtures.lua). Members come from the
-- admins' team_ids, so a team lists exactly the admins that name it.
local catalog = require "intercom.sandbox.catalog"
local fixtures = require "intercom.sandbox.content_fixtures"
local render_admins = require "intercom.sandbox.render_admins"
local store = require "intercom.sandbox.store"

local routes = catalog.routes{ path = "/teams", kind = "teams", render = render_admins.team,
  list = { type = "team.list", key = "teams" }, not_found = { "Team not found", "team_not_found" } }

function routes.seed(st)
  for _, t in ipairs(fixtures.TEAMS) do
    store.add(st, "teams", { id = t.id, name = t.name, distribution_method = t.distribution_method,
      assignment_limit = t.assignment_limit, created_at = t.created_at })
  end
end

return routes
