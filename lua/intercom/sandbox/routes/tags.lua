-- /tags: the workspace's tags. POST /tags creates (or finds by name), renames
-- with an id, and tags or untags contacts ("users") or companies in the same
-- call. A tag a segment uses cannot be deleted (tag_has_dependent_objects).
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local function list(ctx)
  local data = json.array()
  for i, tag in ipairs(store.list(ctx.st, "tags")) do data[i] = render.tag(tag) end
  return reply.json(200, { type = "list", data = data })
end

local function show(ctx)
  local tag = store.get(ctx.st, "tags", ctx.params.id)
  if not tag then reply.not_found() end
  return reply.json(200, render.tag(tag))
end

local function by_name(st, name)
  for _, tag in pairs(st.tags) do
    if tag.name == name then return tag end
  end
end

-- A user in a tagging request: { id }, or the v1 identifiers user_id
-- (external_id) or email.
local function find_user(st, u)
  if type(u) ~= "table" then return nil end
  local rec = store.get(st, "contacts", u.id)
  if rec then return rec end
  for _, candidate in ipairs(store.list(st, "contacts")) do
    local f = candidate.fields
    if (type(u.user_id) == "string" and f.external_id == u.user_id)
      or (type(u.email) == "string" and f.email and f.email:lower() == u.email:lower()) then
      return candidate
    end
  end
end

-- Tags (or, with untag = true on an item, untags) each user.
local function tag_contacts(ctx, tag, users)
  for _, u in ipairs(users) do
    local rec = find_user(ctx.st, u)
    if not rec then reply.not_found("User Not Found") end
    local at
    for i, t in ipairs(rec.tags) do
      if t.id == tag.id then at = i end
    end
    if u.untag == true then
      if at then table.remove(rec.tags, at) end
    elseif not at then
      rec.tags[#rec.tags + 1] = { id = tag.id, applied_at = ctx.now, applied_by = ctx.st.me }
    end
  end
end

local function tag_companies(ctx, tag, companies)
  for _, c in ipairs(companies) do
    local company = type(c) == "table" and (store.get(ctx.st, "companies", c.id))
    if not company and type(c) == "table" and c.company_id then
      for _, candidate in pairs(ctx.st.companies) do
        if candidate.company_id == c.company_id then company = candidate end
      end
    end
    if not company then reply.not_found("Company Not Found", "company_not_found") end
    local kept = {}
    for _, id in ipairs(company.tags) do
      if id ~= tag.id then kept[#kept + 1] = id end
    end
    if not c.untag then kept[#kept + 1] = tag.id end
    company.tags = kept
  end
end

local function create(ctx)
  local body = input.object(ctx.body)
  if type(body.name) ~= "string" or body.name == "" then reply.invalid("invalid tag parameters", "name") end
  local tag
  if not json.is_null(body.id) then
    tag = store.get(ctx.st, "tags", input.id(body, "id"))
    if not tag then reply.not_found() end
    tag.name = body.name
  else
    tag = by_name(ctx.st, body.name) or store.add(ctx.st, "tags", {
      id = store.next_number(ctx.st, "tag", 105), name = body.name, created_at = ctx.now,
    })
  end
  if json.is_array(body.users) then tag_contacts(ctx, tag, body.users) end
  if json.is_array(body.companies) then tag_companies(ctx, tag, body.companies) end
  return reply.json(200, render.tag(tag))
end

-- Does a segment rule filter on this tag? (Such a tag cannot be deleted.)
local function uses_tag(rule, id)
  if type(rule) ~= "table" then return false end
  if rule.field == "tag_id" then
    if rule.value == id then return true end
    if type(rule.value) == "table" then
      for _, v in ipairs(rule.value) do
        if v == id then return true end
      end
    end
    return false
  end
  if type(rule.value) == "table" then
    for _, sub in ipairs(rule.value) do
      if uses_tag(sub, id) then return true end
    end
  end
  return false
end

-- Takes the tag off every record of a kind (tags kept as ids or as {id = ...}).
local function detach(st, kind, id)
  for _, rec in pairs(st[kind] or {}) do
    local tags = type(rec.tags) == "table" and rec.tags or {}
    for i = #tags, 1, -1 do
      local t = tags[i]
      if t == id or (type(t) == "table" and t.id == id) then table.remove(tags, i) end
    end
  end
end

-- A tag a segment filters on cannot be deleted (the API's example names the
-- segments); a tag that is only applied is deleted and taken off everything.
local function delete(ctx)
  local tag = store.get(ctx.st, "tags", ctx.params.id)
  if not tag then reply.not_found() end
  for _, seg in ipairs(store.list(ctx.st, "segments")) do
    if uses_tag(seg.rule, tag.id) then
      reply.fail(400, "tag_has_dependent_objects",
        "Unable to delete Tag with dependent objects. Segments: " .. seg.name .. ".")
    end
  end
  for _, kind in ipairs({ "contacts", "companies", "conversations", "tickets" }) do detach(ctx.st, kind, tag.id) end
  store.remove(ctx.st, "tags", tag.id)
  return reply.json(200, nil) -- the API answers 200 with no body
end

return {
  { "GET /tags", list },
  { "POST /tags", create },
  { "GET /tags/{id}", show },
  { "DELETE /tags/{id}", delete },
}
