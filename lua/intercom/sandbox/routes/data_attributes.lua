-- /data_attributes: the workspace's attributes of contacts and companies.
-- Built-in ones are seeded (they have no id); custom ones are created with
-- POST, changed or archived with PUT /data_attributes/{id}. An attribute a
-- segment filters on cannot be archived (422 data_invalid).
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"
local fixtures = require "intercom.sandbox.fixtures.workspace"

local MODELS = { contact = true, company = true, conversation = true }
local DATA_TYPES = { string = true, integer = true, float = true, boolean = true, datetime = true, date = true }

-- { model, name, data_type, label, options } seeded at every reset.
local BUILT_IN = {
  { "contact", "name", "string", "Name" },
  { "contact", "email", "string", "Email" },
  { "contact", "phone", "string", "Phone" },
  { "contact", "external_id", "string", "User ID" },
  { "contact", "signed_up_at", "date", "Signed up" },
  { "contact", "last_seen_at", "date", "Last seen" },
  { "contact", "unsubscribed_from_emails", "boolean", "Unsubscribed from emails" },
  { "company", "name", "string", "Company name" },
  { "company", "company_id", "string", "Company ID" },
  { "company", "size", "integer", "Company size" },
  { "company", "website", "string", "Company website" },
  { "company", "industry", "string", "Company industry" },
  { "company", "monthly_spend", "float", "Monthly spend" },
  { "conversation", "state", "string", "State", { "open", "closed", "snoozed" } },
  { "conversation", "priority", "string", "Priority", { "priority", "not_priority" } },
}

-- The custom attributes the seeded contacts and companies use.
local CUSTOM = {
  { "contact", "plan", "string", "Subscription plan", { "free", "team", "pro" } },
  { "contact", "seats", "integer", "Seats in use" },
  { "contact", "trial", "boolean", "On a trial" },
  { "contact", "source", "string", "Where the lead came from" },
  { "company", "region", "string", "Sales region", { "EMEA", "AMER", "APAC" } },
  { "company", "renewal", "string", "Renewal month" },
}

local function seed(st)
  local at = fixtures.EPOCH
  for i, a in ipairs(BUILT_IN) do
    store.add(st, "data_attributes", {
      id = "builtin-" .. i, model = a[1], name = a[2], data_type = a[3], label = a[4], options = a[5],
      custom = false, archived = false, api_writable = a[2] ~= "external_id" and a[1] ~= "conversation",
      ui_writable = true, messenger_writable = false,
    })
  end
  for i, a in ipairs(CUSTOM) do
    store.add(st, "data_attributes", {
      id = store.next_number(st, "data_attribute", 12871), model = a[1], name = a[2], data_type = a[3],
      label = a[2], description = a[4], options = a[5], custom = true, archived = false, api_writable = true,
      ui_writable = true, messenger_writable = false, admin_id = fixtures.ADMINS[1].id,
      created_at = at + i * fixtures.DAY, updated_at = at + i * fixtures.DAY,
    })
  end
end

local function render(a)
  local o = {
    type = "data_attribute", model = a.model, name = a.name, label = a.label, data_type = a.data_type,
    full_name = a.custom and "custom_attributes." .. a.name or a.name, custom = a.custom,
    archived = a.archived, api_writable = a.api_writable, ui_writable = a.ui_writable,
    messenger_writable = a.messenger_writable, description = a.description,
  }
  if a.custom then
    o.id = math.tointeger(tonumber(a.id))
    o.admin_id = a.admin_id
    o.created_at, o.updated_at = a.created_at, a.updated_at
  end
  if a.options then o.options = json.array(json.copy(a.options)) end
  return o
end

local function list(ctx)
  local q = ctx.query
  if q.model and not MODELS[q.model] then
    reply.invalid("model must be one of contact, company or conversation", "model")
  end
  local with_archived = q.include_archived == "true"
  local data = json.array()
  for _, a in ipairs(store.list(ctx.st, "data_attributes")) do
    if (not q.model or a.model == q.model) and (with_archived or not a.archived) then
      data[#data + 1] = render(a)
    end
  end
  return reply.json(200, { type = "list", data = data })
end

-- options: [{ value = "..." }, ...] with at least two entries.
local function options_of(v)
  if not json.is_array(v) then reply.invalid("Options isn't an array", "options") end
  local out = {}
  for i, o in ipairs(v) do
    if not json.is_object(o) or type(o.value) ~= "string" then
      reply.invalid("each option must be an object with a string value", "options")
    end
    out[i] = o.value
  end
  if #out < 2 then reply.invalid("a list attribute needs at least two options", "options") end
  return out
end

local function boolean(body, name)
  local v = body[name]
  if json.is_null(v) then return nil end
  if type(v) ~= "boolean" then reply.invalid(name .. " must be a boolean", name) end
  return v
end

local CREATE_KEYS = { name = true, model = true, data_type = true, options = true, description = true,
  messenger_writable = true }

local function create(ctx)
  local body = input.object(ctx.body)
  for k in pairs(body) do
    if not CREATE_KEYS[k] then reply.invalid("'" .. tostring(k) .. "' is not a data attribute field", tostring(k)) end
  end
  local name = input.string(body, "name", true)
  if name == "" or name:find("[^%w _%-%$\128-\255]") then
    reply.invalid("Your name for this attribute must only contain alphanumeric characters, currency symbols, "
      .. "and hyphens", "name")
  end
  local model = input.string(body, "model", true)
  if model ~= "contact" and model ~= "company" then
    reply.invalid("The Data Attribute model field must be either contact or company", "model")
  end
  local data_type = input.string(body, "data_type", true)
  local options
  if data_type == "options" then
    options, data_type = options_of(body.options), "string"
  elseif not DATA_TYPES[data_type] then
    reply.invalid("Data Type isn't an option", "data_type")
  elseif not json.is_null(body.options) then
    options = options_of(body.options)
  end
  for _, a in pairs(ctx.st.data_attributes) do
    if a.model == model and a.name:lower() == name:lower() then
      local data = model == "company" and "company" or "people"
      reply.invalid(("You already have '%s' in your %s data. To save this as new %s data, use a different name.")
        :format(name, data, data), "name")
    end
  end
  local a = store.add(ctx.st, "data_attributes", {
    id = store.next_number(ctx.st, "data_attribute", 12871), model = model, name = name, label = name,
    data_type = data_type, options = options, description = input.string(body, "description"),
    custom = true, archived = false, api_writable = true, ui_writable = true,
    messenger_writable = boolean(body, "messenger_writable") or false, admin_id = ctx.st.me,
    created_at = ctx.now, updated_at = ctx.now,
  })
  return reply.json(200, render(a))
end

-- Does any segment (of the attribute's model) filter on it?
local function used_by_segment(st, a)
  local field = "custom_attributes." .. a.name
  local function uses(rule)
    if type(rule) ~= "table" then return false end
    if rule.field == field then return true end
    if json.is_array(rule.value) then
      for _, sub in ipairs(rule.value) do
        if uses(sub) then return true end
      end
    end
    return false
  end
  for _, seg in pairs(st[a.model == "company" and "company_segments" or "segments"] or {}) do
    if uses(seg.rule) then return true end
  end
  return false
end

local UPDATE_KEYS = { archived = true, description = true, messenger_writable = true, options = true }

local function update(ctx)
  local a = store.get(ctx.st, "data_attributes", ctx.params.id)
  if not a or not a.custom then
    reply.fail(404, "field_not_found", "We couldn't find that data attribute to update")
  end
  local body = input.object(ctx.body)
  for k in pairs(body) do
    if not UPDATE_KEYS[k] then
      reply.invalid("'" .. tostring(k) .. "' cannot be changed on a data attribute", tostring(k))
    end
  end
  local archived = boolean(body, "archived")
  if archived == true and not a.archived and used_by_segment(ctx.st, a) then
    reply.fail(422, "data_invalid", "The Data Attribute you are trying to archive has a dependant object")
  end
  local options = not json.is_null(body.options) and options_of(body.options) or nil
  local messenger_writable = boolean(body, "messenger_writable")
  local description = input.string(body, "description")
  if archived ~= nil then a.archived = archived end
  if options then a.options = options end
  if messenger_writable ~= nil then a.messenger_writable = messenger_writable end
  if description then a.description = description end
  a.updated_at = ctx.now
  return reply.json(200, render(a))
end

return {
  { "GET /data_attributes", list },
  { "POST /data_attributes", create },
  { "PUT /data_attributes/{id}", update },
  seed = seed,
}
