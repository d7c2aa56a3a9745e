-- client.impressions on a v1 client: a user was seen (POST
-- /v1/users/impressions); the answer says how many messages are unread.
local common = require "intercom.services.v1.common"

return {
  ops = {
    create = common.by_user { "POST /users/impressions", returns = "object!",
      args = { email = "string", user_id = "string", user_ip = "string", user_agent = "string",
        current_url = "string" } },
  },
}
