-- Faults on demand: the next N requests matching a route get a given status,
-- a delay, a dropped connection, a truncated body or a non-JSON body.
--
--   { route = "GET /contacts/{id}" | "/contacts/{id}" | "*", times = 1,
--     status = 503, code = "...", message = "...", body = "<html>..</html>",
--     headers = { ["Retry-After"] = "1" }, retry_after = 1,
--     delay = 0.3, drop = true, truncate = true }
--
-- A fault with a status or a body replaces the response (nothing is done to
-- the state). delay alone slows the real response; truncate alone cuts the
-- real response (the change is made, the client loses the answer); drop
-- closes the connection before the request is processed.
local json = require "intercom.sandbox.server.json"
local router = require "intercom.sandbox.server.router"

local _M = {}

function _M.new()
  return { armed = {}, serial = 0 }
end

local function number_field(spec, name, min)
  local v = spec[name]
  if json.is_null(v) then return nil end
  if type(v) ~= "number" or v < min then
    error(string.format("fault %s must be a number >= %s", name, tostring(min)), 0)
  end
  return v
end

-- Validates a fault spec; raises a string error for a bad one.
function _M.normalize(spec)
  if not json.is_object(spec) then error("a fault must be an object", 0) end
  local route = json.is_null(spec.route) and "*" or spec.route
  local compiled, err = router.compile(route)
  if not compiled then error(err, 0) end
  local f = {
    route = route, compiled = compiled,
    times = number_field(spec, "times", 1) or 1,
    status = number_field(spec, "status", 100),
    delay = number_field(spec, "delay", 0),
    retry_after = number_field(spec, "retry_after", 0),
    drop = spec.drop == true,
    truncate = spec.truncate == true,
  }
  f.times = math.floor(f.times)
  if f.status then
    if f.status > 599 or f.status ~= math.floor(f.status) then error("fault status must be an HTTP status", 0) end
    f.status = math.floor(f.status)
  end
  for _, name in ipairs { "code", "message", "body" } do
    local v = spec[name]
    if not json.is_null(v) then
      if type(v) ~= "string" then error("fault " .. name .. " must be a string", 0) end
      f[name] = v
    end
  end
  if not json.is_null(spec.headers) then
    if not json.is_object(spec.headers) then error("fault headers must be an object", 0) end
    f.headers = {}
    for k, v in pairs(spec.headers) do f.headers[tostring(k)] = tostring(v) end
  end
  if f.drop and f.truncate then error("a fault cannot both drop and truncate", 0) end
  if not (f.status or f.body or f.delay or f.drop or f.truncate) then
    error("a fault needs at least one of status, body, delay, drop, truncate", 0)
  end
  return f
end

function _M.add(faults, spec)
  local f = _M.normalize(spec)
  faults.serial = faults.serial + 1
  f.id = faults.serial
  faults.armed[#faults.armed + 1] = f
  return f
end

function _M.clear(faults)
  faults.armed = {}
end

local function path_of(key)
  return key:match("^%S+%s+(.*)$") or key
end

-- Does fault f apply to this request? route: the route the request resolved
-- to (nil for an unknown path); segments: the decoded path segments.
local function applies(f, method, route, segments)
  local c = f.compiled
  if c.any_path then return true end
  if not router.method_matches(c, method) then return false end
  if route then return path_of(c.key) == path_of(route.key) end
  return router.match_path(c, segments) ~= nil
end

-- Takes the first armed fault for this request (counting down its times).
function _M.take(faults, method, route, segments)
  for i, f in ipairs(faults.armed) do
    if applies(f, method, route, segments) then
      f.times = f.times - 1
      if f.times <= 0 then table.remove(faults.armed, i) end
      return f
    end
  end
end

-- The armed faults as plain JSON values (for GET /_sandbox/faults).
function _M.describe(faults)
  local out = json.array()
  for i, f in ipairs(faults.armed) do
    local d = {}
    for k, v in pairs(f) do
      if k ~= "compiled" then d[k] = v end
    end
    out[i] = d
  end
  return out
end

return _M
