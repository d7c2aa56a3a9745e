-- Route templates such as "GET /contacts/{id}/tags/{tag_id}": compiled once,
-- matched against decoded path segments. Faults use the same templates, so a
-- test names a route exactly as the route table does.
local urlcode = require "intercom.sandbox.server.urlcode"

local _M = {}

-- "GET /contacts/{id}" -> { method = "GET", parts = {...}, key = "GET /contacts/{}" }.
-- The method may be "*" or left out (any method); "*" alone matches everything.
function _M.compile(template)
  if type(template) ~= "string" then return nil, "a route must be a string" end
  if template == "*" then return { method = "*", any_path = true, key = "*" } end
  local method, path = template:match("^(%S+)%s+(/%S*)$")
  if not method then
    method, path = "*", template:match("^(/%S*)$")
    if not path then return nil, "route must look like 'GET /contacts/{id}', not '" .. template .. "'" end
  end
  method = method:upper()
  local parts, key, score = {}, {}, {}
  for seg in path:gmatch("[^/]+") do
    local name = seg:match("^{([%w_]+)}$")
    if name then
      parts[#parts + 1] = { param = name }
      key[#key + 1] = "{}"
      score[#score + 1] = "0"
    elseif seg == "*" then
      parts[#parts + 1] = { any = true }
      key[#key + 1] = "*"
      score[#score + 1] = "0"
    else
      parts[#parts + 1] = { literal = urlcode.decode(seg) }
      key[#key + 1] = seg
      score[#score + 1] = "1"
    end
  end
  return {
    method = method,
    parts = parts,
    key = method .. " /" .. table.concat(key, "/"),
    score = table.concat(score),
    template = template,
  }
end

-- The template with parameter names dropped, so {id} and {contact_id} agree.
function _M.key(template)
  local r = _M.compile(template)
  return r and r.key
end

-- params table when route matches the path segments (method not checked).
function _M.match_path(route, segments)
  if route.any_path then return {} end
  if #segments ~= #route.parts then return nil end
  local params = {}
  for i, part in ipairs(route.parts) do
    local seg = segments[i]
    if part.literal then
      if part.literal ~= seg then return nil end
    elseif part.param then
      params[part.param] = seg
    end
  end
  return params
end

function _M.method_matches(route, method)
  return route.method == "*" or route.method == method
end

-- A router over a list of { template, handler } entries.
function _M.new(entries)
  local routes = {}
  for _, entry in ipairs(entries) do
    local r = assert(_M.compile(entry[1]))
    r.handler = entry[2]
    routes[#routes + 1] = r
  end
  return { routes = routes }
end

-- -> route, params  |  nil, "method" (the path exists with other methods)  |  nil
function _M.resolve(router, method, segments)
  local best, best_params, path_known
  for _, r in ipairs(router.routes) do
    local params = _M.match_path(r, segments)
    if params then
      if _M.method_matches(r, method) then
        -- a literal segment beats a parameter: /contacts/search over /contacts/{id}
        if not best or r.score > best.score then best, best_params = r, params end
      else
        path_known = true
      end
    end
  end
  if best then return best, best_params end
  return nil, path_known and "method" or nil
end

return _M
