--- Webhook deliveries: `intercom.notification(body)` reads one (python-intercom
-- 2.x's Notification, intercom-go's NewNotification), and
-- `intercom.verify_signature` / `intercom.user_hash` (in the core) check and
-- make the HMACs Intercom uses.
--
--   local ok, why = intercom.verify_signature(secret, raw_body, headers["X-Hub-Signature"])
--   if not ok then return 401 end
--   local n = intercom.notification(raw_body)
--   print(n.topic, n.model_type, n.model.id)
--   local fresh = n:load(client) -- GET the item by its id
-- @module intercom.notification
local core = require "intercom.core"
local check = require "intercom.check"

local type, setmetatable, getmetatable, tostring, pcall = type, setmetatable, getmetatable, tostring, pcall
local resource, is_resource, json_decode = core.resource, core.is_resource, core.json_decode

local _M = {}

local WHERE = "intercom.notification"

-- What n:load(client) calls for each item type: the service whose find
-- takes the item, and for items that wrap another (contact.tag.created's
-- contact_tag), the field holding the object to load.
_M.LOADERS = {
  contact = { "contacts" },
  user = { "users" },
  lead = { "leads" },
  visitor = { "visitors" },
  company = { "companies" },
  conversation = { "conversations" },
  tag = { "tags" },
  ticket = { "tickets" },
  admin = { "admins" },
  contact_tag = { "contacts", field = "contact" },
  company_contact = { "contacts", field = "contact" },
}

local Notification = {}
Notification.__index = Notification
Notification.__name = "intercom.Notification"

function Notification.__tostring(n)
  return ("intercom.Notification<%s %s %s>"):format(tostring(n.topic), tostring(n.model_type), tostring(n.id))
end

local function fail(message)
  check.fail(WHERE, message)
end

--- Fetches the full, current object the notification is about.
-- @tparam Client client the client to fetch with
-- @return the object (a contact, a conversation, ...)
function Notification:load(client)
  local where = "notification:load"
  if getmetatable(self) ~= Notification then check.fail(where, "call it as n:load(client)") end
  local is_client = type(client) == "userdata" and pcall(function() return client.contacts ~= nil end)
  if not is_client or client.contacts == nil then
    check.fail(where, "argument 'client' must be an intercom client, got " .. check.describe(client))
  end
  local loader = _M.LOADERS[self.model_type]
  if not loader then
    check.fail(where, ("a %s cannot be loaded by id"):format(tostring(self.model_type)))
  end
  local target = self.model
  if loader.field then target = target[loader.field] end
  if not is_resource(target) or target.id == nil then
    check.fail(where, ("the %s in this notification has no id"):format(tostring(self.model_type)))
  end
  return client[loader[1]]:find(target)
end

--- Reads a webhook delivery.
-- @param body the raw JSON text of the request body, or the decoded table
-- @tparam[opt] Client client binds the model to a client, so its methods work
-- @treturn Notification `id`, `topic`, `app_id`, `created_at`, `first_sent_at`,
--   `delivered_at`, `delivery_attempts`, `model_type`, `model` (the item, an
--   intercom object of its type), `data` (the decoded body)
function _M.new(body, client)
  local data = body
  if type(body) == "string" then
    local err
    data, err = json_decode(body)
    if data == nil then fail("the body is not JSON (" .. tostring(err) .. ")") end
  elseif is_resource(body) then
    data = body:to_table()
  elseif type(body) ~= "table" then
    fail("argument 'body' must be the request body (a string) or its decoded table, got " .. check.describe(body))
  end
  if type(data) ~= "table" then fail("the body is not a JSON object") end
  if data.type ~= nil and data.type ~= "notification_event" then
    fail(("the body's type is %q, not \"notification_event\""):format(tostring(data.type)))
  end
  if type(data.topic) ~= "string" or data.topic == "" then fail("the body has no topic (a string)") end
  if type(data.data) ~= "table" then fail("the body has no data object") end
  local item = data.data.item
  if type(item) ~= "table" or item[1] ~= nil then fail("the body's data has no item object") end
  local model_type = type(item.type) == "string" and item.type or nil
  return setmetatable({
    id = data.id, topic = data.topic, app_id = data.app_id,
    created_at = data.created_at, first_sent_at = data.first_sent_at, delivered_at = data.delivered_at,
    delivery_attempts = data.delivery_attempts, delivery_status = data.delivery_status,
    model_type = model_type,
    model = resource(item, client),
    data = data,
  }, Notification)
end

_M.Notification = Notification

return _M
