-- API shapes (2.15 schemas) of conversations, their parts, authors and
-- statistics, and of the messages that start them. Statistics are derived
-- from the parts each time, so they always agree with the thread.
local conversations = require "intercom.sandbox.model.conversations"
local json = require "intercom.sandbox.server.json"
local render = require "intercom.sandbox.render.people"
local store = require "intercom.sandbox.model.store"

local _M = {}

local null, array = json.null, json.array

local orn = json.or_null

-- Admin ids are numeric strings; the conversation schema has integer assignee ids.
local function as_integer(id)
  return id and math.tointeger(tonumber(id)) or null
end

-- HTML to text, for display_as=plaintext.
local function plain(html)
  if type(html) ~= "string" then return html end
  local text = html:gsub("<br%s*/?>", "\n"):gsub("</p>%s*<p>", "\n"):gsub("<[^>]*>", "")
  text = text:gsub("&nbsp;", " "):gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&quot;", '"'):gsub("&amp;", "&")
  return text
end

local function body_of(text, opts)
  if text == nil then return null end
  if opts and opts.plaintext then return plain(text) end
  return text
end

-- conversation_part_author: a teammate, a contact or the bot.
function _M.author(st, ref)
  local o = { type = ref.type, id = ref.id, from_ai_agent = false, is_ai_answer = false }
  if ref.type == "admin" then
    local a = store.get(st, "admins", ref.id)
    o.name, o.email = a and a.name or null, a and a.email or null
  elseif ref.type == "bot" then
    o.name, o.email = conversations.BOT.name, "operator+" .. st.workspace_id .. "@intercom.io"
  else
    local c = store.get(st, "contacts", ref.id)
    o.name, o.email = orn(c and c.fields.name), orn(c and c.fields.email)
  end
  return o
end

local function attachments(list)
  local out = array()
  for i, a in ipairs(list or {}) do
    out[i] = { type = a.type or "upload", name = a.name, url = a.url, content_type = a.content_type,
      filesize = a.filesize or 0, width = orn(a.width), height = orn(a.height) }
  end
  return out
end

function _M.part(st, p, opts)
  return {
    type = "conversation_part", id = p.id, part_type = p.part_type, body = body_of(p.body, opts),
    created_at = p.created_at, updated_at = p.updated_at, notified_at = p.notified_at,
    assigned_to = p.assigned_to and p.assigned_to ~= null and { type = p.assigned_to.type, id = p.assigned_to.id }
      or null,
    author = _M.author(st, p.author), attachments = attachments(p.attachments), external_id = null,
    redacted = p.redacted == true, state = orn(p.state), tags = array(), app_package_code = null,
  }
end

function _M.source(st, s, opts)
  return {
    type = s.type, id = s.id, delivered_as = s.delivered_as, subject = s.subject or "",
    body = body_of(s.body, opts), author = _M.author(st, s.author), attachments = attachments(s.attachments),
    url = orn(s.url), redacted = s.redacted == true,
  }
end

local function median(values)
  if #values == 0 then return nil end
  table.sort(values)
  local mid = (#values + 1) // 2
  if #values % 2 == 1 then return values[mid] end
  return (values[mid] + values[mid + 1]) // 2
end

local function from_contact(ref)
  return ref.type == "user" or ref.type == "lead"
end

-- conversation_statistics, from the source and the parts in order.
function _M.statistics(rec)
  local s = { type = "conversation_statistics", count_reopens = 0, count_assignments = 0,
    count_conversation_parts = #rec.parts + 1 }
  local created = rec.created_at
  local waiting_from = from_contact(rec.source.author) and created or nil
  if waiting_from then s.first_contact_reply_at, s.last_contact_reply_at = created, created end
  local reply_times = {}
  for _, p in ipairs(rec.parts) do
    local t = p.created_at
    if p.reopened then s.count_reopens = s.count_reopens + 1 end
    if p.part_type == "comment" and from_contact(p.author) then
      s.first_contact_reply_at = s.first_contact_reply_at or t
      s.last_contact_reply_at = t
      waiting_from = waiting_from or t
    elseif (p.part_type == "comment" or p.part_type == "quick_reply") and p.author.type == "admin" then
      s.first_admin_reply_at = s.first_admin_reply_at or t
      s.last_admin_reply_at = t
      if s.last_assignment_at and not s.last_assignment_admin_reply_at then s.last_assignment_admin_reply_at = t end
      if waiting_from then
        reply_times[#reply_times + 1] = t - waiting_from
        waiting_from = nil
      end
    elseif p.part_type == "assignment" or p.part_type == "assign_and_reopen" then
      s.first_assignment_at = s.first_assignment_at or t
      s.last_assignment_at = t
      s.last_assignment_admin_reply_at = nil
      s.count_assignments = s.count_assignments + 1
    elseif p.part_type == "close" then
      s.first_close_at = s.first_close_at or t
      s.last_close_at = t
      s.last_closed_by_id = p.author.id
    end
  end
  -- Only adjusted_handling_time may be null in 2.15: the other figures are
  -- left out until they exist.
  local function since_created(at) return at and at - created or nil end
  s.time_to_assignment = since_created(s.first_assignment_at)
  s.time_to_admin_reply = from_contact(rec.source.author) and since_created(s.first_admin_reply_at) or nil
  s.time_to_first_close = since_created(s.first_close_at)
  s.time_to_last_close = since_created(s.last_close_at)
  s.median_time_to_reply = median(reply_times)
  s.handling_time = s.last_close_at and s.last_close_at - created or nil
  s.adjusted_handling_time = orn(s.handling_time)
  s.assigned_team_first_response_time = array()
  s.assigned_team_first_response_time_in_office_hours = array()
  return s
end

local function first_contact_reply(rec)
  local at
  if from_contact(rec.source.author) then
    at = rec.created_at
  else
    for _, p in ipairs(rec.parts) do
      if p.part_type == "comment" and from_contact(p.author) then at = p.created_at break end
    end
  end
  if not at then return null end
  return { created_at = at, type = "conversation", url = null }
end

function _M.contact_list(st, ids)
  local list = array()
  for i, id in ipairs(ids) do
    local c = store.get(st, "contacts", id)
    list[i] = { type = "contact", id = id, external_id = orn(c and c.fields.external_id) }
  end
  return { type = "contact.list", contacts = list }
end

function _M.tag_list(st, applied)
  local tags = array()
  for _, t in ipairs(applied) do
    local tag = store.get(st, "tags", t.id)
    if tag then tags[#tags + 1] = render.tag(tag, t) end
  end
  return { type = "tag.list", tags = tags }
end

function _M.linked_objects(st, linked)
  local data = array()
  for _, l in ipairs(linked) do
    local o = { type = l.type, id = l.id, category = null }
    if l.type == "ticket" then
      local t = store.get(st, "tickets", l.id)
      local tt = t and store.get(st, "ticket_types", t.ticket_type_id)
      o.category = orn(tt and tt.category)
    end
    data[#data + 1] = o
  end
  return { type = "list", data = data, total_count = #data, has_more = false }
end

local function rating(st, r)
  if not r then return null end
  local c = store.get(st, "contacts", r.contact_id)
  return {
    rating = r.rating, remark = r.remark or "", created_at = r.created_at, updated_at = r.created_at,
    contact = { type = "contact", id = r.contact_id, external_id = orn(c and c.fields.external_id) },
    teammate = { type = "admin", id = r.admin_id },
  }
end

-- opts: { brief = true } leaves out conversation_parts (lists and search do);
-- { plaintext = true } for display_as=plaintext.
function _M.conversation(st, rec, opts)
  opts = opts or {}
  local teammates = array()
  for i, id in ipairs(rec.teammates) do teammates[i] = { type = "admin", id = id } end
  local company = rec.company_id and store.get(st, "companies", rec.company_id)
  local o = {
    type = "conversation", id = rec.id, title = orn(rec.title), created_at = rec.created_at,
    updated_at = rec.updated_at, waiting_since = orn(rec.waiting_since), snoozed_until = orn(rec.snoozed_until),
    open = rec.state ~= "closed", state = rec.state, read = rec.read, priority = rec.priority,
    admin_assignee_id = as_integer(rec.admin_assignee_id), team_assignee_id = as_integer(rec.team_assignee_id),
    tags = _M.tag_list(st, rec.tags), conversation_rating = rating(st, rec.rating),
    source = _M.source(st, rec.source, opts), contacts = _M.contact_list(st, rec.contacts),
    teammates = { type = "admin.list", teammates = teammates },
    custom_attributes = json.copy(rec.custom_attributes), first_contact_reply = first_contact_reply(rec),
    sla_applied = null, statistics = _M.statistics(rec), linked_objects = _M.linked_objects(st, rec.linked),
    ai_agent_participated = false, ai_agent = null,
    company = company and render.company(st, company) or null,
  }
  if not opts.brief then
    local parts = array()
    for i, p in ipairs(rec.parts) do parts[i] = _M.part(st, p, opts) end
    o.conversation_parts = { type = "conversation_part.list", conversation_parts = parts, total_count = #parts }
  end
  return o
end

-- The message POST /conversations and POST /messages answer with.
function _M.user_message(rec)
  return {
    type = "user_message", id = rec.source.id, created_at = rec.created_at, body = rec.source.body,
    message_type = "inapp", conversation_id = rec.id,
  }
end

function _M.admin_message(st, rec, message_type)
  local a = store.get(st, "admins", rec.source.author.id)
  local o = {
    type = "admin_message", id = rec.source.id, created_at = rec.created_at, body = rec.source.body,
    subject = rec.source.subject, message_type = message_type, conversation_id = rec.id,
    owner = { type = "admin", id = a.id, name = a.name, email = a.email,
      away_mode_enabled = a.away_mode_enabled, away_mode_reassign = a.away_mode_reassign },
  }
  return o
end

function _M.handling_event(st, e)
  local a = store.get(st, "admins", e.admin_id)
  return {
    type = e.type, timestamp = os.date("!%Y-%m-%dT%H:%M:%SZ", e.at), reason = orn(e.reason),
    teammate = { type = "admin", id = math.tointeger(tonumber(e.admin_id)), name = a and a.name or "",
      email = orn(a and a.email) },
  }
end

return _M
