-- The workspace's activity log: seeded entries, plus one for each change the
-- sandbox makes on a teammate's behalf (away mode, the IP allowlist), so
-- GET /admins/activity_logs shows what a test just did.
local fixtures = require "intercom.sandbox.fixtures.content"
local ids = require "intercom.sandbox.model.ids"
local store = require "intercom.sandbox.model.store"

local _M = {}

-- Requests reach the sandbox from this machine; the API logs the caller's IP.
_M.CALLER_IP = "127.0.0.1"

-- add(st, { at, by, activity_type, activity_description, metadata, ip, id })
function _M.add(st, e)
  return store.add(st, "activity_logs", {
    id = e.id or ids.request_id(), created_at = e.at, performed_by = e.by,
    activity_type = e.activity_type, activity_description = e.activity_description,
    metadata = e.metadata or {}, ip = e.ip or _M.CALLER_IP,
  })
end

function _M.seed(st)
  for i, e in ipairs(fixtures.ACTIVITY_LOGS) do
    _M.add(st, {
      id = string.format("5c0f%04x-2d7e-4a1b-9c3d-%012x", i, 0x5a4d0000 + i),
      at = fixtures.EPOCH + e.at * fixtures.DAY + 9 * 3600 + i * 61, by = e.by,
      activity_type = e.activity_type, activity_description = e.activity_description,
      metadata = e.metadata, ip = fixtures.OFFICE_IP,
    })
  end
end

return _M
