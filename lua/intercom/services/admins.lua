-- client.admins (the Ruby gem's Service::Admin) and the methods of an admin
-- object. API 2.15: /admins, /me, /admins/{admin_id}/away, /admins/activity_logs.
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"

local type, pairs = type, pairs

local AWAY_ARGS = { away_mode_enabled = "boolean!", away_mode_reassign = "boolean!", away_status_reason_id = "id" }

local AWAY_INTEGERS = { "away_status_reason_id" } -- an integer in API 2.15

local set_away = op.call { "PUT /admins/{admin_id}/away", target = "admin_id", args = AWAY_ARGS, needs_args = true,
  integers = AWAY_INTEGERS }

-- away{ id = ..., away_mode_enabled = true, away_mode_reassign = false }, or
-- away(admin_or_id, { away_mode_enabled = ..., ... }) as the gem's keyword style reads.
local function away(svc, where, who, settings)
  if settings == nil then return op.invoke(set_away, where, svc, who) end
  check.value(where, "settings", settings, "table!")
  if core.is_resource(who) then
    if who.id == nil then op.raise("AttributeNotSetError", where, "this object has no id") end
    who = who.id
  elseif type(who) == "table" then
    who = who.id
  end
  check.value(where, "id", who, "id!")
  local args = { id = who }
  for k, v in pairs(settings) do
    if k ~= "id" then args[k] = v end
  end
  return op.invoke(set_away, where, svc, args)
end

return {
  ops = {
    all = op.list { "GET /admins", args = { display_avatar = "boolean" } },
    find = op.call { "GET /admins/{admin_id}", target = "admin_id", returns = "object!" },
    me = op.call { "GET /me", returns = "object!" },
    away = op.custom(away, { "PUT /admins/{admin_id}/away" }),
    activity_logs = op.list { "GET /admins/activity_logs", paging = "cursor", needs_args = true,
      args = { created_at_after = "integer!", created_at_before = "integer" } },
    -- API 2.16
    activity_log_event_types = op.call { "GET /admins/activity_log_event_types" },
    search_activity_logs = op.list { "POST /admins/activity_logs/search", needs_args = true,
      items = "activity_logs", args = { created_at_after = "integer!", created_at_before = "integer",
        event_types = "table", page = "integer", per_page = "integer" } },
  },
  classes = {
    admin = {
      methods = {
        -- admin:away{ away_mode_enabled = true, away_mode_reassign = false }: the admin is refreshed
        away = op.call { "PUT /admins/{admin_id}/away", self = "admin_id", args = AWAY_ARGS, needs_args = true,
          integers = AWAY_INTEGERS, returns = "refresh" },
      },
    },
  },
}
