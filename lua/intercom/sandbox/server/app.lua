-- The sandbox application: runs inside the sandbox's own lua_State, called by
-- the C front (src/sandbox/front.c) for every HTTP request (handle) and for
-- control calls from the host (sb:call -> the functions at the bottom); or,
-- made with _M.new(), in the caller's state by the in-process sandbox.
--
-- A request goes: control routes (/_sandbox/) | journal -> faults -> auth ->
-- Intercom-Version -> rate limit -> route table -> response with headers.
local core = require "intercom.core"
local faults = require "intercom.sandbox.server.faults"
local fixtures = require "intercom.sandbox.fixtures.workspace"
local ids = require "intercom.sandbox.model.ids"
local journal = require "intercom.sandbox.server.journal"
local json = require "intercom.sandbox.server.json"
local limiter = require "intercom.sandbox.server.limiter"
local reply = require "intercom.sandbox.server.reply"
local router = require "intercom.sandbox.server.router"
local store = require "intercom.sandbox.model.store"
local urlcode = require "intercom.sandbox.server.urlcode"
local outbox = require "intercom.sandbox.webhooks.outbox"
local topics = require "intercom.sandbox.webhooks.topics"
local v1 = require "intercom.sandbox.routes.v1"

local _M = {}

-- The route table: one module per resource, each a list of { template, handler }
-- (and optionally a seed(st) function that adds its resource's seeded records).
_M.ROUTE_MODULES = {
  -- people
  "contacts", "contact_tags", "contact_notes", "contact_companies", "contact_segments",
  "contact_subscriptions", "tags", "companies", "segments", "subscription_types", "notes",
  "visitors", "data_attributes", "custom_object_instances",
  -- conversations and tickets
  "conversations", "conversation_parts", "messages", "tickets", "ticket_types", "calls",
  -- the workspace and its content
  "admins", "teams", "away_status_reasons", "help_centers", "collections", "sections", "articles",
  "internal_articles", "news", "brands", "emails", "ip_allowlist",
  -- data in and out
  "events", "bulk_events", "jobs", "data_exports", "reporting_exports", "phone_call_redirects",
  "ai_content", "fin", "fin_voice", "workflows",
  -- the v1 API (legacy)
  "legacy_users", "legacy_leads", "counts", "webhook_subscriptions",
  -- the original API, under /v1/ with Basic auth
  "v1",
}

local ROUTE_MODULES = _M.ROUTE_MODULES

-- _M.new() -> an app with a state of its own: the in-process sandbox
-- (intercom.sandbox.new) makes one per sandbox in the caller's Lua state. The
-- module itself is the app of the HTTP front, one per Lua state it creates.
function _M.new()
  local app = {}
  local state = {} -- config, st (the data), journal, faults, limiter, routers

  local function build_routers()
    local entries = {}
    for _, name in ipairs(ROUTE_MODULES) do
      for _, entry in ipairs(require("intercom.sandbox.routes." .. name)) do entries[#entries + 1] = entry end
    end
    state.api = router.new(entries)
    state.control = router.new(require("intercom.sandbox.routes.control")(app))
  end

  -- configure{ token = nil | string, seed = true, rate_limit = { limit, window }, workspace_id,
  --            webhooks = { client_secret, attempts, backoff, timeout } }
  function app.configure(cfg)
    cfg = type(cfg) == "table" and cfg or {}
    local rate = type(cfg.rate_limit) == "table" and cfg.rate_limit or limiter.DEFAULT
    state.config = {
      token = type(cfg.token) == "string" and cfg.token ~= "" and cfg.token or nil,
      seed = cfg.seed ~= false,
      workspace_id = type(cfg.workspace_id) == "string" and cfg.workspace_id or "sandbox1",
      limit = rate.limit or limiter.DEFAULT.limit,
      window = rate.window or limiter.DEFAULT.window,
      webhooks = type(cfg.webhooks) == "table" and cfg.webhooks or {},
    }
    limiter.new(state.config.limit, state.config.window) -- fail early on a bad limit
    build_routers()
    app.reset()
    return true
  end

  ---- request handling -----------------------------------------------------

  local function set_header(headers, name, value)
    local lname = name:lower()
    for k in pairs(headers) do
      if k:lower() == lname then headers[k] = nil end
    end
    headers[name] = value
  end

  local function has_header(headers, name)
    for k in pairs(headers) do
      if k:lower() == name:lower() then return true end
    end
    return false
  end

  -- A route result -> what the C front sends.
  local function finish(res, request_id, rate)
    local headers = {}
    for k, v in pairs(res.headers or {}) do headers[k] = v end
    set_header(headers, "X-Request-Id", request_id)
    if rate then
      set_header(headers, "X-RateLimit-Limit", tostring(rate.limit))
      set_header(headers, "X-RateLimit-Remaining", tostring(rate.remaining))
      set_header(headers, "X-RateLimit-Reset", string.format("%d", rate.reset))
    end
    local body = res.body
    if body == nil and res.value ~= nil then
      local v = res.value
      if type(v) == "table" and v.type == "error.list" and v.request_id == nil then v.request_id = request_id end
      body = json.encode(v)
    end
    body = body or ""
    -- An empty body (POST /events, DELETE /tags/{id}) carries no media type.
    if body ~= "" and not has_header(headers, "Content-Type") then headers["Content-Type"] = reply.CONTENT_TYPE end
    return { status = res.status, headers = headers, body = body }
  end

  local function authorized(value)
    if type(value) ~= "string" then return false end
    local scheme, credential = value:match("^(%S+)%s+(%S+)%s*$")
    if not scheme then return false end
    scheme = scheme:lower()
    if state.config.token then return scheme == "bearer" and credential == state.config.token end
    return scheme == "bearer" or scheme == "basic"
  end

  local function valid_version(v)
    return v:match("^%d+%.%d+$") ~= nil or v == "Unstable" or v == "Preview"
  end

  local function decode_body(req)
    local m = req.method
    if (m ~= "POST" and m ~= "PUT" and m ~= "PATCH") or not req.body:find("%S") then return nil end
    local v = json.decode(req.body)
    if v == nil then reply.fail(400, "bad_request", "The request body is not valid JSON") end
    return v
  end

  -- Runs a handler; failures raised with reply.fail become error responses and
  -- any other error a 500 that names it (the sandbox has a bug, say so).
  local function run(handler, ctx)
    local ok, res = xpcall(function()
      ctx.body = decode_body(ctx.req)
      return handler(ctx)
    end, function(e)
      if reply.is_failure(e) then return e end
      return debug.traceback(tostring(e), 2)
    end)
    if ok then return res end
    if reply.is_failure(res) then return res.response end
    return reply.error(500, "server_error", "sandbox error: " .. tostring(res):match("^[^\n]*"))
  end

  local function context(req, segments, params)
    return {
      st = state.st, req = req, params = params or {}, segments = segments,
      query = urlcode.parse_query(req.query), now = os.time(),
      base_url = req.base_url or ("http://" .. (req.headers.host or "127.0.0.1")), -- in-process: the caller's
    }
  end

  ---- webhooks: API calls that change the state publish their topics -----

  -- The API's rendering of GET path, as the caller of req would see it.
  local function internal_get(req, path)
    local segments = urlcode.segments(path)
    local route, params = router.resolve(state.api, "GET", segments)
    if not route then return nil end
    local res = run(route.handler, context({ method = "GET", path = path, query = "", body = "",
      headers = req.headers, base_url = req.base_url }, nil, params))
    if res.status == 200 and type(res.value) == "table" then return res.value end
    return nil
  end

  local function count(kind)
    local n = 0
    for _ in pairs(state.st[kind] or {}) do n = n + 1 end
    return n
  end

  -- Runs a route, and when it succeeded, its topic rule (never failing the
  -- request: a rule that errs publishes nothing).
  local function run_and_publish(route, req, params)
    local ctx = context(req, nil, params)
    local rule = topics.RULES[route.key]
    local before = rule and rule.grows and count(rule.grows)
    local res = run(route.handler, ctx)
    if rule and res.status and res.status < 300 then
      local ok, topic, item = pcall(rule[1], {
        value = res.value, body = ctx.body, params = ctx.params, now = ctx.now,
        grew = before ~= nil and count(rule.grows) > before,
        fetch = function(path) return internal_get(req, path) end,
      })
      if ok and topic and type(item) == "table" then outbox.publish(state.outbox, state.st, topic, item, ctx.now) end
    end
    return res
  end

  -- The API proper, once a request got past the faults.
  local function process(req, route, params)
    if req.path:match("^/v1/") or req.path == "/v1" then
      -- The v1 API: Basic app_id:api_key only, and its own error shape.
      if not v1.credentials(req.headers.authorization) then
        return v1.error(401, "unauthorized", "HTTP Basic authentication with app_id:api_key is required")
      end
    elseif not authorized(req.headers.authorization) then
      return reply.error(401, "unauthorized", "Access Token Invalid")
    end
    local version = req.headers["intercom-version"]
    if version and not valid_version(version) then
      return reply.error(400, "intercom_version_invalid",
        "The requested version could not be found. Use a version like 2.15, Unstable or Preview", "Intercom-Version")
    end
    local allowed, rate = limiter.take(state.limiter, core.now())
    if not allowed then
      return reply.error(429, "rate_limit_exceeded", string.format("Exceeded rate limit of %d in %s_seconds",
        state.limiter.limit, tostring(state.limiter.window))), rate
    end
    if req.body_too_large then return reply.error(413, "request_too_large", "The request body is too large"), rate end
    if not route then
      if req.path:match("^/v1/") then return v1.error(404, "not_found", "Resource Not Found"), rate end
      return reply.error(404, "not_found", "Resource Not Found"), rate
    end
    return run_and_publish(route, req, params), rate
  end

  local function fault_response(f)
    local res
    if f.body then
      local ctype = f.body:match("^%s*<") and "text/html; charset=utf-8" or "text/plain; charset=utf-8"
      res = { status = f.status or 200, headers = { ["Content-Type"] = ctype }, body = f.body }
    else
      res = reply.error(f.status, f.code, f.message)
    end
    local rate
    if f.status == 429 then
      -- a 429 storm: the limiter's headers say "nothing left until just ahead"
      rate = { limit = state.limiter.limit, remaining = 0, reset = math.ceil(core.now()) + 1 }
      if f.retry_after then res.headers["Retry-After"] = string.format("%d", math.ceil(f.retry_after)) end
    end
    for k, v in pairs(f.headers or {}) do set_header(res.headers, k, v) end
    return res, rate
  end

  -- With INTERCOM_SANDBOX_ROUTE_LOG set, every route that answered with success
  -- is appended to that file: make test checks that the suite made every
  -- operation of the API work at least once (scripts/wire-coverage).
  local ROUTE_LOG = os.getenv("INTERCOM_SANDBOX_ROUTE_LOG")

  local function log_route(route, status)
    if not (ROUTE_LOG and route and status and status < 400) then return end
    local f = io.open(ROUTE_LOG, "a")
    if f then
      f:write(route.key, "\n")
      f:close()
    end
  end

  local function handle_api(req, request_id, segments)
    local route, params = router.resolve(state.api, req.method, segments)
    if not route then params = nil end
    local entry = journal.record(state.journal, req, request_id)
    local f = faults.take(state.faults, req.method, route, segments)
    local out
    if f and f.drop then
      out = { status = 500, headers = {}, body = "", fault = "drop" }
    elseif f and (f.status or f.body) then
      local res, rate = fault_response(f)
      out = finish(res, request_id, rate)
    else
      local res, rate = process(req, route, params)
      out = finish(res, request_id, rate)
      log_route(route, out.status)
    end
    if f then
      out.delay = f.delay
      if f.truncate then out.fault = "truncate" end
    end
    entry.status = out.fault == "drop" and json.null or out.status
    return out
  end

  function app.handle(req)
    local request_id = ids.request_id()
    local ok, out = xpcall(function()
      req.headers = req.headers or {}
      req.query = req.query or ""
      req.body = req.body or ""
      local segments = urlcode.segments(req.path or "/")
      if segments[1] == "_sandbox" then
        local route, params = router.resolve(state.control, req.method, segments)
        if not route then return finish(reply.error(404, "not_found", "No such sandbox control"), request_id) end
        return finish(run(route.handler, context(req, segments, params)), request_id)
      end
      return handle_api(req, request_id, segments)
    end, debug.traceback)
    if ok then return out end
    return finish(reply.error(500, "server_error", "sandbox error: " .. tostring(out):match("^[^\n]*")), request_id)
  end

  ---- control functions (sb:call, and /_sandbox/ over HTTP) ----------------

  function app.reset()
    local st = store.new(state.config.workspace_id)
    fixtures.seed(st, { contacts = state.config.seed })
    for _, name in ipairs(ROUTE_MODULES) do
      local module = require("intercom.sandbox.routes." .. name)
      if module.seed then module.seed(st, { contacts = state.config.seed }) end
    end
    state.st = st
    state.journal = journal.new()
    state.faults = faults.new()
    state.limiter = limiter.new(state.config.limit, state.config.window)
    state.outbox = outbox.new(state.config.webhooks)
    return { ok = true }
  end

  ---- webhook deliveries (docs/webhooks.md) ----

  -- subscribe{ url, topics = { ... }, secret = nil }: a webhook subscription as
  -- the Developer Hub makes one for API 2.x (v1 clients: POST /subscriptions).
  -- Deliveries are signed with secret, else the sandbox's client_secret.
  function app.subscribe(spec)
    if not json.is_object(spec) then error("subscribe needs { url = ..., topics = { ... } }", 0) end
    if type(spec.url) ~= "string" or not spec.url:match("^https?://[^%s/]+") then
      error("subscribe: url must be an http or https URL", 0)
    end
    if not json.is_array(spec.topics) or #spec.topics == 0 then
      error("subscribe: topics must be a non-empty list of topics", 0)
    end
    local known = {}
    for _, t in ipairs(topics.ALL) do known[t] = true end
    for _, t in ipairs(spec.topics) do
      if not known[t] then error("subscribe: '" .. tostring(t) .. "' is not a topic", 0) end
    end
    if spec.secret ~= nil and (type(spec.secret) ~= "string" or spec.secret == "") then
      error("subscribe: secret must be a non-empty string", 0)
    end
    local now = os.time()
    local s = store.add(state.st, "webhook_subscriptions", {
      id = "nsub_" .. store.next_number(state.st, "webhook_subscription", 6001), service_type = "web",
      url = spec.url, topics = json.copy(spec.topics), hub_secret = spec.secret, active = true,
      created_at = now, updated_at = now,
    })
    return { id = s.id, url = s.url, topics = s.topics }
  end

  -- The delivery journal, oldest first.
  function app.deliveries()
    return outbox.list(state.outbox)
  end

  -- For whoever sends: the due deliveries, then their results.
  -- An in-process sb:deliver may keep its own clock ({ now = ... }): with a
  -- test's sleep that returns at once, the retries' backoff still passes.
  local function clock(arg)
    return json.is_object(arg) and type(arg.now) == "number" and arg.now or core.now()
  end

  function app.take_deliveries(arg)
    return outbox.take(state.outbox, clock(arg))
  end

  -- delivery_results(results) or delivery_results{ results = ..., now = ... }
  function app.delivery_results(arg)
    local results = json.is_object(arg) and arg.results or arg
    return outbox.record(state.outbox, results, clock(arg))
  end

  function app.pending_deliveries()
    return { pending = outbox.pending(state.outbox) }
  end

  function app.requests()
    return journal.list(state.journal)
  end

  function app.clear_requests()
    journal.clear(state.journal)
    return { ok = true }
  end

  function app.fault(spec)
    local f = faults.add(state.faults, spec)
    local d = faults.describe({ armed = { f } })
    return d[1]
  end

  function app.faults()
    return faults.describe(state.faults)
  end

  function app.clear_faults()
    faults.clear(state.faults)
    return { ok = true }
  end

  function app.set_rate_limit(spec)
    if not json.is_object(spec) then error("set_rate_limit needs { limit = n, window = seconds }", 0) end
    limiter.set(state.limiter, spec.limit, spec.window or state.limiter.window)
    return limiter.describe(state.limiter)
  end

  function app.rate_limit()
    return limiter.describe(state.limiter)
  end

  -- The data (the store: records and counters; not the journal, faults or
  -- rate limit) as a JSON-able table, and back: intercom sandbox --state.
  function app.export_state()
    return { type = "sandbox.state", version = 1, st = state.st }
  end

  function app.import_state(saved)
    if not json.is_object(saved) or saved.type ~= "sandbox.state" or not json.is_object(saved.st) then
      error("not a saved sandbox state", 0)
    end
    state.st = saved.st
    return { ok = true }
  end

  function app.info()
    local counts = {}
    for _, kind in ipairs(store.KINDS) do
      local n = 0
      for _ in pairs(state.st[kind]) do n = n + 1 end
      counts[kind] = n
    end
    return { type = "sandbox", ok = true, workspace_id = state.st.workspace_id, counts = counts,
      requests = #state.journal.items, faults = #state.faults.armed }
  end

  return app
end

local default = _M.new()
for name, fn in pairs(default) do _M[name] = fn end

-- The HTTP front's state is new: seed its random ids from the clock.
function _M.configure(cfg)
  math.randomseed(os.time() + math.floor((core.now() % 1) * 1e6))
  return default.configure(cfg)
end

return _M
