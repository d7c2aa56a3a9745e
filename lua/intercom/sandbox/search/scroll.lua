-- Scrolls (GET /companies/scroll, and the v1 /users/scroll and
-- /contacts/scroll): the first request opens a scroll and answers its first
-- page with a scroll_param; passing it back answers the next page, until an
-- empty page ends (and closes) the scroll. The scroll_param stays the same
-- from page to page, as on the API. One scroll of each kind may be open per
-- workspace: opening another while one is in use is a 400 scroll_exists; a
-- scroll unused for a minute expires, and its scroll_param is then a 404.
local ids = require "intercom.sandbox.model.ids"
local reply = require "intercom.sandbox.server.reply"

local _M = {}

_M.TTL = 60

-- records(): the records in creation order. Returns the page's records and
-- the scroll_param.
function _M.page(ctx, name, records, size)
  local st, param = ctx.st, ctx.query.scroll_param
  st.scrolls = st.scrolls or {}
  local open = st.scrolls[name]
  if open and ctx.now - open.used_at > _M.TTL then open, st.scrolls[name] = nil, nil end
  if param == nil or param == "" then
    if open then reply.fail(400, "scroll_exists", "scroll already exists for this app") end
    open = { param = ids.request_id(), after = 0 }
    st.scrolls[name] = open
  elseif not open or open.param ~= param then
    reply.not_found("scroll parameter not found")
  end
  open.used_at = ctx.now
  local page = {}
  for _, rec in ipairs(records()) do
    if #page == size then break end
    if rec.seq > open.after then
      page[#page + 1] = rec
      open.after = rec.seq
    end
  end
  if #page == 0 then st.scrolls[name] = nil end
  return page, open.param
end

return _M
