-- Client options: defaults, validation and normalisation for intercom.new.
-- A bad option raises MisconfiguredClientError naming it, as the Ruby gem does.
local core = require "intercom.core"
local tasks = require "intercom.tasks"
local runtime = require "intercom.runtime"
local url = require "intercom.url"

local type, pairs, error, tostring = type, pairs, error, tostring
-- rawget: LuaJIT has no math.type (and no integer subtype).
local math_type = rawget(math, "type") or function(n) return n == math.floor(n) and "integer" or "float" end

local _M = {}

_M.DEFAULT_VERSION = "2.15"

_M.REGIONS = {
  us = "https://api.intercom.io",
  eu = "https://api.eu.intercom.io",
  au = "https://api.au.intercom.io",
}

local function fail(message)
  error(core.error("MisconfiguredClientError", { message = message }), 0)
end

-- The longest wait or timeout an option may ask for: one day. Larger values
-- (math.huge, 1e19) overflow time_t and long in C, and are never meant.
_M.MAX_SECONDS = 86400

local function nonempty_string(v) return type(v) == "string" and v ~= "" end
-- A string that can go into a header line: no control character but tab
-- (CR, LF or NUL would end the line and inject another).
local function header_safe(v)
  return nonempty_string(v) and not (v:gsub("\t", " ")):find("%c")
end
local function seconds(v) return type(v) == "number" and v > 0 and v <= _M.MAX_SECONDS end
local function boolean(v) return type(v) == "boolean" end
local function callable(v)
  if type(v) == "function" then return true end
  local mt = getmetatable(v)
  return mt ~= nil and type(mt) == "table" and mt.__call ~= nil
end
local function count(v) return type(v) == "number" and math_type(v) == "integer" and v >= 0 and v <= 10 end

-- Every option: how to check it and what the error says was expected.
local OPTIONS = {
  token = { header_safe, "a non-empty string without control characters" },
  app_id = { header_safe, "a non-empty string without control characters" },
  api_key = { header_safe, "a non-empty string without control characters" },
  api_version = { function(v) return v == false or type(v) == "string" end,
    "a version string such as \"2.15\", or false" },
  base_url = { nonempty_string, "a URL such as \"https://api.intercom.io\"" },
  region = { function(v) return _M.REGIONS[v] ~= nil end, "\"us\", \"eu\" or \"au\"" },
  connect_timeout = { seconds, "a positive number of seconds, at most 86400" },
  timeout = { seconds, "a positive number of seconds, at most 86400" },
  handle_rate_limit = { boolean, "a boolean" },
  max_retries = { count, "an integer from 0 to 10" },
  retry_delay = { seconds, "a positive number of seconds, at most 86400" },
  max_retry_delay = { seconds, "a positive number of seconds, at most 86400" },
  transport = { callable, "a function(request) returning a response" },
  sleep = { callable, "a function(seconds)" },
  log = { callable, "a function(event)" },
  headers = { function(v) return type(v) == "table" end, "a table of header names to values" },
  user_agent = { header_safe, "a non-empty string without control characters" },
  verify_tls = { boolean, "a boolean" },
  ca_file = { nonempty_string, "a file name" },
  ca_path = { nonempty_string, "a directory name" },
  allow_http = { boolean, "a boolean" },
}

-- Headers the library owns; extra headers may not replace them.
local RESERVED = { authorization = true, ["content-type"] = true, ["intercom-version"] = true }

-- Options whose values are secrets: a message names them, never shows them.
local SECRET = { token = true, app_id = true, api_key = true }

-- "v1": the original API under /v1/ (HTTP Basic with app_id and api_key,
-- no Intercom-Version header, its own services: see services/v1/).
_M.V1 = "v1"

local function valid_version(v)
  if v == "Unstable" or v == "Preview" or v == _M.V1 then return true end
  local major = v:match("^(%d+)%.%d+$")
  return major ~= nil and tonumber(major) >= 1
end

local function is_loopback(host)
  return host == "localhost" or host == "[::1]" or host:match("^127%.%d+%.%d+%.%d+$") ~= nil
end

-- base_url is scheme://host[:port][/path]: the host is parsed, not guessed
-- from a prefix, so "http://localhost:80@192.0.2.10" (userinfo, whose real
-- host is 192.0.2.10) is refused rather than taken for loopback.
local function check_base_url(u, allow_http)
  local parsed, why = url.parse(u)
  if not parsed then
    fail(("base_url must be an http(s) URL such as \"https://api.intercom.io\": it %s"):format(why))
  end
  if parsed.has_query or parsed.has_fragment then fail("base_url cannot have a query or a fragment") end
  if parsed.scheme == "http" and not allow_http and not is_loopback(parsed.host) then
    fail(("base_url %s is plain http: allowed for loopback only, or with allow_http = true"):format(url.shown(u)))
  end
  return (u:gsub("/+$", ""))
end

-- Returns the normalised settings (never holding the token) and the table for
-- core.new_client (which does).
function _M.normalize(opts, version)
  if opts == nil then opts = {} end
  if type(opts) ~= "table" then fail("intercom.new expects a table of options, got a " .. type(opts)) end
  for k, v in pairs(opts) do
    local option = OPTIONS[k]
    if not option then fail(("unknown option '%s'"):format(tostring(k))) end
    if not option[1](v) then
      local got = type(v) == "string" and url.shown(v) or type(v)
      if type(v) == "number" then got = "number " .. tostring(v) end
      if SECRET[k] then got = type(v) .. " (not shown)" end
      fail(("option '%s' must be %s, got %s"):format(k, option[2], got))
    end
  end
  if opts.token and (opts.app_id or opts.api_key) then
    fail("give either token or app_id + api_key, not both")
  end
  if not opts.token and not (opts.app_id and opts.api_key) then
    fail("an access token must be provided (token = ...), or app_id and api_key for HTTP Basic auth")
  end
  if opts.base_url and opts.region then fail("give either base_url or region, not both") end

  local api_version = opts.api_version
  if api_version == nil then api_version = _M.DEFAULT_VERSION end
  if api_version and not valid_version(api_version) then
    fail(("api_version must be a version such as \"2.15\", \"Unstable\", \"v1\" or false, got %q"):format(api_version))
  end
  local v1 = api_version == _M.V1
  if v1 and opts.token then
    fail("api_version \"v1\" authenticates with app_id and api_key (HTTP Basic), not a token")
  end

  local base_url = check_base_url(opts.base_url or _M.REGIONS[opts.region or "us"], opts.allow_http)
  if v1 and not base_url:match("/v1$") then base_url = base_url .. "/v1" end

  local user_agent = ("lua-intercom/%s (%s; libcurl/%s)"):format(version, _VERSION, core.curl_version)
  if opts.user_agent then user_agent = user_agent .. " " .. opts.user_agent end
  local headers = { "Accept: application/json", "User-Agent: " .. user_agent }
  if api_version and not v1 then headers[#headers + 1] = "Intercom-Version: " .. api_version end
  local names = {}
  for name in pairs(opts.headers or {}) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    local value = opts.headers[name]
    if type(name) ~= "string" or not name:match("^[%w%-]+$") or type(value) ~= "string"
      or (value:gsub("\t", " ")):find("%c") then
      fail(("headers: %s is not a valid header name and string value"):format(tostring(name)))
    end
    if RESERVED[name:lower()] then fail(("headers: %s is set by the library"):format(name)) end
    headers[#headers + 1] = name .. ": " .. value
  end

  local host_transport, host_sleep = runtime.defaults(opts) -- in nginx: cosockets and ngx.sleep
  local settings = {
    api_version = api_version or nil,
    base_url = base_url,
    connect_timeout = opts.connect_timeout or 30,
    timeout = opts.timeout or 90,
    handle_rate_limit = opts.handle_rate_limit or false,
    max_retries = opts.max_retries or 2,
    retry_delay = opts.retry_delay or 0.5,
    max_retry_delay = opts.max_retry_delay or 8,
    transport = opts.transport or host_transport,
    sleep = opts.sleep or host_sleep or tasks.sleep, -- tasks.sleep: yields inside a task, blocks elsewhere
    log = opts.log,
    headers = headers,
    user_agent = user_agent,
    auth_scheme = opts.token and "Bearer" or "Basic",
  }
  local core_cfg = {
    base_url = base_url,
    token = opts.token, app_id = opts.app_id, api_key = opts.api_key,
    headers = headers,
    connect_timeout = settings.connect_timeout, timeout = settings.timeout,
    verify_tls = opts.verify_tls, ca_file = opts.ca_file, ca_path = opts.ca_path,
  }
  return settings, core_cfg
end

return _M
