-- The Fin Agent API: /fin/start opens a Fin conversation for a conversation
-- of another system, /fin/reply passes on the user's next message, and
-- /fin/csat records the rating Fin asked for. Fin's own answers would come
-- over webhooks or server-sent events; the sandbox answers with the status
-- and subscription URL the API gives, and remembers each conversation.
local core = require "intercom.core"
local ids = require "intercom.sandbox.model.ids"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local KIND = "fin_conversations"
local AUTHORS = { user = true, agent = true, fin = true }
local RATINGS = { terrible = true, bad = true, ok = true, good = true, amazing = true }
local STANDARD_USER_ATTRIBUTES = { name = true, email = true, phone = true, external_id = true }

local function bad(message, field) reply.fail(400, "parameter_invalid", message, field) end

local function id_string(v)
  if math.type(v) == "integer" then return string.format("%d", v) end
  if type(v) == "string" and v ~= "" then return v end
end

local function check_message(m, field)
  if not json.is_object(m) then bad(field .. " is required", field) end
  if not AUTHORS[m.author] then bad(field .. ".author must be user, agent or fin", field) end
  if type(m.body) ~= "string" or m.body == "" then bad(field .. ".body is required", field) end
  if type(m.timestamp) ~= "string" or not m.timestamp:match("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d") then
    bad(field .. ".timestamp must be an ISO 8601 date-time", field)
  end
end

-- The body both /fin/start and /fin/reply take; returns conversation id and user id.
local function check_common(body)
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  local conversation_id = id_string(body.conversation_id)
  if not conversation_id then bad("conversation_id is required", "conversation_id") end
  check_message(body.message, "message")
  if not json.is_object(body.user) or not id_string(body.user.id) then bad("user.id is required", "user") end
  if not json.is_null(body.attachments) then
    if not json.is_array(body.attachments) or #body.attachments > 10 then
      bad("attachments must be an array of at most 10", "attachments")
    end
    for _, a in ipairs(body.attachments) do
      if not json.is_object(a) or (a.type ~= "url" and a.type ~= "file") then
        bad("each attachment needs a type of url or file", "attachments")
      end
      if a.type == "url" and type(a.url) ~= "string" then bad("a url attachment needs a url", "attachments") end
      if a.type == "file" and type(a.data) ~= "string" then bad("a file attachment needs data", "attachments") end
    end
  end
  return conversation_id, id_string(body.user.id)
end

-- User attributes must exist as contact attributes of the workspace: known
-- standard ones, or custom attributes some contact has.
local function attribute_errors(st, attributes)
  if not json.is_object(attributes) then return nil end
  local known = {}
  for _, rec in pairs(st.contacts) do
    for k in pairs(rec.fields.custom_attributes or {}) do known[k] = true end
  end
  local errors
  for k in pairs(attributes) do
    if not STANDARD_USER_ATTRIBUTES[k] and not known[k] then
      errors = errors or {}
      errors[k] = ("User attribute '%s' does not exist"):format(k)
    end
  end
  return errors
end

local function answer(ctx, conv, errors)
  local ms = math.floor((core.now() % 1) * 1000)
  local o = {
    conversation_id = conv.id, user_id = conv.user_id, status = conv.status,
    created_at_ms = os.date("!%Y-%m-%dT%H:%M:%S", ctx.now) .. string.format(".%03dZ", ms),
    sse_subscription_url = ("https://realtime.sandbox.example.com/event-stream?channels=fin_agent_api:%s:%s"
      .. "&accessToken=%s"):format(ctx.st.workspace_id, conv.id, conv.token),
  }
  if errors then o.errors = { user = { attributes = errors } } end
  return reply.json(200, o)
end

local function start(ctx)
  local conversation_id, user_id = check_common(ctx.body)
  local meta = ctx.body.conversation_metadata
  if not json.is_null(meta) then
    if not json.is_object(meta) then bad("conversation_metadata must be an object", "conversation_metadata") end
    if not json.is_null(meta.history) then
      if not json.is_array(meta.history) or #meta.history > 10 then
        bad("conversation_metadata.history must be an array of at most 10 messages", "conversation_metadata")
      end
      for _, m in ipairs(meta.history) do check_message(m, "conversation_metadata.history") end
    end
  end
  local conv = store.get(ctx.st, KIND, conversation_id)
  if not conv then
    conv = store.add(ctx.st, KIND, { id = conversation_id, token = ids.b64encode(ids.request_id()):sub(1, 32) })
  end
  conv.user_id, conv.status, conv.messages = user_id, "thinking", 1
  return answer(ctx, conv, attribute_errors(ctx.st, ctx.body.user.attributes))
end

local function reply_to_fin(ctx)
  local conversation_id, user_id = check_common(ctx.body)
  local conv = store.get(ctx.st, KIND, conversation_id)
  if not conv then
    bad("no Fin conversation has conversation_id " .. conversation_id .. "; start one with /fin/start",
      "conversation_id")
  end
  conv.user_id, conv.status, conv.messages = user_id, "thinking", conv.messages + 1
  return answer(ctx, conv, attribute_errors(ctx.st, ctx.body.user.attributes))
end

-- Fin asks for a rating once it has answered; the sandbox takes every
-- started conversation to have been asked. Failures answer 422 with an
-- errors object, as the API does.
local function csat(ctx)
  local body = ctx.body
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  local conv = store.get(ctx.st, KIND, id_string(body.conversation_id))
  if not conv then
    return reply.json(422, { errors = {
      external_conversation_id = "Conversation not found for the given external_conversation_id" } })
  end
  if not RATINGS[body.rating] then return reply.json(422, { errors = { rating = "Rating isn't an option" } }) end
  if not json.is_null(body.remark) and type(body.remark) ~= "string" then
    return reply.json(422, { errors = { remark = "Remark must be text" } })
  end
  if conv.remark and body.rating ~= conv.rating then
    return reply.json(422, { errors = {
      base = "This rating can no longer be changed because a remark has already been submitted" } })
  end
  conv.rating = body.rating
  if not conv.remark and type(body.remark) == "string" and body.remark ~= "" then conv.remark = body.remark end
  return reply.json(200, { conversation_id = conv.id, rating = conv.rating, status = "rated" })
end

return {
  { "POST /fin/start", start },
  { "POST /fin/reply", reply_to_fin },
  { "POST /fin/csat", csat },
}
