-- Routes for a kind of record the API only reads (brands, emails, teams,
-- help centers, away status reasons): a list and, unless show = false, a
-- lookup by id, from one description:
--   catalog.routes{ path = "/brands", kind = "brands", render = function(st, rec) ... end,
--                   list = { type = "list", key = "data" }, not_found = { "Brand not found" } }
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local _M = {}

function _M.routes(spec)
  local list_type = spec.list and spec.list.type or "list"
  local list_key = spec.list and spec.list.key or "data"
  local not_found = spec.not_found or {}

  local function list(ctx)
    local items = json.array()
    for i, rec in ipairs(store.list(ctx.st, spec.kind)) do items[i] = spec.render(ctx.st, rec) end
    return reply.json(200, { type = list_type, [list_key] = items })
  end

  local function show(ctx)
    local rec = store.get(ctx.st, spec.kind, ctx.params.id)
    if not rec then reply.not_found(not_found[1], not_found[2]) end
    return reply.json(200, spec.render(ctx.st, rec))
  end

  local routes = { { "GET " .. spec.path, list } }
  if spec.show ~= false then routes[2] = { "GET " .. spec.path .. "/{id}", show } end
  return routes
end

return _M
