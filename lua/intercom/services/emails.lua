-- client.emails: the sender email addresses (email settings) of the
-- workspace. API 2.15: /emails.
local op = require "intercom.operation"

return {
  ops = {
    all = op.list { "GET /emails" },
    find = op.call { "GET /emails/{id}", target = "id", returns = "object!" },
  },
}
