--- What a service, an object, a collection, an error or the client offers:
-- its methods, each with the HTTP requests it makes and the arguments it
-- checks, read from the service definitions (lua/intercom/services/*.lua).
-- The REPL's help() and the generated reference (scripts/gen-docs) both use it.
--
--   local describe = require "intercom.describe"
--   describe.names(client.contacts)     --> { "all", "archive", ..., "unarchive" }
--   describe.methods(client.contacts)   --> { { name = "find", requests = { "GET /contacts/{contact_id}", ... },
--                                       --      args = { ... }, returns = "a contact" }, ... }
-- Argument and result texts use `backticks` for code, as the reference does.
-- @module intercom.describe
local core = require "intercom.core"
local index = require "intercom.services.index"
local notes = require "intercom.method_notes"

local type, pairs, ipairs, require, getmetatable, tostring, error, pcall =
  type, pairs, ipairs, require, getmetatable, tostring, error, pcall
local sort, concat, insert = table.sort, table.concat, table.insert
local is_resource, is_error = core.is_resource, core.is_error

local _M = {}

local function sorted_keys(t)
  local keys = {}
  for k in pairs(t or {}) do keys[#keys + 1] = k end
  sort(keys)
  return keys
end
_M.sorted_keys = sorted_keys

-- A Lua value as a reader would write it (for `fixed` fields).
local function literal(v)
  if type(v) == "string" then return ("%q"):format(v) end
  if type(v) ~= "table" then return tostring(v) end
  local parts = {}
  for _, k in ipairs(sorted_keys(v)) do parts[#parts + 1] = ("%s = %s"):format(k, literal(v[k])) end
  return "{ " .. concat(parts, ", ") .. " }"
end

-- "id!" -> "id, required"
local function kind(spec)
  if spec:sub(-1) == "!" then return spec:sub(1, -2) .. ", required" end
  return spec
end

local RETURNS = {
  object = "an object",
  ["object!"] = "an object (an empty answer is an HttpError)",
  target = "the object given (given an id: the API's answer)",
  refresh = "the object given, refreshed",
  raw = "the decoded JSON, as a table",
  none = "nil",
  text = "the body as it came (a string)",
  location = "the URL the answer redirects to (not followed)",
}

local PAGING = {
  cursor = "cursor pages",
  pages = "page links",
  scroll = "scroll pages",
  search = "search pages",
  single = "one page",
}

local SENDS_QUERY = { GET = true, DELETE = true, HEAD = true }

local function path_params(path)
  local out = {}
  for name in path:gmatch("{([^}]*)}") do out[#out + 1] = name end
  return out
end

-- The arguments of an operation made by op.call, op.list or op.search, one
-- text per argument (the last says where the others go).
local function arguments(spec)
  local parts = {}
  local path_arg = {} -- argument name -> path parameter
  for param, from in pairs(spec.path_args or {}) do path_arg[from] = param end
  for _, param in ipairs(path_params(spec.path)) do
    if spec.target == param then
      insert(parts, ("the object, its id or `{ id = }` → `{%s}`"):format(param))
    elseif spec.self ~= param and not (spec.path_args and spec.path_args[param]) then
      insert(parts, ("`%s` (id, required) → `{%s}`"):format(param, param))
    end
  end
  for _, from in ipairs(sorted_keys(path_arg)) do
    if from == "id" then
      insert(parts, ("the object, its id or `{ id = }` → `{%s}`"):format(path_arg[from]))
    else
      insert(parts, ("`%s` (id, required) → `{%s}`"):format(from, path_arg[from]))
    end
  end
  if spec.paging == "search" then
    insert(parts, "`query` (table, required), `sort_field`, `sort_order`, `per_page`, `starting_after`")
  end
  for _, name in ipairs(sorted_keys(spec.args)) do
    if name == "id" and spec.by_id then
      insert(parts, ("the object, its id or `{ id = }` (%s)"):format(kind(spec.args[name])))
    else
      insert(parts, ("`%s` (%s)"):format(name, kind(spec.args[name])))
    end
  end
  for _, name in ipairs(sorted_keys(spec.fixed)) do
    insert(parts, ("always sends `%s = %s`"):format(name, literal(spec.fixed[name])))
  end
  local rest
  if spec.body == false then rest = "sends no body"
  elseif SENDS_QUERY[spec.method] and spec.body ~= true then rest = "others go in the query"
  else rest = "others go in the JSON body" end
  if spec.needs_args then rest = "a table of arguments is required; " .. rest end
  insert(parts, rest)
  return parts
end

local function result(spec)
  if spec.kind == "list" then
    local how = PAGING[spec.paging or "single"]
    if spec.per_page then how = how .. " of " .. spec.per_page end
    local s = "a lazy collection: " .. how
    if spec.items then s = s .. ", items at `" .. spec.items .. "`" end
    return s
  end
  return RETURNS[spec.returns or "object"] or spec.returns
end

--- One method of a definition: `{ name, requests, args, returns, kind }`.
-- @tparam string owner the service ("contacts") or object type ("contact")
-- @tparam string name the method
-- @tparam table o its operation (op.call, op.list, op.search, op.save, op.custom)
-- @treturn table the entry; args is a list of texts
function _M.entry(owner, name, o)
  local requests = o[1] and { o[1] } or o.covers or {}
  local args, returns
  if o.kind == "save" then
    local create, update = o.covers[1], o.covers[2]
    args = { update and ("an object: with an id, updated with what changed (`%s`); without, created (`%s`);"
      .. " a plain table is created"):format(update, create)
      or ("an object or a table, sent whole (`%s`)"):format(create) }
    returns = "the object, refreshed"
  elseif o.kind == "custom" then
    local note = notes[owner .. ":" .. name]
    if not note then
      error(("lua/intercom/method_notes.lua has no entry for %s:%s (a hand-written method)"):format(owner, name), 0)
    end
    args, returns = { note.args }, note.returns
  else
    args, returns = arguments(o), result(o)
  end
  return { name = name, owner = owner, requests = requests, args = args, returns = returns, kind = o.kind }
end

local function entries(owner, ops)
  local out = {}
  for _, name in ipairs(sorted_keys(ops)) do out[#out + 1] = _M.entry(owner, name, ops[name]) end
  return out
end

--- A service's definition: `{ ops = {...}, classes = { type = { methods = {...} } } }`.
-- @tparam string name as in client.<name>
-- @return the definition, or nil for no such service
function _M.definition(name)
  local module = index.services[name]
  return module and require(module) or nil
end

--- The names of every service of the client, sorted.
function _M.services()
  return sorted_keys(index.services)
end

-- The class (methods, autovivify) an object type gets from its service.
local function class_of(type_name)
  if type(type_name) ~= "string" then return nil end
  local owner = index.types[type_name]
  local def = owner and _M.definition(owner)
  if def and def.classes and def.classes[type_name] then return def.classes[type_name] end
  for _, name in ipairs(_M.services()) do -- a type declared by a service the index does not name for it
    def = _M.definition(name)
    if def.classes and def.classes[type_name] then return def.classes[type_name] end
  end
end

-- Methods with no service definition, as entries.
local function fixed(owner, list)
  local out = {}
  for i, m in ipairs(list) do
    out[i] = { name = m[1], owner = owner, requests = m.requests or {}, args = { m[2] }, returns = m[3] }
  end
  sort(out, function(a, b) return a.name < b.name end)
  return out
end

local RESOURCE_METHODS = {
  { "to_table", "optional `{ null = v }`: what JSON null becomes (default nil, left out)",
    "a plain deep copy of the fields" },
}

local CLIENT_METHODS = {
  { "get", "`path` (\"/me\"), optional `params` (the query)", "an object, or the decoded JSON",
    requests = { "GET {path}" } },
  { "post", "`path`, optional `body` (a table or an object, sent as JSON)", "an object, or the decoded JSON",
    requests = { "POST {path}" } },
  { "put", "`path`, optional `body` (a table or an object, sent as JSON)", "an object, or the decoded JSON",
    requests = { "PUT {path}" } },
  { "delete", "`path`, optional `params` (the query)", "an object, or the decoded JSON",
    requests = { "DELETE {path}" } },
  { "close", "none", "nothing: frees the connection (also on garbage collection)" },
}

local COLLECTION_METHODS = {
  { "each", "none", "an iterator over every item, fetching pages as it goes (also `for x in coll do`)" },
  { "first", "none", "the first item, or nil (one request)" },
  { "to_array", "optional `limit` (a whole number; math.huge for all)", "up to limit items in an array" },
  { "pages", "none", "an iterator over the pages as objects; each page's items are `page.items`" },
}

local ERROR_METHODS = {
  { "is", "a class (`intercom.errors.ResourceNotFound`) or its name", "true when the error is of it or inherits it" },
}

local collection_mt -- the metatable of collections, found on first use
local function is_collection(x)
  if type(x) ~= "table" then return false end
  if not collection_mt then
    local ok, collection = pcall(require, "intercom.collection")
    if ok then collection_mt = getmetatable(collection.new(nil, {})) end
  end
  return collection_mt ~= nil and getmetatable(x) == collection_mt
end

--- What x is: "client", "service", "object", "collection", "error", or nil.
function _M.kind(x)
  if is_resource(x) then return "object" end
  if is_error(x) then return "error" end
  local t = type(x)
  if t == "userdata" and tostring(x):find("^intercom%.Client<") then return "client" end
  if t == "table" then
    if is_collection(x) then return "collection" end
    local name = require("intercom.service").name_of(x)
    if name then return "service", name end
  end
  return nil
end

--- The methods of x, sorted by name (an empty list for anything else).
-- @param x a service, an object, a collection, an error or the client
-- @treturn table a list of entries: `{ name, requests, args, returns }`
function _M.methods(x)
  local what, name = _M.kind(x)
  if what == "service" then return entries(name, _M.definition(name).ops) end
  if what == "object" then
    local type_name = x.type
    local class = class_of(type_name)
    local out = class and entries(type_name, class.methods or {}) or {}
    for _, e in ipairs(fixed(type_name, RESOURCE_METHODS)) do out[#out + 1] = e end
    sort(out, function(a, b) return a.name < b.name end)
    return out
  end
  if what == "client" then return fixed("client", CLIENT_METHODS) end
  if what == "collection" then return fixed("collection", COLLECTION_METHODS) end
  if what == "error" then return fixed("error", ERROR_METHODS) end
  return {}
end

--- The names of the methods of x, sorted (what `intercom.methods(x)` gives).
function _M.names(x)
  local out = {}
  for i, e in ipairs(_M.methods(x)) do out[i] = e.name end
  return out
end

return _M
