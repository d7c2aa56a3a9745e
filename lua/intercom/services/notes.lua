-- client.notes (the Ruby gem's Service::Note). API 2.15: /notes/{id}; notes
-- are made and listed under a contact (contact:create_note, contact:notes)
-- and listed under a company (company:notes).
local op = require "intercom.operation"

return {
  ops = {
    find = op.call { "GET /notes/{note_id}", target = "note_id", returns = "object!" },
  },
}
