-- Contacts as the search language sees them: the rendered contact plus the
-- derived list fields tag_id and segment_id. Segment membership is itself a
-- query (fixtures/workspace.lua), evaluated on the same view.
local json = require "intercom.sandbox.server.json"
local query = require "intercom.sandbox.search.query"
local render = require "intercom.sandbox.render.people"
local store = require "intercom.sandbox.model.store"

local _M = {}

-- Fields POST /contacts/search accepts (the API's list for contacts), plus
-- any custom_attributes.<name>, location.<part> and avatar.image_url.
local SEARCHABLE = {
  id = true, tag_id = true, segment_id = true, ["avatar.image_url"] = true,
}
for _, f in ipairs(render.CONTACT_SCALARS) do SEARCHABLE[f] = true end

function _M.field_ok(field)
  if SEARCHABLE[field] then return true end
  if field:match("^custom_attributes%.[^%.]+$") or field:match("^location%.[%w_]+$") then return true end
  return nil, "'" .. field .. "' is not a field contacts can be searched by"
end

local compiled_rules = setmetatable({}, { __mode = "k" })

local function rule_of(seg)
  local f = compiled_rules[seg]
  if not f then
    f = assert(query.compile(seg.rule))
    compiled_rules[seg] = f
  end
  return f
end

-- The view used for matching; segments are evaluated without segment_id.
function _M.view(st, rec)
  local v = render.contact(st, rec)
  local tag_ids = json.array()
  for i, t in ipairs(rec.tags) do tag_ids[i] = t.id end
  v.tag_id = tag_ids
  v.segment_id = json.array()
  for _, seg in ipairs(store.list(st, "segments")) do
    if rule_of(seg)(v) then v.segment_id[#v.segment_id + 1] = seg.id end
  end
  return v
end

function _M.segments_of(st, rec)
  local v = _M.view(st, rec)
  local out = {}
  for _, id in ipairs(v.segment_id) do out[#out + 1] = store.get(st, "segments", id) end
  return out
end

function _M.segment_count(st, seg)
  local n = 0
  for _, rec in pairs(st.contacts) do
    if not rec.archived and rule_of(seg)(_M.view(st, rec)) then n = n + 1 end
  end
  return n
end

return _M
