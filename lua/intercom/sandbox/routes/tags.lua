-- /tags: the workspace's tags. POST /tags creates (or finds by name), renames
-- with an id, and tags contacts ("users") or companies in the same call.
local input = require "intercom.sandbox.input"
local json = require "intercom.sandbox.json"
local render = require "intercom.sandbox.render"
local reply = require "intercom.sandbox.reply"
local store = require "intercom.sandbox.store"

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

local function tag_contacts(ctx, tag, users)
  for _, u in ipairs(users) do
    local rec = store.get(ctx.st, "contacts", type(u) == "table" and u.id)
    if not rec then reply.not_found("User Not Found") end
    local present = false
    for _, t in ipairs(rec.tags) do
      if t.id == tag.id then present = true end
    end
    if not present then rec.tags[#rec.tags + 1] = { id = tag.id, applied_at = ctx.now, applied_by = ctx.st.me } end
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

local function delete(ctx)
  local tag = store.get(ctx.st, "tags", ctx.params.id)
  if not tag then reply.not_found() end
  for _, seg in pairs(ctx.st.segments) do
    if uses_tag(seg.rule, tag.id) then
      reply.fail(400, "tag_has_dependent_objects",
        "Unable to delete Tag with dependent objects. Segments: " .. seg.name .. ".")
    end
  end
  for _, rec in pairs(ctx.st.contacts) do
    for i = #rec.tags, 1, -1 do
      if rec.tags[i].id == tag.id then table.remove(rec.tags, i) end
    end
  end
  for _, c in pairs(ctx.st.companies) do
    for i = #c.tags, 1, -1 do
      if c.tags[i] == tag.id then table.remove(c.tags, i) end
    end
  end
  store.remove(ctx.st, "tags", tag.id)
  return reply.json(200, nil) -- the API answers 200 with no body
end

return {
  { "GET /tags", list },
  { "POST /tags", create },
  { "GET /tags/{id}", show },
  { "DELETE /tags/{id}", delete },
}
