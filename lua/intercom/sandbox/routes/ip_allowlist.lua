-- /ip_allowlist: which addresses may use the workspace. PUT replaces the
-- settings (the whole list), refusing invalid entries, and, like the API's
-- lockout protection, an enabled list that leaves out the caller (this
-- machine, 127.0.0.1). Each change is recorded in the activity log.
local activity_logs = require "intercom.sandbox.model.activity_logs"
local content_input = require "intercom.sandbox.model.content_input"
local fixtures = require "intercom.sandbox.fixtures.content"
local input = require "intercom.sandbox.server.input"
local ip_ranges = require "intercom.sandbox.model.ip_ranges"
local json = require "intercom.sandbox.server.json"
local render_workspace = require "intercom.sandbox.render.workspace"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local function show(ctx)
  return reply.json(200, render_workspace.ip_allowlist(ctx.st.ip_allowlist))
end

local function update(ctx)
  local st = ctx.st
  local body = input.object(ctx.body)
  content_input.only(body, { type = true, enabled = true, ip_allowlist = true })
  local current = st.ip_allowlist
  local enabled = content_input.boolean(body, "enabled")
  if enabled == nil then enabled = current.enabled end
  local list = content_input.strings(body, "ip_allowlist") or current.ip_allowlist
  for _, entry in ipairs(list) do
    if not ip_ranges.parse(entry) then
      reply.fail(422, "parameter_invalid", entry .. " is not a valid IP address or CIDR range", "ip_allowlist")
    end
  end
  if enabled and not ip_ranges.allows(list, activity_logs.CALLER_IP) then
    reply.fail(422, "parameter_invalid", ("Your IP (%s) is not on the allowlist. Saving would lock you out of "
      .. "this workspace."):format(activity_logs.CALLER_IP), "ip_allowlist")
  end
  local before = render_workspace.ip_allowlist(current)
  st.ip_allowlist = { enabled = enabled, ip_allowlist = list }
  local after = render_workspace.ip_allowlist(st.ip_allowlist)
  before.type, after.type = nil, nil
  local by = store.get(st, "admins", st.me)
  activity_logs.add(st, {
    at = ctx.now, by = st.me, activity_type = "security_settings_change",
    activity_description = by.name .. " changed the IP allowlist.",
    metadata = { setting_type = "ip_allowlist", before = before, after = after },
  })
  return reply.json(200, render_workspace.ip_allowlist(st.ip_allowlist))
end

local routes = {
  { "GET /ip_allowlist", show },
  { "PUT /ip_allowlist", update },
}

function routes.seed(st)
  local seeded = fixtures.IP_ALLOWLIST
  st.ip_allowlist = { enabled = seeded.enabled, ip_allowlist = json.copy(seeded.ip_allowlist) }
end

return routes
