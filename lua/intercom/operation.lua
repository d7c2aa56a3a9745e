-- Operations: one line of data per API call, turned into a method.
--
--   archive = op.call { "POST /contacts/{contact_id}/archive", target = "contact_id", returns = "target" }
--   tags    = op.list { "GET /contacts/{contact_id}/tags", self = "contact_id", paging = "cursor" }
--
-- Spec fields:
--   [1]        "VERB /path/{param}"
--   target     the path parameter filled from the first argument, which may be
--              an intercom object, an id, or a table with id
--   self       (methods on objects) the path parameter filled from the object's id
--   path_args  { param = "arg" }: a path parameter filled from another argument name
--   args       { name = "kind" } checked before sending (check.lua; "!" = required)
--   integers   argument paths the API declares as integer ids ("author_id",
--              "from.id", "translated_content.*.author_id"): a string of
--              digits is sent as the integer (integer_ids.lua); op.save too
--   fixed      fields always added to the body (or the query, for GET and DELETE)
--   body       false: send no body; true: send the arguments as a JSON body
--              even for DELETE (the API documents one for detaching tags)
--   accept     the Accept header, when the answer is not JSON (a download)
--   needs_args the method must be given arguments
--   returns    "object" (default), "object!" (an empty body is an HttpError),
--              "target" (the object passed in), "refresh" (that object, updated
--              from the response), "raw" (the decoded table), "none",
--              "text" (the body as it came: a transcript, a download),
--              "location" (the URL a 3xx answer redirects to)
--   paging, per_page, items (lists; items is a key or dotted path such as
--              "data.articles" when a page keeps them elsewhere): see collection.lua
--
-- Arguments are copied, never modified (the Ruby gem deletes :id from the
-- caller's hash). Everything but path parameters goes into the query for GET
-- and DELETE, and into the JSON body otherwise.
local core = require "intercom.core"
local check = require "intercom.check"
local url = require "intercom.url"
local request = require "intercom.request"
local collection = require "intercom.collection"
local integer_ids = require "intercom.integer_ids"

local KEEP_NULL = { null = core.null } -- a body keeps the nulls the object holds

local type, pairs, error, setmetatable = type, pairs, error, setmetatable
local is_resource, client_of, resource, refresh = core.is_resource, core.client_of, core.resource, core.refresh

local _M = {}

local function raise(class, where, message)
  error(core.error(class, { message = where .. ": " .. message }), 0)
end
_M.raise = raise

-- The client behind self: a service (self.client) or an object.
function _M.client(self)
  if is_resource(self) then
    local client = client_of(self)
    if client == nil then raise("ArgumentError", "intercom", "this object is not bound to a client") end
    return client
  end
  return self.client
end

local function parse(line)
  local verb, path = line:match("^(%u+) (/%S*)$")
  if not verb then error("bad operation line: " .. tostring(line)) end
  return verb, path
end

local function copy(t)
  local c = {}
  for k, v in pairs(t) do c[k] = v end
  return c
end

-- What a method was called with, as (a copy of the arguments, the object).
-- Operations that act on one object also take the object itself or its id.
local function normalize(where, spec, x)
  if x == nil then
    if spec.needs_args then check.fail(where, "expected a table of arguments, got nil") end
    return {}, nil
  end
  if spec.by_id then
    if is_resource(x) then
      if x.id == nil then raise("AttributeNotSetError", where, "this object has no id") end
      return { id = x.id }, x
    end
    if check.is_id(x) then return { id = x }, nil end
  end
  if type(x) == "table" and not is_resource(x) then return copy(x), nil end
  if spec.by_id and type(x) == "string" then check.value(where, "id", x, "id!") end -- names why ("." or "")
  check.fail(where, (spec.by_id and "expected an intercom object, an id or a table of arguments, got "
    or "expected a table of arguments, got ") .. check.describe(x))
end

-- Fills the path; path parameters are taken out of args. An id of "." or
-- ".." is refused (by url.expand) naming the argument it came from.
local function fill_path(where, spec, self, args)
  return url.expand(spec.path, function(name)
    if spec.self == name then
      local id = self.id
      if id == nil then raise("AttributeNotSetError", where, "this object has no id") end
      return id, "id"
    end
    local from = (spec.path_args and spec.path_args[name]) or (spec.target == name and "id") or name
    local v = args[from]
    args[from] = nil
    if not check.is_id(v) then
      check.fail(where, ("argument '%s' must be a non-empty string or integer id, got %s")
        :format(from, check.describe(v)))
    end
    return v, from
  end, where)
end

local function merge(into, from)
  if from then
    for k, v in pairs(from) do
      if into[k] == nil then into[k] = v end
    end
  end
  return into
end

local SENDS_QUERY = { GET = true, DELETE = true, HEAD = true }

-- Validates, fills the path and splits query from body: the request to send.
local function prepare(where, spec, self, x)
  local args, target = normalize(where, spec, x)
  if spec.args then check.args(where, args, spec.args) end
  if spec.integers then integer_ids.apply(where, args, spec.integers) end
  local path = fill_path(where, spec, self, args)
  if spec.returns == "refresh" and not target and not is_resource(self) then
    -- an id, valid as it may be, has nothing to refresh
    check.fail(where, "argument 'object' must be the intercom object to refresh (find takes an id), got "
      .. check.describe(x))
  end
  local query, body
  if SENDS_QUERY[spec.method] and spec.body ~= true then
    query = merge(args, spec.fixed)
  else
    query = spec.query
    if spec.body ~= false then body = merge(args, spec.fixed) end
  end
  return path, query, body, target
end

-- What request.send needs to know: the method to name in errors, and the
-- answer the operation expects.
local function send_options(spec, where)
  return {
    where = where,
    raw = spec.returns == "text",
    redirect = spec.returns == "location",
    headers = spec.accept and { "Accept: " .. spec.accept } or nil,
  }
end

-- Turns decoded data into what the operation returns.
local function result(where, spec, client, data, target, self, res)
  local returns = spec.returns or "object"
  if returns == "raw" or returns == "text" then return data end
  if returns == "location" then return res and res.headers.location end
  if returns == "none" then return nil end
  if returns == "target" and target then return target end
  if returns == "refresh" then
    local obj = target or self
    if type(data) ~= "table" then
      raise("HttpError", where, "Http Error - No response entity returned")
    end
    return refresh(obj, data)
  end
  if type(data) ~= "table" then
    if returns == "object!" then raise("HttpError", where, "Http Error - No response entity returned") end
    return nil
  end
  return resource(data, client)
end
_M.result = result

-- Builders: each returns a function(where) that makes the method.
local Builder = {}
Builder.__index = Builder

local function builder(kind, spec)
  spec.method, spec.path = parse(spec[1])
  spec.by_id = spec.target ~= nil or (spec.args ~= nil and spec.args.id ~= nil) or spec.path_args ~= nil
  spec.kind = kind
  return setmetatable(spec, Builder)
end

function Builder:build(where)
  local spec = self
  if spec.kind == "call" then
    local options = send_options(spec, where)
    return function(obj, x)
      local client = _M.client(obj)
      local path, query, body, target = prepare(where, spec, obj, x)
      local data, res = request.send(client, spec.method, path, query, body, options)
      return result(where, spec, client, data, target, obj, res)
    end
  end
  -- "list": returns a lazy collection, no request yet; but what the first
  -- request would refuse (a query or body value it cannot send) fails here
  return function(obj, x)
    local client = _M.client(obj)
    local path, query, body = prepare(where, spec, obj, x)
    if spec.shape then query, body = spec.shape(where, query, body) end
    request.prepare(client, spec.method, path, query, body, where)
    return collection.new(client, {
      method = spec.method, path = path, query = query, body = body, where = where,
      paging = spec.paging or "single", per_page = spec.per_page, items = spec.items,
    })
  end
end

function _M.call(spec) return builder("call", spec) end
function _M.list(spec) return builder("list", spec) end

-- Search: the gem's arguments (query, sort_field, sort_order, per_page,
-- starting_after) become the body { query, sort, pagination }.
local function search_body(where, _, args)
  check.args(where, args, {
    query = "table!", sort_field = "string", sort_order = "string",
    per_page = "integer", starting_after = "string",
  })
  if args.sort_order then check.one_of(where, "sort_order", args.sort_order, { "ascending", "descending" }) end
  local body = { query = args.query }
  if args.sort_field then body.sort = { field = args.sort_field, order = args.sort_order or "ascending" } end
  if args.per_page or args.starting_after then
    body.pagination = { per_page = args.per_page, starting_after = args.starting_after }
  end
  for k, v in pairs(args) do
    if body[k] == nil and k ~= "sort_field" and k ~= "sort_order" and k ~= "per_page"
      and k ~= "starting_after" then body[k] = v end
  end
  return nil, body
end

function _M.search(spec)
  spec.paging = "search"
  spec.shape = search_body
  return builder("list", spec)
end

-- Save: an object with an id is updated with what changed (a PUT, or the
-- verb given); one without is created with all its fields. Fields listed in
-- `identity` always go along (the API needs them to find the record).
--   save = op.save { update = "PUT /contacts/{id}", create = "POST /contacts" }
function _M.save(spec)
  local covers = { spec.create }
  if spec.update then covers[2] = spec.update end
  local update_verb, update_path = parse(spec.update or spec.create)
  local create_verb, create_path = parse(spec.create)
  return setmetatable({ kind = "save", covers = covers, build = function(_, where)
    return function(svc, obj)
      local client = _M.client(svc)
      if type(obj) == "table" and not is_resource(obj) then
        if spec.integers then obj = integer_ids.apply(where, copy(obj), spec.integers) end
        local data = request.send(client, create_verb, create_path, nil, obj, { where = where })
        return result(where, {}, client, data)
      end
      check.value(where, "object", obj, "resource!")
      local id = obj.id
      local body, verb, path
      if id ~= nil and spec.update then
        body = core.changes(obj)
        body.id, body.type = nil, nil
        for _, key in pairs(spec.identity or {}) do body[key] = obj[key] end
        if next(body) == nil then return obj end -- nothing changed: nothing to send
        verb, path = update_verb, url.expand(update_path, function() return id, "id" end, where)
      else
        body = obj:to_table(KEEP_NULL)
        body.type = nil
        if id == nil then body.id = nil end
        verb, path = create_verb, create_path
      end
      if spec.integers then integer_ids.apply(where, body, spec.integers) end
      local data = request.send(client, verb, path, nil, body, { where = where })
      if type(data) == "table" then refresh(obj, data) end
      return obj
    end
  end }, Builder)
end

-- The "VERB /path" lines an operation calls (for the coverage report).
function _M.lines(op)
  if op[1] then return { op[1] } end
  return op.covers or {}
end

-- Runs another operation from inside a hand-written one, under the caller's name.
function _M.invoke(spec, where, self, ...)
  spec.built = spec.built or {}
  local fn = spec.built[where]
  if not fn then
    fn = spec:build(where)
    spec.built[where] = fn
  end
  return fn(self, ...)
end

-- A hand-written method: fn(self, where, ...) with the same guarantees to keep.
-- covers lists the "VERB /path" lines it calls, for the coverage report.
function _M.custom(fn, covers)
  return setmetatable({ kind = "custom", covers = covers, build = function(_, where)
    return function(self, ...) return fn(self, where, ...) end
  end }, Builder)
end

return _M
