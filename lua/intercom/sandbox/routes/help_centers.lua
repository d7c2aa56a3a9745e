-- /help_center/help_centers: the workspace's help centers (seeded; the API
-- has no endpoint to change them).
local fixtures = require "intercom.sandbox.content_fixtures"
local json = require "intercom.sandbox.json"
local render_help_center = require "intercom.sandbox.render_help_center"
local reply = require "intercom.sandbox.reply"
local store = require "intercom.sandbox.store"

local function list(ctx)
  local data = json.array()
  for i, h in ipairs(store.list(ctx.st, "help_centers")) do data[i] = render_help_center.help_center(ctx.st, h) end
  return reply.json(200, { type = "list", data = data })
end

local function show(ctx)
  local h = store.get(ctx.st, "help_centers", ctx.params.id)
  if not h then reply.not_found() end
  return reply.json(200, render_help_center.help_center(ctx.st, h))
end

local routes = {
  { "GET /help_center/help_centers", list },
  { "GET /help_center/help_centers/{id}", show },
}

function routes.seed(st)
  for _, h in ipairs(fixtures.HELP_CENTERS) do
    local rec = {}
    for k, v in pairs(h) do rec[k] = v end
    store.add(st, "help_centers", rec)
  end
end

return routes
