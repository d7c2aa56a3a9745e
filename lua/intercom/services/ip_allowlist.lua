-- client.ip_allowlist: which IP addresses may use the workspace. API 2.15:
-- GET and PUT /ip_allowlist. The PUT replaces the settings, so save sends
-- the whole list, not only what changed.
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"
local request = require "intercom.request"

local type, ipairs = type, ipairs

local function whole_list(list)
  local out = {}
  for i, v in ipairs(list) do out[i] = v end
  return core.array(out) -- an empty list still goes out as []
end

local update = op.call { "PUT /ip_allowlist", needs_args = true,
  args = { enabled = "boolean", ip_allowlist = "table" } }

-- update{ enabled = true, ip_allowlist = { "203.0.113.0/24" } }
local function update_fn(svc, where, x)
  if type(x) == "table" and not core.is_resource(x) and type(x.ip_allowlist) == "table" then
    local args = {}
    for k, v in pairs(x) do args[k] = v end
    args.ip_allowlist = whole_list(x.ip_allowlist)
    x = args
  end
  return op.invoke(update, where, svc, x)
end

-- save(settings): the object from find, changed in place, sent whole; the
-- object is refreshed from the answer.
local function save(svc, where, settings)
  check.value(where, "settings", settings, "resource!")
  check.value(where, "settings.enabled", settings.enabled, "boolean")
  local list = settings.ip_allowlist
  check.value(where, "settings.ip_allowlist", list, "table")
  local body = { enabled = settings.enabled, ip_allowlist = list and whole_list(list) }
  local data = request.send(op.client(svc), "PUT", "/ip_allowlist", nil, body, { where = where })
  if type(data) == "table" then core.refresh(settings, data) end
  return settings
end

local find = op.call { "GET /ip_allowlist", returns = "object!" }

return {
  ops = {
    find = find,
    get = find, -- reads better for a singleton: client.ip_allowlist:get()
    update = op.custom(update_fn, { "PUT /ip_allowlist" }),
    save = op.custom(save, { "PUT /ip_allowlist" }),
  },
}
