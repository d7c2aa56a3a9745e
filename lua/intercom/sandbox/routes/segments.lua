-- /segments: the seeded segments; include_count=true adds live member counts.
-- Company segments (see companies.lua) are found by id too, and counted in
-- companies; the list holds the contact segments, as the API's does.
local companies = require "intercom.sandbox.model.companies"
local contact_search = require "intercom.sandbox.search.contacts"
local json = require "intercom.sandbox.server.json"
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local function wants_count(ctx)
  return ctx.query.include_count == "true"
end

local function list(ctx)
  local segments = json.array()
  for i, seg in ipairs(store.list(ctx.st, "segments")) do
    segments[i] = render.segment(seg, wants_count(ctx) and contact_search.segment_count(ctx.st, seg) or nil)
  end
  return reply.json(200, { type = "segment.list", segments = segments, pages = {} })
end

local function show(ctx)
  local seg = store.get(ctx.st, "segments", ctx.params.id)
  local count = seg and wants_count(ctx) and contact_search.segment_count(ctx.st, seg) or nil
  if not seg then
    seg = store.get(ctx.st, "company_segments", ctx.params.id)
    if not seg then reply.not_found() end
    count = wants_count(ctx) and companies.segment_count(ctx.st, seg) or nil
  end
  return reply.json(200, render.segment(seg, count))
end

return {
  { "GET /segments", list },
  { "GET /segments/{id}", show },
}
