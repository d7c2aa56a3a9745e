-- /subscription_types: the seeded subscription types. Finding one by id and
-- deleting one (which archives it) are the Ruby gem's calls; no documented
-- API version lists them, so they answer whatever the Intercom-Version.
local json = require "intercom.sandbox.server.json"
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local function list(ctx)
  local data = json.array()
  for i, s in ipairs(store.list(ctx.st, "subscription_types")) do data[i] = render.subscription_type(s) end
  return reply.json(200, { type = "list", data = data })
end

local function find(ctx)
  local s = store.get(ctx.st, "subscription_types", ctx.params.id)
  if not s then reply.not_found() end
  return s
end

local function show(ctx)
  return reply.json(200, render.subscription_type(find(ctx)))
end

local function delete(ctx)
  local s = find(ctx)
  s.state = "archived"
  return reply.json(200, render.subscription_type(s))
end

return {
  { "GET /subscription_types", list },
  { "GET /subscription_types/{id}", show },
  { "DELETE /subscription_types/{id}", delete },
}
