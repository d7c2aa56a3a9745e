-- client.workflows: a workflow's whole configuration, as an export (not in
-- the Ruby gem; named in its style). API 2.15: GET /export/workflows/{id}.
local op = require "intercom.operation"

return {
  ops = {
    export = op.call { "GET /export/workflows/{id}", target = "id", returns = "object!" },
  },
}
