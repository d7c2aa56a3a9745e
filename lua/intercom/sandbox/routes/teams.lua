-- /teams: the seeded teams (fixtures/content.lua). Members come from the
-- admins' team_ids, so a team lists exactly the admins that name it.
local catalog = require "intercom.sandbox.routes.catalog"
local fixtures = require "intercom.sandbox.fixtures.content"
local render_admins = require "intercom.sandbox.render.admins"
local store = require "intercom.sandbox.model.store"

local routes = catalog.routes{ path = "/teams", kind = "teams", render = render_admins.team,
  list = { type = "team.list", key = "teams" }, not_found = { "Team not found", "team_not_found" } }

function routes.seed(st)
  for _, t in ipairs(fixtures.TEAMS) do
    store.add(st, "teams", { id = t.id, name = t.name, distribution_method = t.distribution_method,
      assignment_limit = t.assignment_limit, created_at = t.created_at })
  end
end

return routes
