-- /contacts/{id}/subscriptions: opt a contact in or out of subscription types.
local contacts = require "intercom.sandbox.model.contacts"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local function find_type(st, id)
  local s = store.get(st, "subscription_types", id)
  if not s then reply.not_found("Resource Not Found") end
  return s
end

local function attach(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, "User Not Found")
  local body = input.object(ctx.body)
  local sub = find_type(ctx.st, input.id(body, "id", "subscription type not specified"))
  local consent = input.string(body, "consent_type", true)
  if consent ~= "opt_in" and consent ~= "opt_out" then
    reply.invalid("consent_type must be opt_in or opt_out", "consent_type")
  end
  if not rec.consent[sub.id] then rec.subscriptions[#rec.subscriptions + 1] = sub.id end
  rec.consent[sub.id] = consent
  return reply.json(200, render.subscription_type(sub, consent))
end

local function detach(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, "User Not Found")
  local sub = find_type(ctx.st, ctx.params.subscription_id)
  local consent = rec.consent[sub.id]
  for i, id in ipairs(rec.subscriptions) do
    if id == sub.id then
      table.remove(rec.subscriptions, i)
      break
    end
  end
  rec.consent[sub.id] = nil
  return reply.json(200, render.subscription_type(sub, consent))
end

local function list(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, "User Not Found")
  local data = json.array()
  for _, id in ipairs(rec.subscriptions) do
    local sub = store.get(ctx.st, "subscription_types", id)
    if sub then data[#data + 1] = render.subscription_type(sub, rec.consent[id]) end
  end
  return reply.json(200, { type = "list", data = data })
end

return {
  { "POST /contacts/{id}/subscriptions", attach },
  { "DELETE /contacts/{id}/subscriptions/{subscription_id}", detach },
  { "GET /contacts/{id}/subscriptions", list },
}
