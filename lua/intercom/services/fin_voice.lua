-- client.fin_voice: Fin Voice calls from a telephony provider (AWS Connect,
-- Five9, Zoom Phone), linked to Intercom calls and conversations (not in the
-- Ruby gem; named in its style). API 2.15: /fin_voice.
--
--   client.fin_voice:register{ phone_number = "+14155550123", call_id = "ctr-81f2" }
--   client.fin_voice:find(1042)                      -- by the call's id
--   client.fin_voice:find{ external_id = "ctr-81f2" }
--   client.fin_voice:find{ phone_number = "+14155550123" } -- the most recent call
--   client.fin_voice:for_conversation("215467")      -- an array of calls
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"
local request = require "intercom.request"
local url = require "intercom.url"

local type, ipairs, tostring = type, ipairs, tostring

local by_id = op.call { "GET /fin_voice/collect/{id}", target = "id", returns = "object!" }
local by_external_id = op.call { "GET /fin_voice/external_id/{external_id}", returns = "object!",
  args = { external_id = "id!" } }
local by_phone_number = op.call { "GET /fin_voice/phone_number/{phone_number}", returns = "object!",
  args = { phone_number = "string!" } }

local function find(svc, where, x)
  if type(x) == "table" and not core.is_resource(x) and x.id == nil then
    if x.external_id ~= nil then return op.invoke(by_external_id, where, svc, x) end
    if x.phone_number ~= nil then return op.invoke(by_phone_number, where, svc, x) end
    check.fail(where, "give an id, an external_id or a phone_number")
  end
  return op.invoke(by_id, where, svc, x)
end

-- The API answers a bare JSON array here, so this returns an array of call
-- objects (every call linked to the conversation; none is an empty array).
local function for_conversation(svc, where, conversation_id)
  if core.is_resource(conversation_id) then conversation_id = conversation_id.id end
  check.value(where, "conversation_id", conversation_id, "id!")
  local client = op.client(svc)
  local path = "/fin_voice/conversation/" .. url.escape(tostring(conversation_id))
  local data = request.send(client, "GET", path, nil, nil, { where = where })
  local out = {}
  for i, call in ipairs(type(data) == "table" and data or {}) do out[i] = core.resource(call, client) end
  return out
end

return {
  ops = {
    register = op.call { "POST /fin_voice/register", needs_args = true, returns = "object!",
      args = { phone_number = "string!", call_id = "id!", source = "string", data = "table" } },
    find = op.custom(find, { "GET /fin_voice/collect/{id}", "GET /fin_voice/external_id/{external_id}",
      "GET /fin_voice/phone_number/{phone_number}" }),
    for_conversation = op.custom(for_conversation, { "GET /fin_voice/conversation/{conversation_id}" }),
  },
}
