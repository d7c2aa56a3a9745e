-- /tickets: create (or enqueue), find, update, delete, search, reply, tags.
local conversations = require "intercom.sandbox.model.conversations"
local delete_body = require "intercom.sandbox.server.delete_body"
local jobs = require "intercom.sandbox.model.jobs"
local record_search = require "intercom.sandbox.search.records"
local render = require "intercom.sandbox.render.people"
local render_tickets = require "intercom.sandbox.render.tickets"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"
local tickets = require "intercom.sandbox.model.tickets"

local function answer(ctx, t)
  return reply.json(200, render_tickets.ticket(ctx.st, t))
end

local function create(ctx)
  return answer(ctx, tickets.create(ctx.st, ctx.body, ctx.now))
end

-- The sandbox runs the job at once: the answer names the ticket it made, and
-- the job stays in the shared "jobs" store for GET /jobs/status/{id}.
local function enqueue(ctx)
  local t = tickets.create(ctx.st, ctx.body, ctx.now)
  local job = store.add(ctx.st, "jobs", {
    id = jobs.new_id(ctx.st, ctx.now), status = "success", created_at = ctx.now,
    resource_type = "ticket", resource_id = t.id, resource_url = ctx.base_url .. "/tickets/" .. t.id,
  })
  return reply.json(200, jobs.render_status(job, ctx.base_url))
end

local function show(ctx)
  return answer(ctx, tickets.find(ctx.st, ctx.params.id))
end

local function update(ctx)
  local t = tickets.find(ctx.st, ctx.params.id)
  return answer(ctx, tickets.update(ctx.st, t, ctx.body, ctx.now))
end

local function delete(ctx)
  local t = tickets.find(ctx.st, ctx.params.id)
  tickets.remove(ctx.st, t)
  return reply.json(200, { id = t.id, object = "ticket", deleted = true })
end

local function search(ctx)
  local match, sort, pagination = record_search.request(ctx.body, render_tickets.field_ok)
  local data, pages, total = record_search.page(store.list(ctx.st, "tickets"),
    function(t) return render_tickets.search_view(ctx.st, t) end, match, sort, pagination)
  return reply.json(200, { type = "ticket.list", tickets = data, total_count = total, pages = pages })
end

local function reply_to(ctx)
  local t = tickets.find(ctx.st, ctx.params.id)
  return reply.json(200, render_tickets.part(ctx.st, tickets.reply(ctx.st, t, ctx.body, ctx.now)))
end

local function add_tag(ctx)
  local t = tickets.find(ctx.st, ctx.params.id)
  local tag, applied = conversations.attach_tag(ctx.st, t, ctx.body, ctx.now)
  return reply.json(200, render.tag(tag, applied))
end

local function remove_tag(ctx)
  local t = tickets.find(ctx.st, ctx.params.id)
  local tag, applied = conversations.detach_tag(ctx.st, t.tags, ctx.params.tag_id, delete_body(ctx))
  return reply.json(200, render.tag(tag, applied))
end


return {
  { "POST /tickets", create },
  { "POST /tickets/enqueue", enqueue },
  { "POST /tickets/search", search },
  { "GET /tickets/{id}", show },
  { "PUT /tickets/{id}", update },
  { "DELETE /tickets/{id}", delete },
  { "POST /tickets/{id}/reply", reply_to },
  { "POST /tickets/{id}/tags", add_tag },
  { "DELETE /tickets/{id}/tags/{tag_id}", remove_tag },
}
