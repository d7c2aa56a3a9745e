-- client.ticket_states: the workspace's ticket states. API 2.15: /ticket_states.
local op = require "intercom.operation"

return {
  ops = {
    all = op.list { "GET /ticket_states" },
  },
}
