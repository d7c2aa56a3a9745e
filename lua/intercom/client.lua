--- The client object: a core intercom.Client userdata whose Lua methods are
-- added here. Services (client.contacts, ...) are made on first use.
-- Read `client.base_url`, `client.api_version` and `client.rate_limit_details`
-- (`limit`, `remaining`, `reset_at`, from the last answer); `client:close()`
-- closes it (also on garbage collection and with `<close>`).
-- @module intercom.client
local core = require "intercom.core"
local config = require "intercom.config"
local transport = require "intercom.transport"
local request = require "intercom.request"
local service = require "intercom.service"
local guard = require "intercom.guard"
local check = require "intercom.check"
local index = require "intercom.services.index"

local type, ipairs, pairs, getmetatable = type, ipairs, pairs, getmetatable
local resource, is_resource = core.resource, core.is_resource

local _M = {}

local methods = core.client_methods

function methods.__missing(client, name)
  return service.for_client(client, name)
end

local function typed(client, data)
  if type(data) == "table" and not data[1] then return resource(data, client) end
  if type(data) == "table" then
    for i, item in ipairs(data) do
      if type(item) == "table" then data[i] = resource(item, client) end
    end
  end
  return data
end

local function verb(method, body_kind)
  local where = "client:" .. method:lower()
  local options = { where = where }
  return guard.wrap(function(client, path, arg)
    check.value(where, "path", path, "string!")
    if not path:match("^/") and not path:match("^https?://") then
      check.fail(where, ("argument 'path' must start with '/', got %q"):format(path))
    end
    if body_kind == "query" then
      check.value(where, "params", arg, "table")
      return typed(client, (request.send(client, method, path, arg, nil, options)))
    end
    if arg ~= nil and type(arg) ~= "table" and not is_resource(arg) then
      check.fail(where, "argument 'body' must be a table or an intercom object, got " .. check.describe(arg))
    end
    return typed(client, (request.send(client, method, path, nil, arg, options)))
  end, where, guard.CLIENT)
end

--- The escape hatch, for anything without a wrapper: typed results like the services.
-- `client:get(path, params)`: params go in the query.
-- @function get
-- @tparam string path such as "/me"
-- @tparam[opt] table params
-- @return an object, or the decoded JSON

--- `client:post(path, body)`: a JSON body (a table or an intercom object).
-- @function post

--- `client:put(path, body)`: a JSON body (a table or an intercom object).
-- @function put

--- `client:delete(path, params)`: params go in the query.
-- @function delete
methods.get = verb("GET", "query")
methods.post = verb("POST", "body")
methods.put = verb("PUT", "body")
methods.delete = verb("DELETE", "query")

-- pairs(client): what a user can read from it: its fields, its methods, then
-- its services (each made on first use, as client.<name> makes it). The
-- settings (and the token, which lives in C) are not listed.
local FIELDS = { "base_url", "api_version", "handle_rate_limit", "rate_limit_details" }
local METHODS = { "get", "post", "put", "delete", "close" }
local pairs_keys

local function client_pairs(client)
  if not pairs_keys then
    pairs_keys = {}
    for _, k in ipairs(FIELDS) do pairs_keys[#pairs_keys + 1] = k end
    for _, k in ipairs(METHODS) do pairs_keys[#pairs_keys + 1] = k end
    local services = {}
    for name in pairs(index.services) do services[#services + 1] = name end
    table.sort(services)
    for _, k in ipairs(services) do pairs_keys[#pairs_keys + 1] = k end
  end
  local i = 0
  return function()
    i = i + 1
    local k = pairs_keys[i]
    if k == nil then return nil end
    return k, client[k]
  end, client, nil
end

--- Builds a client from the options of intercom.new (safe: intercom.safe.new).
-- Use `intercom.new` or `intercom.safe.new` rather than this.
-- @tparam table opts
-- @bool safe whether methods return nil, err instead of raising
-- @treturn Client
function _M.new(opts, safe)
  local settings, core_cfg = config.normalize(opts, core.VERSION)
  settings.header_table = transport.header_table(settings.headers)
  local client = core.new_client(core_cfg)
  local mt = getmetatable(client) -- the core's intercom.Client metatable, shared by every client
  if mt.__pairs == nil then mt.__pairs = client_pairs end
  local f = core.fields(client)
  f.settings = settings
  f.base_url = settings.base_url
  f.api_version = settings.api_version
  f.handle_rate_limit = settings.handle_rate_limit
  f.rate_limit_details = {}
  f.safe = safe or false
  return client
end

return _M
