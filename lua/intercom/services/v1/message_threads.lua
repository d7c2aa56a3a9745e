-- client.message_threads on a v1 client: a user's conversations
-- (/v1/users/message_threads): all of a user's, one by thread_id, a new one,
-- a reply or marking one read.
local core = require "intercom.core"
local op = require "intercom.operation"
local common = require "intercom.services.v1.common"

local ipairs, type = ipairs, type

local list = common.by_user { "GET /users/message_threads", args = common.USER, returns = "raw" }

-- all{ email = } or all{ user_id = }: the user's threads, as an array of objects.
local function all(svc, where, args)
  local data = op.invoke(list, where, svc, args)
  local out = {}
  for i, t in ipairs(type(data) == "table" and data or {}) do out[i] = core.resource(t, op.client(svc)) end
  return out
end

return {
  ops = {
    all = op.custom(all, { "GET /users/message_threads" }),
    find = common.by_user { "GET /users/message_threads", returns = "object!",
      args = { email = "string", user_id = "string", thread_id = "id!" } },
    create = common.by_user { "POST /users/message_threads", returns = "object!",
      args = { email = "string", user_id = "string", body = "string!", url = "string" } },
    reply = common.by_user { "PUT /users/message_threads", returns = "object!",
      args = { email = "string", user_id = "string", thread_id = "id!", body = "string", read = "boolean" } },
  },
}
