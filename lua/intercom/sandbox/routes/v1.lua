-- /v1/: the original Intercom API (v1 REST docs): HTTP Basic auth with
-- app_id:api_key, users, notes, tags, impressions and message threads, and
-- errors as { "error": { "type", "message" } } with 400, 401, 402 (request
-- failed), 404. The app "dummy-app-id" answers every call but persists
-- nothing: its calls run on a copy of the data that is then dropped.
--
-- Its data is its own (st.v1), apart from the 2.x contacts.
local json = require "intercom.sandbox.server.json"
local ids = require "intercom.sandbox.model.ids"
local reply = require "intercom.sandbox.server.reply"

local _M = {}

_M.DUMMY_APP = "dummy-app-id"
local MAX_PER_PAGE = 500

function _M.error(status, type_, message)
  return reply.json(status, { error = { type = type_, message = message } })
end

-- A v1 error: raised, as reply.fail does, so a handler stops there.
local function fail(status, type_, message)
  reply.fail_with(_M.error(status, type_, message))
end

-- app_id:api_key from "Basic <base64>", or nil.
function _M.credentials(value)
  local b64 = type(value) == "string" and value:match("^[Bb]asic%s+(%S+)%s*$")
  if not b64 then return nil end
  local url_form = b64:gsub("=+$", ""):gsub("%+", "-"):gsub("/", "_")
  local text = ids.b64decode(url_form)
  local app_id, api_key = (text or ""):match("^([^:]+):(.+)$")
  return app_id, api_key
end

local function data(st)
  st.v1 = st.v1 or { users = {}, tags = {}, notes = {}, threads = {}, seq = 0 }
  return st.v1
end

local function next_id(v1, prefix)
  v1.seq = v1.seq + 1
  return prefix .. ids.object_id(os.time(), v1.seq)
end

local function params(ctx)
  local p = {}
  for k, v in pairs(ctx.query) do p[k] = v end
  if type(ctx.body) == "table" then for k, v in pairs(ctx.body) do p[k] = v end end
  return p
end

local function str(v) return type(v) == "string" and v ~= "" and v or nil end

local function find_user(v1, p, required)
  local email, user_id = str(p.email), str(p.user_id)
  if not email and not user_id then
    if required then fail(400, "bad_request", "email or user_id must be given") end
    return nil
  end
  for _, u in ipairs(v1.users) do
    if (user_id and u.user_id == user_id) or (not user_id and email and u.email == email) then return u end
  end
  if required then fail(404, "not_found", "User Not Found") end
  return nil
end

local function render_user(v1, u)
  local tags = json.array()
  for _, t in ipairs(v1.tags) do
    if t.users[u.intercom_id] then tags[#tags + 1] = t.name end
  end
  return {
    type = "user", intercom_id = u.intercom_id, user_id = u.user_id or json.null, email = u.email or json.null,
    name = u.name or json.null, created_at = u.created_at, last_impression_at = u.last_impression_at or json.null,
    last_seen_ip = u.last_seen_ip or json.null, last_seen_user_agent = u.last_seen_user_agent or json.null,
    session_count = u.session_count, unsubscribed_from_emails = u.unsubscribed_from_emails,
    custom_data = json.copy(u.custom_data), location_data = {}, social_profiles = json.array(), tags = tags,
  }
end

local function apply_user(u, p)
  for _, k in ipairs({ "email", "user_id", "name", "last_seen_ip", "last_seen_user_agent" }) do
    if str(p[k]) then u[k] = p[k] end
  end
  if type(p.created_at) == "number" then u.created_at = math.floor(p.created_at) end
  if type(p.unsubscribed_from_emails) == "boolean" then u.unsubscribed_from_emails = p.unsubscribed_from_emails end
  if type(p.custom_data) == "table" then
    for k, v in pairs(p.custom_data) do u.custom_data[k] = v end
  end
end

local function tag_named(v1, name)
  for _, t in ipairs(v1.tags) do
    if t.name == name then return t end
  end
end

local function tag_by_id(v1, id)
  for _, t in ipairs(v1.tags) do
    if t.id == id then return t end
  end
end

---- users ----

local function list_users(ctx)
  local v1, q = data(ctx.st), ctx.query
  local page = math.max(1, math.floor(tonumber(q.page) or 1))
  local per_page = math.min(MAX_PER_PAGE, math.max(1, math.floor(tonumber(q.per_page) or 500)))
  local tag = q.tag_id and tag_by_id(v1, q.tag_id) or q.tag_name and tag_named(v1, q.tag_name)
  if (q.tag_id or q.tag_name) and not tag then fail(404, "not_found", "Tag Not Found") end
  if q.email or q.user_id then -- GET /v1/users?email= is one user
    return reply.json(200, render_user(v1, find_user(v1, q, true)))
  end
  local all = {}
  for _, u in ipairs(v1.users) do
    if not tag or tag.users[u.intercom_id] then all[#all + 1] = u end
  end
  local total_pages = math.max(1, math.ceil(#all / per_page))
  local users = json.array()
  for i = (page - 1) * per_page + 1, math.min(#all, page * per_page) do users[#users + 1] = render_user(v1, all[i]) end
  return reply.json(200, {
    users = users, total_count = #all, page = page, total_pages = total_pages,
    next_page = page < total_pages and page + 1 or json.null, previous_page = page > 1 and page - 1 or json.null,
  })
end

local function create_user(ctx)
  local v1, p = data(ctx.st), params(ctx)
  if not str(p.email) and not str(p.user_id) then fail(400, "bad_request", "email or user_id must be given") end
  if p.email ~= nil and not (str(p.email) and p.email:find("@", 1, true)) then
    fail(400, "bad_request", "email is invalid")
  end
  local u = find_user(v1, p)
  if not u then
    u = { intercom_id = next_id(v1, ""), created_at = ctx.now, session_count = 0, custom_data = {},
      unsubscribed_from_emails = false }
    v1.users[#v1.users + 1] = u
  end
  apply_user(u, p)
  return reply.json(200, render_user(v1, u))
end

local function update_user(ctx)
  local v1, p = data(ctx.st), params(ctx)
  local u = find_user(v1, p, true)
  apply_user(u, p)
  return reply.json(200, render_user(v1, u))
end

local function delete_user(ctx)
  local v1, p = data(ctx.st), params(ctx)
  local u = find_user(v1, p, true)
  for i, x in ipairs(v1.users) do
    if x == u then table.remove(v1.users, i) break end
  end
  return reply.json(200, render_user(v1, u))
end

---- notes ----

local function create_note(ctx)
  local v1, p = data(ctx.st), params(ctx)
  if not str(p.body) then fail(400, "bad_request", "body must be given") end
  local u = find_user(v1, p, true)
  local note = { type = "note", id = next_id(v1, ""), html = "<p>" .. p.body .. "</p>", created_at = ctx.now,
    user = render_user(v1, u) }
  v1.notes[#v1.notes + 1] = note
  return reply.json(200, note)
end

---- tags ----

local COLORS = { green = true, red = true, blue = true, orange = true, purple = true, yellow = true, black = true,
  teal = true }

local function render_tag(t)
  local n = 0
  for _ in pairs(t.users) do n = n + 1 end
  return { type = "tag", id = t.id, name = t.name, color = t.color, segment = false, tagged_user_count = n }
end

local function show_tag(ctx)
  local v1 = data(ctx.st)
  local name = str(ctx.query.name)
  if not name then fail(400, "bad_request", "name must be given") end
  local t = tag_named(v1, name)
  if not t then fail(404, "not_found", "Tag Not Found") end
  return reply.json(200, render_tag(t))
end

local function tag_users(v1, t, p)
  local action = p.tag_or_untag or "tag"
  if action ~= "tag" and action ~= "untag" then fail(400, "bad_request", "tag_or_untag must be 'tag' or 'untag'") end
  for _, field in ipairs({ "user_ids", "emails" }) do
    if p[field] ~= nil then
      if not json.is_array(p[field]) then fail(400, "bad_request", field .. " must be a list") end
      for _, v in ipairs(p[field]) do
        local u = find_user(v1, field == "user_ids" and { user_id = v } or { email = v })
        if u then t.users[u.intercom_id] = action == "tag" or nil end
      end
    end
  end
end

local function save_tag(ctx, creating)
  local v1, p = data(ctx.st), params(ctx)
  local name = str(p.name)
  if not name then fail(400, "bad_request", "name must be given") end
  if p.color ~= nil and not COLORS[p.color] then fail(400, "bad_request", "color is not a tag color") end
  local t = tag_named(v1, name)
  if not t then
    if not creating then fail(404, "not_found", "Tag Not Found") end
    t = { id = next_id(v1, ""), name = name, color = "green", users = {} }
    v1.tags[#v1.tags + 1] = t
  end
  t.color = p.color or t.color
  tag_users(v1, t, p)
  return reply.json(200, render_tag(t))
end

---- impressions ----

local function create_impression(ctx)
  local v1, p = data(ctx.st), params(ctx)
  local u = find_user(v1, p, true)
  u.last_impression_at = ctx.now
  u.session_count = u.session_count + 1
  u.last_seen_ip = str(p.user_ip) or u.last_seen_ip
  u.last_seen_user_agent = str(p.user_agent) or u.last_seen_user_agent
  local unread = 0
  for _, th in ipairs(v1.threads) do
    if th.intercom_id == u.intercom_id and not th.read then unread = unread + 1 end
  end
  return reply.json(200, { type = "impression", unread_messages = unread })
end

---- message threads ----

local function render_thread(th)
  local parts = json.array()
  for i, m in ipairs(th.messages) do parts[i] = json.copy(m) end
  return { type = "message_thread", thread_id = th.thread_id, created_at = th.created_at, updated_at = th.updated_at,
    read = th.read, url = th.url or json.null, messages = parts }
end

local function thread_of(v1, u, id)
  for _, th in ipairs(v1.threads) do
    if th.intercom_id == u.intercom_id and tostring(th.thread_id) == tostring(id) then return th end
  end
  fail(404, "not_found", "Message Thread Not Found")
end

local function list_threads(ctx)
  local v1, q = data(ctx.st), ctx.query
  local u = find_user(v1, q, true)
  if q.thread_id then return reply.json(200, render_thread(thread_of(v1, u, q.thread_id))) end
  local out = json.array()
  for _, th in ipairs(v1.threads) do
    if th.intercom_id == u.intercom_id then out[#out + 1] = render_thread(th) end
  end
  return reply.json(200, out)
end

local function message(ctx, u, body)
  return { created_at = ctx.now, html = "<p>" .. body .. "</p>",
    from = { type = "user", email = u.email or json.null, user_id = u.user_id or json.null, is_admin = false } }
end

local function create_thread(ctx)
  local v1, p = data(ctx.st), params(ctx)
  if not str(p.body) then fail(400, "bad_request", "body must be given") end
  local u = find_user(v1, p, true)
  v1.seq = v1.seq + 1
  local th = { thread_id = v1.seq, intercom_id = u.intercom_id, created_at = ctx.now, updated_at = ctx.now,
    read = true, url = str(p.url), messages = { message(ctx, u, p.body) } }
  v1.threads[#v1.threads + 1] = th
  return reply.json(200, render_thread(th))
end

local function reply_thread(ctx)
  local v1, p = data(ctx.st), params(ctx)
  local u = find_user(v1, p, true)
  if p.thread_id == nil then fail(400, "bad_request", "thread_id must be given") end
  local th = thread_of(v1, u, p.thread_id)
  if str(p.body) then
    th.messages[#th.messages + 1] = message(ctx, u, p.body)
    th.updated_at = ctx.now
  end
  if type(p.read) == "boolean" then th.read = p.read end
  if not str(p.body) and type(p.read) ~= "boolean" then fail(400, "bad_request", "give a body or read") end
  return reply.json(200, render_thread(th))
end

-- Every v1 route: the dummy app works on a copy that is dropped.
local function v1(handler)
  return function(ctx)
    local app_id = _M.credentials(ctx.req.headers.authorization)
    if app_id == _M.DUMMY_APP then ctx.st = { v1 = json.copy(data(ctx.st)) } end
    return handler(ctx)
  end
end

_M.routes = {
  { "GET /v1/users", v1(list_users) },
  { "POST /v1/users", v1(create_user) },
  { "PUT /v1/users", v1(update_user) },
  { "DELETE /v1/users", v1(delete_user) },
  { "POST /v1/users/notes", v1(create_note) },
  { "POST /v1/users/impressions", v1(create_impression) },
  { "GET /v1/users/message_threads", v1(list_threads) },
  { "POST /v1/users/message_threads", v1(create_thread) },
  { "PUT /v1/users/message_threads", v1(reply_thread) },
  { "GET /v1/tags", v1(show_tag) },
  { "POST /v1/tags", v1(function(ctx) return save_tag(ctx, true) end) },
  { "PUT /v1/tags", v1(function(ctx) return save_tag(ctx, false) end) },
}

-- The route table takes the list; the module's helpers ride along.
local routes = _M.routes
for k, v in pairs(_M) do if k ~= "routes" then routes[k] = v end end
return routes
