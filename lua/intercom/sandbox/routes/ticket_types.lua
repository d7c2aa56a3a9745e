-- /ticket_types (with their attributes) and /ticket_states.
local json = require "intercom.sandbox.server.json"
local render_tickets = require "intercom.sandbox.render.tickets"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"
local tickets = require "intercom.sandbox.model.tickets"

local function list(ctx)
  local data = json.array()
  for _, tt in ipairs(store.list(ctx.st, "ticket_types")) do
    data[#data + 1] = render_tickets.ticket_type(ctx.st, tt)
  end
  return reply.json(200, { type = "list", data = data })
end

local function create(ctx)
  return reply.json(200, render_tickets.ticket_type(ctx.st, tickets.create_type(ctx.st, ctx.body, ctx.now)))
end

local function show(ctx)
  return reply.json(200, render_tickets.ticket_type(ctx.st, tickets.find_type(ctx.st, ctx.params.id)))
end

local function update(ctx)
  local tt = tickets.find_type(ctx.st, ctx.params.id)
  return reply.json(200, render_tickets.ticket_type(ctx.st, tickets.update_type(ctx.st, tt, ctx.body, ctx.now)))
end

local function create_attribute(ctx)
  local tt = tickets.find_type(ctx.st, ctx.params.id)
  local attr = tickets.add_attribute(ctx.st, tt, ctx.body, ctx.now)
  return reply.json(200, render_tickets.attribute(ctx.st, tt, attr))
end

local function update_attribute(ctx)
  local tt = tickets.find_type(ctx.st, ctx.params.id)
  local attr = tickets.update_attribute(ctx.st, tt, ctx.params.attribute_id, ctx.body, ctx.now)
  return reply.json(200, render_tickets.attribute(ctx.st, tt, attr))
end

local function states(ctx)
  local data = json.array()
  for _, s in ipairs(tickets.states(ctx.st)) do data[#data + 1] = render_tickets.state_detailed(ctx.st, s) end
  return reply.json(200, { type = "list", data = data })
end

return {
  { "GET /ticket_types", list },
  { "POST /ticket_types", create },
  { "GET /ticket_types/{id}", show },
  { "PUT /ticket_types/{id}", update },
  { "POST /ticket_types/{id}/attributes", create_attribute },
  { "PUT /ticket_types/{id}/attributes/{attribute_id}", update_attribute },
  { "GET /ticket_states", states },
}
