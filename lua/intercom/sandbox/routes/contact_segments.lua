-- /contacts/{id}/segments: the segments whose rule the contact matches now.
local contact_search = require "intercom.sandbox.search.contacts"
local contacts = require "intercom.sandbox.model.contacts"
local json = require "intercom.sandbox.server.json"
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"

local function list(ctx)
  local rec = contacts.find(ctx.st, ctx.params.id, "User Not Found")
  local data = json.array()
  for i, seg in ipairs(contact_search.segments_of(ctx.st, rec)) do data[i] = render.segment(seg) end
  return reply.json(200, { type = "list", data = data })
end

return {
  { "GET /contacts/{id}/segments", list },
}
