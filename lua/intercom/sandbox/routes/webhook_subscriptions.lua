-- /subscriptions: webhook subscriptions, as the v1 API managed them
-- (Intercom-Version 1.x only, 404 otherwise; the 2.x API leaves webhooks to
-- the Developer Hub). A subscription sends the topics it names to its url.
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local legacy = require "intercom.sandbox.server.legacy"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"


local TOPICS = {}
for _, t in ipairs(require("intercom.sandbox.webhooks.topics").ALL) do TOPICS[t] = true end

local function render(ctx, s)
  local self = ctx.base_url .. "/subscriptions/" .. s.id
  return {
    type = "notification_subscription", id = s.id, app_id = ctx.st.workspace_id, service_type = s.service_type,
    url = s.url, topics = json.array(json.copy(s.topics)), active = s.active, hub_secret = s.hub_secret or json.null,
    metadata = {}, mode = "point", created_at = s.created_at, updated_at = s.updated_at, self = self,
    links = { sent = self .. "/sent", retry = self .. "/retry", errors = self .. "/error" },
    notes = json.array(),
  }
end

local function find(ctx)
  local s = store.get(ctx.st, "webhook_subscriptions", ctx.params.id)
  if not s then reply.not_found("Subscription Not Found") end
  return s
end

local function url_of(body, required)
  local url = input.string(body, "url", required)
  if url and not url:match("^https?://[^%s/]+") then reply.invalid("url must be an http or https URL", "url") end
  return url
end

local function topics_of(body, required)
  local topics = body.topics
  if json.is_null(topics) then
    if required then reply.missing("topics not specified", "topics") end
    return nil
  end
  if not json.is_array(topics) or #topics == 0 then reply.invalid("topics must be a non-empty array", "topics") end
  for _, t in ipairs(topics) do
    if not TOPICS[t] then reply.invalid("'" .. tostring(t) .. "' is not a topic", "topics") end
  end
  return json.copy(topics)
end

local function list(ctx)
  local items = json.array()
  for i, s in ipairs(store.list(ctx.st, "webhook_subscriptions")) do items[i] = render(ctx, s) end
  return reply.json(200, { type = "notification_subscription.list", items = items })
end

local function create(ctx)
  local body = input.object(ctx.body)
  local service_type = input.string(body, "service_type") or "web"
  if service_type ~= "web" then reply.invalid("service_type must be 'web'", "service_type") end
  local s = store.add(ctx.st, "webhook_subscriptions", {
    id = "nsub_" .. store.next_number(ctx.st, "webhook_subscription", 6001), service_type = service_type,
    url = url_of(body, true), topics = topics_of(body, true), hub_secret = input.string(body, "hub_secret"),
    active = true, created_at = ctx.now, updated_at = ctx.now,
  })
  return reply.json(200, render(ctx, s))
end

local function show(ctx)
  return reply.json(200, render(ctx, find(ctx)))
end

local function update(ctx)
  local s = find(ctx)
  local body = input.object(ctx.body)
  s.url = url_of(body) or s.url
  s.topics = topics_of(body) or s.topics
  if type(body.active) == "boolean" then s.active = body.active end
  s.updated_at = ctx.now
  return reply.json(200, render(ctx, s))
end

local function delete(ctx)
  local s = find(ctx)
  store.remove(ctx.st, "webhook_subscriptions", s.id)
  return reply.json(200, render(ctx, s))
end

local gate = legacy.v1

return {
  { "GET /subscriptions", gate(list) },
  { "POST /subscriptions", gate(create) },
  { "GET /subscriptions/{id}", gate(show) },
  { "POST /subscriptions/{id}", gate(update) }, -- v1 updated with POST
  { "PUT /subscriptions/{id}", gate(update) },  -- the Ruby gem saves with PUT
  { "DELETE /subscriptions/{id}", gate(delete) },
}
