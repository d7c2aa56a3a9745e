-- The v1 leads calls the 2.x API dropped (Intercom-Version 1.x only; 404
-- otherwise): scrolling over leads, and converting a lead into a user. Leads
-- are the workspace's contacts with the role "lead" (see v1_people.lua).
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local legacy = require "intercom.sandbox.server.legacy"
local reply = require "intercom.sandbox.server.reply"
local scroll = require "intercom.sandbox.search.scroll"
local store = require "intercom.sandbox.model.store"
local v1 = require "intercom.sandbox.model.v1_people"

local SCROLL_PAGE = 100

local function scroll_leads(ctx)
  local page, param = scroll.page(ctx, "leads", function()
    return store.list(ctx.st, "contacts", function(rec) return rec.fields.role == "lead" and not rec.archived end)
  end, SCROLL_PAGE)
  local data = json.array()
  for i, rec in ipairs(page) do data[i] = v1.lead(ctx.st, rec) end
  return reply.json(200, { type = "contact.list", contacts = data, scroll_param = param })
end

-- POST /contacts/convert { contact = { user_id | id }, user = { id | user_id | email } }
local function convert(ctx)
  local body = input.object(ctx.body)
  if not json.is_object(body.contact) then reply.missing("contact not specified", "contact") end
  if not json.is_object(body.user) then reply.missing("user not specified", "user") end
  local lead = v1.find_lead(ctx.st, body.contact)
  return reply.json(200, v1.user(ctx.st, v1.convert(ctx.st, lead, body.user, ctx.now)))
end

return {
  { "GET /contacts/scroll", legacy.v1(scroll_leads) },
  { "POST /contacts/convert", legacy.v1(convert) },
}
