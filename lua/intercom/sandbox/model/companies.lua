-- The company model: lookups, the checks on create/update bodies, deletion
-- (which detaches contacts), and company segments, whose membership is a
-- rule in the search language evaluated on the company (like contact
-- segments). HTTP glue lives in routes/companies.lua; shapes in render/people.lua.
local ids = require "intercom.sandbox.model.ids"
local json = require "intercom.sandbox.server.json"
local query = require "intercom.sandbox.search.query"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local _M = {}

local is_null = json.is_null

function _M.find(st, id)
  local c = store.get(st, "companies", id)
  if not c then reply.not_found("Company Not Found", "company_not_found") end
  return c
end

function _M.by_company_id(st, company_id)
  for _, c in pairs(st.companies) do
    if c.company_id == company_id then return c end
  end
end

function _M.by_name(st, name)
  for _, c in ipairs(store.list(st, "companies")) do
    if c.name == name then return c end
  end
end

local function is_integer(v)
  return type(v) == "number" and v == math.floor(v) and v > -2 ^ 53 and v < 2 ^ 53
end

local function string_field(name)
  return function(v)
    if type(v) ~= "string" then reply.invalid(name .. " must be a string", name) end
    return v
  end
end

local function integer_field(name)
  return function(v)
    if not is_integer(v) then reply.invalid(name .. " must be an integer", name) end
    return math.floor(v)
  end
end

-- A plan is named in requests and shown as { id, name }; plans are shared by
-- name across the workspace.
local function plan_named(st, name)
  for _, c in pairs(st.companies) do
    if c.plan and c.plan.name == name then return { id = c.plan.id, name = name } end
  end
  return { id = store.next_number(st, "plan", 269401), name = name }
end

-- Writable fields (create_or_update_company_request / update_company_request).
_M.WRITABLE = {
  name = string_field("name"),
  website = string_field("website"),
  industry = string_field("industry"),
  plan = string_field("plan"),
  size = integer_field("size"),
  monthly_spend = function(v)
    if type(v) ~= "number" or v ~= v then reply.invalid("monthly_spend must be a number", "monthly_spend") end
    return v
  end,
  remote_created_at = integer_field("remote_created_at"),
  custom_attributes = function(v)
    if not json.is_object(v) then reply.invalid("custom_attributes must be an object", "custom_attributes") end
    for k, x in pairs(v) do
      if type(x) == "table" and x ~= json.null then
        reply.invalid("custom attribute '" .. tostring(k) .. "' must be a string, number, boolean or null",
          "custom_attributes." .. tostring(k))
      end
    end
    return v
  end,
}

-- Applies a checked body to a record; `allowed` names the extra keys the
-- route itself handles (identifiers).
local function apply(st, c, body, allowed, now)
  local changes = {}
  for k, v in pairs(body) do
    if not allowed[k] then
      local check = _M.WRITABLE[k]
      if not check then
        reply.invalid("'" .. tostring(k) .. "' is not a field you can set on a company", tostring(k))
      end
      if not is_null(v) then changes[k] = check(v) end
    end
  end
  for k, v in pairs(changes) do
    if k == "custom_attributes" then
      c.custom_attributes = c.custom_attributes or {}
      for name, x in pairs(v) do
        if x == json.null then c.custom_attributes[name] = nil else c.custom_attributes[name] = x end
      end
    elseif k == "plan" then
      c.plan = plan_named(st, v)
    else
      c[k] = v
    end
  end
  c.updated_at = now
  return c
end

local IDENTIFIERS = { id = true, company_id = true }

local function object(body)
  if body == nil then return {} end
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  return body
end

function _M.new_id(st, now)
  st.company_serial = (st.company_serial or 0) + 1
  return ids.object_id(now, st.company_serial)
end

-- POST /companies: found by id or company_id and updated, else created.
-- Returns the record and whether it was created.
function _M.create_or_update(st, body, now)
  body = object(body)
  local company_id = body.company_id
  if not is_null(company_id) and type(company_id) ~= "string" then
    if is_integer(company_id) then company_id = string.format("%d", company_id)
    else reply.invalid("company_id must be a string", "company_id") end
  end
  local found
  if not is_null(body.id) then
    found = _M.find(st, body.id)
    if not is_null(company_id) and found.company_id ~= company_id then
      reply.invalid("company_id cannot be changed once set", "company_id")
    end
  elseif not is_null(company_id) then
    found = _M.by_company_id(st, company_id)
  else
    reply.missing("company_id not specified", "company_id")
  end
  if found then return apply(st, found, body, IDENTIFIERS, now), false end
  if company_id == "" then reply.invalid("company_id must not be empty", "company_id") end
  local c = {
    id = _M.new_id(st, now),
    company_id = company_id, created_at = now, remote_created_at = now, tags = {},
    custom_attributes = {}, monthly_spend = 0, session_count = 0,
  }
  apply(st, c, body, IDENTIFIERS, now)
  return store.add(st, "companies", c), true
end

-- PUT /companies/{id}: company_id cannot change.
function _M.update(st, c, body, now)
  body = object(body)
  if not is_null(body.company_id) and body.company_id ~= c.company_id then
    reply.invalid("company_id cannot be changed once set", "company_id")
  end
  return apply(st, c, body, { company_id = true, id = true }, now)
end

-- Contacts attached to the company, in creation order.
function _M.contacts_of(st, c)
  return store.list(st, "contacts", function(rec)
    for _, id in ipairs(rec.companies) do
      if id == c.id then return true end
    end
    return false
  end)
end

-- Deleting detaches the company from its contacts and drops its notes.
function _M.remove(st, c)
  for _, rec in ipairs(_M.contacts_of(st, c)) do
    for i = #rec.companies, 1, -1 do
      if rec.companies[i] == c.id then table.remove(rec.companies, i) end
    end
  end
  for id, note in pairs(st.notes) do
    if note.company_id == c.id then st.notes[id] = nil end
  end
  store.remove(st, "companies", c.id)
end

function _M.has_tag(c, tag_id)
  for _, id in ipairs(c.tags or {}) do
    if id == tag_id then return true end
  end
  return false
end

---- company segments --------------------------------------------------------

-- What a segment rule sees of a company.
function _M.view(c)
  local tag_id = json.array()
  for i, id in ipairs(c.tags or {}) do tag_id[i] = id end
  return {
    id = c.id, company_id = c.company_id, name = c.name, size = c.size, website = c.website,
    industry = c.industry, monthly_spend = c.monthly_spend, session_count = c.session_count,
    created_at = c.created_at, last_request_at = c.last_request_at,
    plan = c.plan and { id = c.plan.id, name = c.plan.name } or {},
    custom_attributes = c.custom_attributes or {}, tag_id = tag_id,
  }
end

local compiled = setmetatable({}, { __mode = "k" })

function _M.in_segment(c, seg)
  local f = compiled[seg]
  if not f then
    f = assert(query.compile(seg.rule))
    compiled[seg] = f
  end
  return f(_M.view(c))
end

function _M.segments_of(st, c)
  local out = {}
  for _, seg in ipairs(store.list(st, "company_segments")) do
    if _M.in_segment(c, seg) then out[#out + 1] = seg end
  end
  return out
end

function _M.segment_count(st, seg)
  local n = 0
  for _, c in pairs(st.companies) do
    if _M.in_segment(c, seg) then n = n + 1 end
  end
  return n
end

return _M
