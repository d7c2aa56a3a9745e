-- client.fin: the Fin Agent API, Fin answering in a conversation that lives
-- in another system (not in the Ruby gem; named in its style). API 2.15:
-- /fin/start, /fin/reply, /fin/csat. Fin's answers arrive over webhooks or
-- the sse_subscription_url of the answer.
--
--   client.fin:start{ conversation_id = "chat-1", user = { id = "u-1001" }, message = "Where is my order?" }
local op = require "intercom.operation"
local check = require "intercom.check"

local type, pairs, os_date = type, pairs, os.date

-- A message given as a string is the user's, sent now; a user given as a
-- string or number is its id.
local function shape(where, args)
  check.value(where, "arguments", args, "table!")
  local body = {}
  for k, v in pairs(args) do body[k] = v end
  if type(body.message) == "string" then
    body.message = { author = "user", body = body.message, timestamp = os_date("!%Y-%m-%dT%H:%M:%SZ") }
  end
  if check.is_id(body.user) then body.user = { id = body.user } end
  return body
end

local MESSAGE_ARGS = { conversation_id = "id!", message = "table!", user = "table!", attachments = "table" }

local start = op.call { "POST /fin/start", returns = "object!", args = {
  conversation_id = "id!", message = "table!", user = "table!", attachments = "table",
  conversation_metadata = "table" } }
local reply = op.call { "POST /fin/reply", returns = "object!", args = MESSAGE_ARGS }

local RATINGS = { "terrible", "bad", "ok", "good", "amazing" }

local csat = op.call { "POST /fin/csat", returns = "object!" }

local function submit_csat(svc, where, args)
  check.value(where, "arguments", args, "table!")
  check.args(where, args, { conversation_id = "id!", rating = "string!", remark = "string" })
  check.one_of(where, "rating", args.rating, RATINGS)
  return op.invoke(csat, where, svc, args)
end

return {
  ops = {
    start = op.custom(function(svc, where, args) return op.invoke(start, where, svc, shape(where, args)) end,
      { "POST /fin/start" }),
    reply = op.custom(function(svc, where, args) return op.invoke(reply, where, svc, shape(where, args)) end,
      { "POST /fin/reply" }),
    submit_csat = op.custom(submit_csat, { "POST /fin/csat" }),
  },
}
