--- Lazy collections: what all(), search(), scroll() and nested lists return.
-- A page is fetched when iteration needs it and only one is held at a time;
-- a collection can be iterated again (from the first page), and offers
-- :first(), :to_array(limit), :each() and :pages().
--
--   for contact in client.contacts:all() do ... end
--   for contact, err in safe_client.contacts:all() do ... end -- safe mode: false, err on failure
-- @module intercom.collection
local core = require "intercom.core"
local request = require "intercom.request"
local paging = require "intercom.paging"
local guard = require "intercom.guard"
local url = require "intercom.url"

local type, setmetatable, pairs, pcall, error, collectgarbage = type, setmetatable, pairs, pcall, error,
  collectgarbage
local resource, fields = core.resource, core.fields
local math_floor = math.floor

local _M = {}

local Collection = {}
Collection.__index = Collection

-- Where a page keeps its items: a key or dotted path the operation names
-- ("data.articles" for article search); else the gem's rule ("list" -> data,
-- "company.list" -> companies, as resources read them too); else data, else
-- the first array in the page.
local function items_of(page, key)
  if key then
    local v = page
    for part in key:gmatch("[^%.]+") do v = type(v) == "table" and v[part] or nil end
    return type(v) == "table" and v or {}
  end
  local t = page.type
  if type(t) == "string" then
    local items = page[core.items_key(t) or ""]
    if type(items) == "table" then return items end
  end
  if type(page.data) == "table" then return page.data end
  for _, v in pairs(page) do
    if type(v) == "table" and v[1] ~= nil then return v end
  end
  return {}
end

-- spec: { method, path, query, body, paging = "cursor"|"pages"|"search"|"scroll"|"single",
--         per_page, items, where (the method that made it, named in errors) }
function _M.new(client, spec)
  return setmetatable({ client = client, spec = spec }, Collection)
end

local function first_request(spec)
  local req = { method = spec.method, path = spec.path, query = {}, body = nil }
  for k, v in pairs(spec.query or {}) do req.query[k] = v end
  if spec.body then
    req.body = {}
    for k, v in pairs(spec.body) do req.body[k] = v end
  end
  paging[spec.paging].first(req, spec.per_page)
  return req
end

local function same_request(a, b)
  if a.path ~= b.path then return false end
  local qa, qb = a.query or {}, b.query or {}
  for k, v in pairs(qa) do if qb[k] ~= v then return false end end
  for k, v in pairs(qb) do if qa[k] ~= v then return false end end
  local pa = a.body and a.body.pagination or {}
  local pb = b.body and b.body.pagination or {}
  return pa.starting_after == pb.starting_after
end

-- A page link (pages.next as a string) is followed only when it is a path
-- starting with "/" or an absolute URL on the configured origin (url.resolve):
-- anything else ends the collection with an UnexpectedResponseError naming
-- it, after the page that carried it, so the token never goes elsewhere.
local function bad_link(client, req, nxt)
  if not nxt.link then return nil end
  local ok, why = url.resolve(fields(client).settings.base_url, nxt.path)
  if ok then return nil end
  return core.error("UnexpectedResponseError", {
    message = ("page link %s %s: not followed"):format(url.shown(nxt.path), why),
    method = req.method, url = req.path,
  })
end

-- An iterator over the raw pages (decoded bodies), one request per call.
function Collection:raw_pages()
  local spec, client = self.spec, self.client
  local style = paging[spec.paging]
  local req = first_request(spec)
  local options = spec.where and { where = spec.where } or nil
  local done, failure = false, nil
  return function()
    if failure then -- the previous page's link was refused: the collection ends here
      local err = failure
      done, failure = true, nil
      error(err, 0)
    end
    if done then return nil end
    local page = request.send(client, req.method, req.path, req.query, req.body, options) or {}
    local nxt = type(page) == "table" and style.next(req, page) or nil
    local items = type(page) == "table" and items_of(page, spec.items) or {}
    -- stop on the last page, on an empty page, and on a cursor that does not
    -- move (but a scroll repeats its scroll_param on every page: it ends empty)
    if not nxt or #items == 0 or (spec.paging ~= "scroll" and same_request(nxt, req)) then
      done = true
    else
      failure = bad_link(client, req, nxt)
      req = nxt
    end
    return page, items
  end
end

--- A fresh iterator over every item, fetching pages as it goes (a collection
-- is also directly iterable: `for item in coll do ... end`).
-- @treturn function the iterator
function Collection:each()
  local client = self.client
  local next_page = self:raw_pages()
  local items, i = nil, 0
  return function()
    while true do
      if items and i < #items then
        i = i + 1
        local item = items[i]
        if type(item) == "table" then return resource(item, client) end
        return item
      end
      -- Let the finished page go, and do one incremental GC step before the
      -- next is decoded: a page holds up to 150 objects (hundreds of KB), and
      -- without it the last page's garbage is often still there at the next's
      -- peak (3,000 contacts: 15.0 MB peak RSS without, 13.6 MB with).
      items = nil
      collectgarbage("step")
      local _
      _, items = next_page()
      i = 0
      if not items or #items == 0 then return nil end
    end
  end
end

-- The generic-for protocol: a call with no previous item starts over, so the
-- same collection can be iterated again.
function Collection.__call(self, _, previous)
  if previous == nil then
    self.iterator = self:each()
    self.safe = guard.is_safe(self.client) -- once per loop, not per item
  end
  if previous == false then return nil end -- safe mode: the error was reported
  if self.safe then
    local ok, item = pcall(self.iterator)
    if ok then return item end
    if core.is_error(item) then return false, item end
    error(item, 0)
  end
  return self.iterator()
end

--- The first item, or nil when there is none (one request).
-- @return the item
function Collection:first()
  return self:each()()
end

--- Up to limit items (all when no limit) in an array; stops fetching once it has them.
-- @tparam[opt] integer limit
-- @treturn table the items
function Collection:to_array(limit)
  -- limit ~= limit: NaN, which every comparison lets through
  if limit ~= nil and (type(limit) ~= "number" or limit ~= limit or limit < 0 or math_floor(limit) ~= limit) then
    error(core.error("ArgumentError", {
      message = "to_array: limit must be a non-negative whole number (math.huge for all), got " .. tostring(limit),
    }), 0)
  end
  local out = {}
  if limit == 0 then return out end
  for item in self:each() do
    out[#out + 1] = item
    if limit and #out >= limit then break end
  end
  return out
end

--- Iterates pages as intercom objects (the list object: pages, total_count, ...).
-- Whatever key the endpoint keeps its items under (data, conversations,
-- data.articles, ...), a page also gives them as `page.items`.
-- @treturn function the iterator
function Collection:pages()
  local raw = self:raw_pages()
  local client = self.client
  return function()
    local page, items = raw()
    if page == nil then return nil end
    if type(page) ~= "table" then page = {} end
    if page.items == nil then page.items = items or {} end -- the same table: the same objects either way
    return resource(page, client)
  end
end

function Collection.__tostring(self)
  return ("intercom.Collection<%s %s>"):format(self.spec.method, self.spec.path)
end

local receiver = guard.table_of("collection", "%s", Collection)
for _, name in ipairs({ "first", "to_array" }) do
  Collection[name] = guard.wrap(Collection[name], "collection:" .. name, receiver)
end

return _M
