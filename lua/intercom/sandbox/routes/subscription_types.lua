-- /subscription_types: the seeded subscription types.
local json = require "intercom.sandbox.json"
local render = require "intercom.sandbox.render"
local reply = require "intercom.sandbox.reply"
local store = require "intercom.sandbox.store"

local function list(ctx)
  local data = json.array()
  for i, s in ipairs(store.list(ctx.st, "subscription_types")) do data[i] = render.subscription_type(s) end
  return reply.json(200, { type = "list", data = data })
end

return {
  { "GET /subscription_types", list },
}
