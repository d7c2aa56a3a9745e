-- client.away_status_reasons: the reasons a teammate can give when going
-- away (client.admins:away), deleted ones included. API 2.15: /away_status_reasons.
local op = require "intercom.operation"

return {
  ops = {
    all = op.list { "GET /away_status_reasons" },
  },
}
