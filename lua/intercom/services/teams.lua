-- client.teams (the Ruby gem's Service::Team). API 2.15: /teams.
local op = require "intercom.operation"

return {
  ops = {
    all = op.list { "GET /teams" },
    find = op.call { "GET /teams/{team_id}", target = "team_id", returns = "object!" },
    metrics = op.call { "GET /teams/{team_id}/metrics", target = "team_id", -- API 2.16
      args = { idle_threshold = "integer" } },
  },
}
