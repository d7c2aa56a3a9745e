-- GET /counts (the v1 API; Intercom-Version 1.x only, 404 otherwise):
-- workspace totals, or one kind counted by another, computed from the store.
--   (none)                         count.hash: company, segment, tag, user, lead
--   type=user&count=tag|segment    users per tag / per segment
--   type=company&count=tag|segment|user
--   type=conversation              open, closed, assigned, unassigned
--   type=conversation&count=admin  open and closed per admin
local companies = require "intercom.sandbox.model.companies"
local contact_search = require "intercom.sandbox.search.contacts"
local json = require "intercom.sandbox.server.json"
local legacy = require "intercom.sandbox.server.legacy"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local function people(st, role)
  return store.list(st, "contacts", function(rec) return rec.fields.role == role and not rec.archived end)
end

local function size(t)
  local n = 0
  for _ in pairs(t or {}) do n = n + 1 end
  return n
end

local function app_counts(st)
  return {
    type = "count.hash",
    company = { count = size(st.companies) }, segment = { count = size(st.segments) },
    tag = { count = size(st.tags) }, user = { count = #people(st, "user") }, lead = { count = #people(st, "lead") },
  }
end

-- [{ <name> = n }, ...] for each tag or segment.
local function per(st, kind, members, is_member)
  local out = json.array()
  for _, x in ipairs(store.list(st, kind)) do
    local n = 0
    for _, m in ipairs(members) do
      if is_member(m, x) then n = n + 1 end
    end
    out[#out + 1] = { [x.name] = n }
  end
  return out
end

local function contact_has_tag(rec, tag)
  for _, t in ipairs(rec.tags) do
    if t.id == tag.id then return true end
  end
  return false
end

local function contact_in_segment(st)
  return function(rec, seg)
    for _, s in ipairs(contact_search.segments_of(st, rec)) do
      if s.id == seg.id then return true end
    end
    return false
  end
end

local function user_counts(st, count)
  local users = people(st, "user")
  if count == "tag" then return per(st, "tags", users, contact_has_tag) end
  if count == "segment" then return per(st, "segments", users, contact_in_segment(st)) end
end

local function company_counts(st, count)
  local all = store.list(st, "companies")
  if count == "tag" then
    return per(st, "tags", all, function(c, tag) return companies.has_tag(c, tag.id) end)
  end
  if count == "segment" then
    return per(st, "company_segments", all, function(c, seg) return companies.in_segment(c, seg) end)
  end
  if count == "user" then
    local out = json.array()
    for _, c in ipairs(all) do
      out[#out + 1] = { [c.name] = #companies.contacts_of(st, c), remote_company_id = c.company_id }
    end
    return out
  end
end

-- Conversations are the conversations group's records: state, admin_assignee_id.
local function conversation_counts(st, count)
  local convs = store.list(st, "conversations")
  if count == "admin" then
    local out = json.array()
    for _, a in ipairs(store.list(st, "admins")) do
      local open, closed = 0, 0
      for _, c in ipairs(convs) do
        if c.admin_assignee_id == a.id then
          if c.state == "closed" then closed = closed + 1 else open = open + 1 end
        end
      end
      out[#out + 1] = { id = a.id, name = a.name, open = open, closed = closed }
    end
    return { admin = out }
  end
  if count then return nil end
  local t = { open = 0, closed = 0, assigned = 0, unassigned = 0 }
  for _, c in ipairs(convs) do
    if c.state == "closed" then t.closed = t.closed + 1 else t.open = t.open + 1 end
    if c.state ~= "closed" then
      if c.admin_assignee_id or c.team_assignee_id then t.assigned = t.assigned + 1
      else t.unassigned = t.unassigned + 1 end
    end
  end
  return t
end

local function counts(ctx)
  local kind, count = ctx.query.type, ctx.query.count
  if not kind then
    if count then reply.missing("type not specified", "type") end
    return reply.json(200, app_counts(ctx.st))
  end
  local value
  if kind == "user" then value = count and user_counts(ctx.st, count)
  elseif kind == "company" then value = count and company_counts(ctx.st, count)
  elseif kind == "conversation" then value = conversation_counts(ctx.st, count)
  else reply.invalid("type must be one of user, company or conversation", "type") end
  if value == nil then
    reply.invalid(("count '%s' is not available for type '%s'"):format(tostring(count), kind), "count")
  end
  if kind ~= "conversation" then value = { [count] = value } end
  return reply.json(200, { type = "count", [kind] = value })
end

return {
  { "GET /counts", legacy.v1(counts) },
}
