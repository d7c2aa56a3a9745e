-- Conversations as POST /conversations/search sees them: the rendered
-- conversation plus the derived list fields contact_ids, teammate_ids and
-- tag_ids. source.body is matched word by word, as the API documents ("="
-- with "support" finds "I need support"), so the view holds its words.
local json = require "intercom.sandbox.server.json"
local render_conversations = require "intercom.sandbox.render.conversations"

local _M = {}

-- The fields the API's search accepts for conversations.
local SEARCHABLE = {}
for _, f in ipairs({
  "id", "created_at", "updated_at", "title", "contact_ids", "teammate_ids", "admin_assignee_id",
  "team_assignee_id", "channel_initiated", "open", "read", "state", "waiting_since", "snoozed_until",
  "tag_ids", "priority", "ai_agent_participated",
  "source.type", "source.id", "source.delivered_as", "source.subject", "source.body", "source.author.id",
  "source.author.type", "source.author.name", "source.author.email", "source.url",
  "statistics.time_to_assignment", "statistics.time_to_admin_reply", "statistics.time_to_first_close",
  "statistics.time_to_last_close", "statistics.median_time_to_reply", "statistics.first_contact_reply_at",
  "statistics.first_assignment_at", "statistics.first_admin_reply_at", "statistics.first_close_at",
  "statistics.last_assignment_at", "statistics.last_assignment_admin_reply_at",
  "statistics.last_contact_reply_at", "statistics.last_admin_reply_at", "statistics.last_close_at",
  "statistics.last_closed_by_id", "statistics.count_reopens", "statistics.count_assignments",
  "statistics.count_conversation_parts",
  "conversation_rating.requested_at", "conversation_rating.replied_at", "conversation_rating.score",
  "conversation_rating.remark", "conversation_rating.contact_id", "conversation_rating.admin_id",
  "ai_agent.resolution_state", "ai_agent.last_answer_type", "ai_agent.rating", "ai_agent.rating_remark",
  "ai_agent.source_type", "ai_agent.source_title",
}) do SEARCHABLE[f] = true end

function _M.field_ok(field)
  if SEARCHABLE[field] or field:match("^custom_attributes%.[^%.]+$") then return true end
  return nil, "'" .. field .. "' is not a field conversations can be searched by"
end

local function words(html)
  local out = json.array()
  local text = tostring(html or ""):gsub("<[^>]*>", " ")
  for w in text:gmatch("[%w'@%.%-_]+") do
    w = w:gsub("^[%.%-]+", ""):gsub("[%.%-]+$", "")
    if w ~= "" then out[#out + 1] = w end
  end
  return out
end

local function ids(list)
  local out = json.array()
  for i, v in ipairs(list) do out[i] = v end
  return out
end

-- The view queries run against; the rendered conversation (without parts) is
-- what a match returns, so it is kept apart.
function _M.view(st, rec)
  local shown = render_conversations.conversation(st, rec, { brief = true })
  local v = json.copy(shown)
  v.contact_ids = ids(rec.contacts)
  v.teammate_ids = ids(rec.teammates)
  local tag_ids = json.array()
  for i, t in ipairs(rec.tags) do tag_ids[i] = t.id end
  v.tag_ids = tag_ids
  v.channel_initiated = rec.source.type
  v.source.body = words(rec.source.body)
  if rec.rating then
    v.conversation_rating = { score = rec.rating.rating, remark = rec.rating.remark,
      contact_id = rec.rating.contact_id, admin_id = rec.rating.admin_id,
      requested_at = rec.rating.created_at, replied_at = rec.rating.created_at }
  end
  return v, shown
end

return _M
