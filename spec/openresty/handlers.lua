-- Locations for the nginx spec (spec/openresty/nginx_check.lua), run inside
-- nginx under LuaJIT. Each answers plain text lines the spec reads.
-- luacheck: read globals ngx
local intercom = require "intercom"

local _M = {}

local init = {} -- what happened in init_by_lua (kept by the workers forked after it)

local function base_url() return os.getenv("INTERCOM_BASE_URL") end

local function describe(ok, err)
  if ok then return "ok" end
  if type(err) ~= "userdata" and type(err) ~= "table" then return "lua error: " .. tostring(err) end
  return ("%s %s %s"):format(err.class, tostring(err.kind), err.message)
end

-- init_by_lua: a client can be made here (no cosocket needed), but a request
-- is a MisconfiguredClientError naming the phase.
function _M.init_phase()
  local ok, client = pcall(intercom.new, { token = "spec", base_url = base_url(), max_retries = 0 })
  init.created = ok and "ok" or describe(false, client)
  if ok then
    init.client = client
    init.request = describe(pcall(function() return client:get("/me") end))
  end
end

-- GET /spec/init?id=: the init_by_lua outcome, then the client made there used here.
function _M.init()
  ngx.say("created: ", init.created)
  ngx.say("request: ", init.request)
  local ok, contact = pcall(init.client.contacts.find, init.client.contacts, ngx.var.arg_id)
  ngx.say("later: ", ok and contact.email or describe(false, contact))
end

-- GET /spec/failure?case=refused&port=N | timeout | tls | dropped
local CASES = {
  refused = function() return { base_url = "http://127.0.0.1:" .. ngx.var.arg_port }, "/me" end,
  timeout = function() return { base_url = base_url(), timeout = 0.3 }, "/contacts/" .. ngx.var.arg_id end,
  tls = function()
    return { base_url = base_url():gsub("^http:", "https:"), connect_timeout = 2 }, "/me"
  end,
}

function _M.failure()
  local case = CASES[ngx.var.arg_case]
  local opts, path = case()
  opts.token = "spec"
  opts.max_retries = 0
  local client = intercom.new(opts)
  ngx.say(describe(pcall(client.get, client, path)))
end

-- POST /spec/create?email=: a POST (the spec arms a dropped connection for it).
function _M.create()
  local client = intercom.new{ token = "spec", base_url = base_url() }
  ngx.say(describe(pcall(client.contacts.create, client.contacts,
    { email = ngx.var.arg_email, role = "user" })))
end

-- GET /spec/retry: the spec arms one 503 on GET /me; the retry waits with
-- the default sleep (ngx.sleep), which must not hold up the worker.
function _M.retry()
  local waits = 0
  local client = intercom.new{ token = "spec", base_url = base_url(), retry_delay = 0.6, max_retry_delay = 0.6,
    log = function(event) if event.retry_in then waits = waits + 1 end end }
  local ok, me = pcall(client.get, client, "/me")
  ngx.say(ok and ("ok " .. me.type .. " after " .. waits .. " wait") or describe(false, me))
end

-- GET /spec/list: a lazy collection, paged inside a content handler.
function _M.list()
  local client = intercom.new{ token = "spec", base_url = base_url() }
  local n = 0
  for _ in client.contacts:all() do n = n + 1 end
  ngx.say("contacts: ", n)
end

return _M
