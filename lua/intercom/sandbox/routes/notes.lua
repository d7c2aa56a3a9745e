-- /notes/{id}: a note by id (notes are created under a contact).
local render = require "intercom.sandbox.render.people"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local function show(ctx)
  local note = store.get(ctx.st, "notes", ctx.params.id)
  if not note then reply.not_found() end
  return reply.json(200, render.note(ctx.st, note))
end

return {
  { "GET /notes/{id}", show },
}
