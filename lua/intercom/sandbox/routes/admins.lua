-- /admins and /me: the seeded teammates (fixtures.lua); the first one is "me"
-- and authors notes unless a note names another admin.
local json = require "intercom.sandbox.json"
local render = require "intercom.sandbox.render"
local reply = require "intercom.sandbox.reply"
local store = require "intercom.sandbox.store"

local function list(ctx)
  local admins = json.array()
  for i, a in ipairs(store.list(ctx.st, "admins")) do admins[i] = render.admin(a) end
  return reply.json(200, { type = "admin.list", admins = admins })
end

local function show(ctx)
  local a = store.get(ctx.st, "admins", ctx.params.id)
  if not a then reply.not_found("Admin not found", "admin_not_found") end
  return reply.json(200, render.admin(a))
end

local function me(ctx)
  return reply.json(200, render.me(ctx.st, store.get(ctx.st, "admins", ctx.st.me)))
end

return {
  { "GET /admins", list },
  { "GET /admins/{id}", show },
  { "GET /me", me },
}
