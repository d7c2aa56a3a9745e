-- Fin Voice: calls from a telephony provider registered with Intercom, then
-- collected by id, external call id, phone number (the most recent call) or
-- conversation (every call). Registering the same call id twice is a 409.
local fixtures = require "intercom.sandbox.fixtures.data"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local KIND = "fin_voice_calls"
local SOURCES = { aws_connect = true, five9 = true, zoom_phone = true }

local function render(c)
  local transcript = json.array()
  for i, line in ipairs(c.transcript or {}) do
    transcript[i] = { speaker = line[1], text = line[2] }
  end
  return {
    id = math.tointeger(tonumber(c.id)), app_id = fixtures.APP_NUMBER, external_call_id = c.external_call_id,
    user_phone_number = c.user_phone_number, status = c.status,
    intercom_call_id = c.intercom_call_id or json.null,
    intercom_conversation_id = c.intercom_conversation_id or json.null,
    call_summary = c.call_summary or "", call_transcript = transcript,
    intent = json.array(json.copy(c.intent or {})),
  }
end

local function newest(keep, st)
  local found
  for _, c in ipairs(store.list(st, KIND, keep)) do found = c end
  return found
end

local function register(ctx)
  local body = ctx.body
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  if type(body.phone_number) ~= "string" or body.phone_number == "" then
    reply.missing("phone_number is required", "phone_number")
  end
  local call_id = body.call_id
  if math.type(call_id) == "integer" then call_id = string.format("%d", call_id) end
  if type(call_id) ~= "string" or call_id == "" then reply.missing("call_id is required", "call_id") end
  local source = json.is_null(body.source) and "aws_connect" or body.source
  if not SOURCES[source] then reply.invalid("source must be aws_connect, five9 or zoom_phone", "source") end
  if not json.is_null(body.data) and not json.is_object(body.data) then
    reply.invalid("data must be an object", "data")
  end
  if newest(function(c) return c.external_call_id == call_id end, ctx.st) then
    reply.fail(409, "conflict", "A Fin Voice call is already registered with call_id " .. call_id)
  end
  ctx.st.counters.intercom_call = (ctx.st.counters.intercom_call or 88131) + 1
  local c = store.add(ctx.st, KIND, {
    id = store.next_number(ctx.st, "fin_voice_call", 1001), external_call_id = call_id,
    user_phone_number = body.phone_number, source = source, status = "registered",
    intercom_call_id = tostring(ctx.st.counters.intercom_call), data = json.copy(body.data),
  })
  return reply.json(200, render(c))
end

local function not_matched() reply.not_found("No Fin Voice call found or matched") end

local function by_id(ctx)
  local c = store.get(ctx.st, KIND, ctx.params.id)
  if not c then not_matched() end
  return reply.json(200, render(c))
end

local function by_external_id(ctx)
  local c = newest(function(x) return x.external_call_id == ctx.params.external_id end, ctx.st)
  if not c then not_matched() end
  return reply.json(200, render(c))
end

local function by_phone_number(ctx)
  local c = newest(function(x) return x.user_phone_number == ctx.params.phone_number end, ctx.st)
  if not c then not_matched() end
  return reply.json(200, render(c))
end

local function by_conversation(ctx)
  local out = json.array()
  for _, c in ipairs(store.list(ctx.st, KIND, function(x)
    return x.intercom_conversation_id == ctx.params.conversation_id
  end)) do out[#out + 1] = render(c) end
  return reply.json(200, out)
end

local function seed(st)
  for _, c in ipairs(fixtures.CALLS) do
    local rec = json.copy(c)
    rec.id = store.next_number(st, "fin_voice_call", 1001)
    store.add(st, KIND, rec)
  end
end

return {
  seed = seed,
  { "POST /fin_voice/register", register },
  { "GET /fin_voice/collect/{id}", by_id },
  { "GET /fin_voice/external_id/{external_id}", by_external_id },
  { "GET /fin_voice/phone_number/{phone_number}", by_phone_number },
  { "GET /fin_voice/conversation/{conversation_id}", by_conversation },
}
