-- /emails: the sender email addresses (email settings) of the workspace's brands.
local fixtures = require "intercom.sandbox.content_fixtures"
local json = require "intercom.sandbox.json"
local render_workspace = require "intercom.sandbox.render_workspace"
local reply = require "intercom.sandbox.reply"
local store = require "intercom.sandbox.store"

local function list(ctx)
  local data = json.array()
  for i, e in ipairs(store.list(ctx.st, "email_settings")) do data[i] = render_workspace.email_setting(e) end
  return reply.json(200, { type = "list", data = data })
end

local function show(ctx)
  local e = store.get(ctx.st, "email_settings", ctx.params.id)
  if not e then reply.not_found("Email setting not found") end
  return reply.json(200, render_workspace.email_setting(e))
end

local routes = {
  { "GET /emails", list },
  { "GET /emails/{id}", show },
}

function routes.seed(st)
  local E, DAY = fixtures.EPOCH, fixtures.DAY
  for _, e in ipairs(fixtures.EMAILS) do
    store.add(st, "email_settings", {
      id = e.id, email = e.email, brand_id = e.brand == "default" and st.workspace_id or e.brand,
      verified = e.verified, forwarding_enabled = e.forwarding,
      forwarded_email_last_received_at = e.last_received and E + e.last_received * DAY or nil,
      created_at = E + e.at * DAY, updated_at = E + (e.last_received or e.at) * DAY,
    })
  end
end

return routes
