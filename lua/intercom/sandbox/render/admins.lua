-- API shapes (2.15) for admins, teams, activity logs and away status
-- reasons. The admin shape here adds what render.admin leaves fixed: the away
-- status reason set by PUT /admins/{id}/away and the team priority levels.
local json = require "intercom.sandbox.server.json"
local store = require "intercom.sandbox.model.store"

local _M = {}

local null, array = json.null, json.array

local orn = json.or_null

local function integer_id(id)
  return math.tointeger(tonumber(id)) or id
end

-- opts.avatar: include the avatar URL (GET /admins only with display_avatar=true).
function _M.admin(a, opts)
  local o = {
    type = "admin", id = a.id, name = a.name, email = a.email, job_title = a.job_title,
    away_mode_enabled = a.away_mode_enabled, away_mode_reassign = a.away_mode_reassign,
    away_status_reason_id = a.away_status_reason_id and integer_id(a.away_status_reason_id) or null,
    has_inbox_seat = a.has_inbox_seat, team_ids = array(json.copy(a.team_ids)),
    team_priority_level = { primary_team_ids = array(json.copy(a.team_ids)), secondary_team_ids = array() },
  }
  if not opts or opts.avatar then o.avatar = orn(a.avatar) end
  return o
end

-- A team's members are the admins whose team_ids name it.
function _M.team(st, t)
  local admin_ids = array()
  for _, a in ipairs(store.list(st, "admins")) do
    for _, tid in ipairs(a.team_ids or {}) do
      if tostring(tid) == t.id then admin_ids[#admin_ids + 1] = integer_id(a.id) end
    end
  end
  return {
    type = "team", id = t.id, name = t.name, admin_ids = admin_ids,
    admin_priority_level = { primary_admin_ids = array(json.copy(admin_ids)), secondary_admin_ids = array() },
    assignment_limit = orn(t.assignment_limit), distribution_method = orn(t.distribution_method),
  }
end

function _M.away_status_reason(r)
  return {
    type = "away_status_reason", id = r.id, label = r.label, emoji = r.emoji, order = r.order,
    deleted = r.deleted == true, created_at = r.created_at, updated_at = r.updated_at,
  }
end

function _M.activity_log(st, log)
  local by = store.get(st, "admins", log.performed_by) or {}
  return {
    id = log.id, created_at = log.created_at, activity_type = log.activity_type,
    activity_description = log.activity_description, metadata = json.copy(log.metadata),
    performed_by = { type = "admin", id = log.performed_by, email = orn(by.email), ip = log.ip },
  }
end

return _M
