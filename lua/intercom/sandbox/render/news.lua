-- API shapes (2.15) for news items and newsfeeds.
local json = require "intercom.sandbox.server.json"

local _M = {}

local null, array = json.null, json.array

local function integer_id(id)
  return math.tointeger(tonumber(id)) or id
end

function _M.news_item(st, n)
  local assignments = array()
  for i, a in ipairs(n.newsfeed_assignments) do
    -- published_at is an integer in 2.15, never null: a draft's assignment has none
    assignments[i] = { newsfeed_id = integer_id(a.newsfeed_id), published_at = a.published_at }
  end
  return {
    type = "news-item", id = n.id, workspace_id = st.workspace_id, title = n.title, body = n.body, -- not nullable
    sender_id = integer_id(n.sender_id), state = n.state, newsfeed_assignments = assignments,
    labels = array(json.copy(n.labels)), cover_image_url = n.cover_image_url or null,
    reactions = array(json.copy(n.reactions)), deliver_silently = n.deliver_silently == true,
    created_at = n.created_at, updated_at = n.updated_at,
  }
end

function _M.newsfeed(f)
  return { type = "newsfeed", id = f.id, name = f.name, created_at = f.created_at, updated_at = f.updated_at }
end

return _M
