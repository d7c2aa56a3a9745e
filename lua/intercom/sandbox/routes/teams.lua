-- /teams: the seeded teams (content_fixtures.lua). Members come from the
-- admins' team_ids, so a team lists exactly the admins that name it.
local fixtures = require "intercom.sandbox.content_fixtures"
local json = require "intercom.sandbox.json"
local render_admins = require "intercom.sandbox.render_admins"
local reply = require "intercom.sandbox.reply"
local store = require "intercom.sandbox.store"

local function list(ctx)
  local teams = json.array()
  for i, t in ipairs(store.list(ctx.st, "teams")) do teams[i] = render_admins.team(ctx.st, t) end
  return reply.json(200, { type = "team.list", teams = teams })
end

local function show(ctx)
  local t = store.get(ctx.st, "teams", ctx.params.id)
  if not t then reply.not_found("Team not found", "team_not_found") end
  return reply.json(200, render_admins.team(ctx.st, t))
end

local routes = {
  { "GET /teams", list },
  { "GET /teams/{id}", show },
}

function routes.seed(st)
  for _, t in ipairs(fixtures.TEAMS) do
    store.add(st, "teams", { id = t.id, name = t.name, distribution_method = t.distribution_method,
      assignment_limit = t.assignment_limit, created_at = t.created_at })
  end
end

return routes
