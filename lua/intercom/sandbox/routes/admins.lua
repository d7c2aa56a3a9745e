-- /admins, /me and the admins' activity log. The teammates are seeded by
-- fixtures/workspace.lua (the first one is "me": the token's owner, who authors notes
-- and performs what the activity log records); PUT /admins/{id}/away changes
-- a teammate's away mode, which GET /admins/{id} and the log then show.
local activity_logs = require "intercom.sandbox.model.activity_logs"
local content_input = require "intercom.sandbox.model.content_input"
local fixtures = require "intercom.sandbox.fixtures.content"
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local paging = require "intercom.sandbox.search.paging"
local render = require "intercom.sandbox.render.people"
local render_admins = require "intercom.sandbox.render.admins"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local function find(st, id, message)
  local a = store.get(st, "admins", id)
  if not a then reply.not_found(message or "Admin not found", "admin_not_found") end
  return a
end

local function list(ctx)
  local avatar = ctx.query.display_avatar == "true"
  local admins = json.array()
  for i, a in ipairs(store.list(ctx.st, "admins")) do admins[i] = render_admins.admin(a, { avatar = avatar }) end
  return reply.json(200, { type = "admin.list", admins = admins })
end

local function show(ctx)
  return reply.json(200, render_admins.admin(find(ctx.st, ctx.params.id)))
end

local function me(ctx)
  return reply.json(200, render.me(ctx.st, store.get(ctx.st, "admins", ctx.st.me)))
end

local function reason_text(r)
  return r and (r.emoji .. " " .. r.label) or json.null
end

local function away(ctx)
  local st = ctx.st
  local a = find(st, ctx.params.id, "Admin for admin_id not found")
  local body = input.object(ctx.body)
  content_input.only(body, { away_mode_enabled = true, away_mode_reassign = true, away_status_reason_id = true })
  local enabled = content_input.boolean(body, "away_mode_enabled")
  if enabled == nil then reply.missing("away_mode_enabled is required", "away_mode_enabled") end
  local reassign = content_input.boolean(body, "away_mode_reassign")
  if reassign == nil then reply.missing("away_mode_reassign is required", "away_mode_reassign") end
  local reason_id = content_input.id(body, "away_status_reason_id")
  local reason
  if reason_id then
    reason = store.get(st, "away_status_reasons", reason_id)
    if not reason then reply.invalid("Away status reason not found", "away_status_reason_id") end
    if reason.deleted then reply.invalid("Away status reason is deleted", "away_status_reason_id") end
  end
  if not enabled then reason, reason_id = nil, nil end -- back at work: the reason goes
  a.away_mode_enabled, a.away_mode_reassign, a.away_status_reason_id = enabled, reassign, reason_id

  local by = store.get(st, "admins", st.me)
  local who = a.id == st.me and "themselves" or a.name
  activity_logs.add(st, {
    at = ctx.now, by = st.me, activity_type = "admin_away_mode_change",
    activity_description = enabled
      and ("%s set %s away%s."):format(by.name, who, reason and (" (" .. reason.label .. ")") or "")
      or ("%s set %s back to available."):format(by.name, who),
    metadata = { away_mode = enabled, reassign_conversations = reassign, away_status_reason = reason_text(reason),
      source = "admin update from the REST API" },
  })
  return reply.json(200, render_admins.admin(a))
end

local function timestamp(q, name, required)
  local v = q[name]
  if v == nil or v == "" then
    if required then reply.missing(name .. " is required", name) end
    return nil
  end
  local n = math.tointeger(tonumber(v))
  if not n then reply.invalid(name .. " must be a UNIX timestamp", name) end
  return n
end

local NEWEST_FIRST = { field = "created_at", descending = true, seq_descending = true }
local function log_key(l) return { v = l.created_at, s = l.seq } end

-- Cursor pages, newest first (pages.next.starting_after, as 2.15 describes).
local function activity(ctx)
  local q = ctx.query
  local after = timestamp(q, "created_at_after", true)
  local before = timestamp(q, "created_at_before")
  local logs = store.list(ctx.st, "activity_logs", function(l)
    return l.created_at >= after and (before == nil or l.created_at <= before)
  end)
  paging.sort(logs, NEWEST_FIRST, log_key)
  local per_page = paging.per_page(q.per_page, 20, 50)
  local page, pages = paging.cursor_page(logs, NEWEST_FIRST, log_key, per_page, q.starting_after)
  local data = json.array()
  for i, l in ipairs(page) do data[i] = render_admins.activity_log(ctx.st, l) end
  return reply.json(200, { type = "activity_log.list", pages = pages, activity_logs = data })
end

local routes = {
  { "GET /admins", list },
  { "GET /admins/activity_logs", activity },
  { "GET /admins/{id}", show },
  { "PUT /admins/{id}/away", away },
  { "GET /me", me },
}

-- Alan Turing (away in fixtures/workspace.lua) is on holiday and in the Sales team.
function routes.seed(st)
  for id, team_ids in pairs(fixtures.TEAM_MEMBERSHIP) do
    local a = store.get(st, "admins", id)
    if a then a.team_ids = json.copy(team_ids) end -- a new table: fixtures/workspace.lua's must not change
  end
  for id, reason in pairs(fixtures.AWAY_REASON) do
    local a = store.get(st, "admins", id)
    if a then a.away_status_reason_id = reason end
  end
  activity_logs.seed(st)
end

return routes
