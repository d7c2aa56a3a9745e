-- client.notes on a v1 client: a note on a user (POST /v1/users/notes).
local common = require "intercom.services.v1.common"

return {
  ops = {
    create = common.by_user { "POST /users/notes", returns = "object!",
      args = { email = "string", user_id = "string", body = "string!" } },
  },
}
