-- What adds to a conversation: replies (POST .../reply, "last" for a
-- contact's latest conversation), open/close/snooze/assign (POST .../parts),
-- tags, participants, and the legacy run_assignment_rules (API < 2.12).
local conversations = require "intercom.sandbox.model.conversations"
local delete_body = require "intercom.sandbox.server.delete_body"
local input = require "intercom.sandbox.server.input"
local legacy = require "intercom.sandbox.server.legacy"
local render = require "intercom.sandbox.render.people"
local render_conversations = require "intercom.sandbox.render.conversations"
local reply = require "intercom.sandbox.server.reply"

local function answer(ctx, rec)
  return reply.json(200, render_conversations.conversation(ctx.st, rec))
end

local function reply_to(ctx)
  local rec
  if ctx.params.id == "last" then
    local who = conversations.contact_by(ctx.st, input.object(ctx.body))
    if not who then
      reply.invalid("a reply to 'last' needs the contact: intercom_user_id, email or user_id", "conversation_id")
    end
    rec = conversations.last_of(ctx.st, who)
  else
    rec = conversations.find(ctx.st, ctx.params.id)
  end
  conversations.reply(ctx.st, rec, ctx.body, ctx.now)
  return answer(ctx, rec)
end

local function manage(ctx)
  local rec = conversations.find(ctx.st, ctx.params.id)
  conversations.manage(ctx.st, rec, ctx.body, ctx.now)
  return answer(ctx, rec)
end

local function run_assignment_rules(ctx)
  local rec = conversations.find(ctx.st, ctx.params.id)
  conversations.run_assignment_rules(ctx.st, rec, ctx.now)
  return answer(ctx, rec)
end

local function add_tag(ctx)
  local rec = conversations.find(ctx.st, ctx.params.id)
  local tag, applied = conversations.attach_tag(ctx.st, rec, ctx.body, ctx.now)
  return reply.json(200, render.tag(tag, applied))
end

local function remove_tag(ctx)
  local rec = conversations.find(ctx.st, ctx.params.id)
  local tag, applied = conversations.detach_tag(ctx.st, rec.tags, ctx.params.tag_id, delete_body(ctx))
  return reply.json(200, render.tag(tag, applied))
end

local function add_contact(ctx)
  local rec = conversations.find(ctx.st, ctx.params.id)
  conversations.attach_contact(ctx.st, rec, ctx.body, ctx.now)
  return answer(ctx, rec)
end

local function remove_contact(ctx)
  local rec = conversations.find(ctx.st, ctx.params.id)
  conversations.detach_contact(ctx.st, rec, ctx.params.contact_id, delete_body(ctx), ctx.now)
  return answer(ctx, rec)
end

return {
  { "POST /conversations/{id}/reply", reply_to },
  { "POST /conversations/{id}/parts", manage },
  { "POST /conversations/{id}/run_assignment_rules", legacy.until_version(2, 11, run_assignment_rules) },
  { "POST /conversations/{id}/tags", add_tag },
  { "DELETE /conversations/{id}/tags/{tag_id}", remove_tag },
  { "POST /conversations/{id}/customers", add_contact },
  { "DELETE /conversations/{id}/customers/{contact_id}", remove_contact },
}
