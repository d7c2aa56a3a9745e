-- /brands: the workspace's brands. The default brand's id is the workspace id.
local fixtures = require "intercom.sandbox.content_fixtures"
local json = require "intercom.sandbox.json"
local render_workspace = require "intercom.sandbox.render_workspace"
local reply = require "intercom.sandbox.reply"
local store = require "intercom.sandbox.store"

local function list(ctx)
  local data = json.array()
  for i, b in ipairs(store.list(ctx.st, "brands")) do data[i] = render_workspace.brand(b) end
  return reply.json(200, { type = "list", data = data })
end

local function show(ctx)
  local b = store.get(ctx.st, "brands", ctx.params.id)
  if not b then reply.not_found("Brand not found") end
  return reply.json(200, render_workspace.brand(b))
end

local routes = {
  { "GET /brands", list },
  { "GET /brands/{id}", show },
}

function routes.seed(st)
  local E, DAY = fixtures.EPOCH, fixtures.DAY
  for _, b in ipairs(fixtures.BRANDS) do
    store.add(st, "brands", {
      id = b.default and st.workspace_id or b.id, name = b.name, is_default = b.default,
      help_center_id = b.help_center_id, default_address_settings_id = b.address,
      created_at = E + b.at * DAY, updated_at = E + b.updated * DAY,
    })
  end
end

return routes
