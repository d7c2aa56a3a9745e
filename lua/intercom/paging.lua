-- The API's four ways of paging, as data: for each, how to shape the first
-- request and how to derive the next request from a page (nil: no more).
-- A request is { method, path, query, body, link }; a page is the decoded
-- body. link = true marks a path taken from a page (pages.next): collection.lua
-- follows it only on the configured origin.
local url = require "intercom.url"

local type, pairs, next = type, pairs, next

local _M = {}

local function copy(t)
  local c = {}
  for k, v in pairs(t or {}) do c[k] = v end
  return c
end

local function next_link(page)
  local pages = type(page.pages) == "table" and page.pages or nil
  return pages and pages.next
end

local function set_per_page(req, per_page)
  if per_page and req.query.per_page == nil then req.query.per_page = per_page end
end

-- pages.next.starting_after (or a next URL that carries starting_after).
local function cursor_of(page)
  local nxt = next_link(page)
  if type(nxt) == "table" then return nxt.starting_after end
  if type(nxt) == "string" then
    local _, _, query = url.split(nxt)
    return query and url.parse_query(query).starting_after
  end
end

local function valid_cursor(c) return type(c) == "string" and c ~= "" end

-- Cursor lists (GET /contacts): copy pages.next.starting_after into the query.
-- A next URL without a cursor is followed as it is.
_M.cursor = {
  first = function(req, per_page) set_per_page(req, per_page) end,
  next = function(req, page)
    local cursor = cursor_of(page)
    if valid_cursor(cursor) then
      local query = copy(req.query)
      query.starting_after = cursor
      return { method = req.method, path = req.path, query = query }
    end
    local nxt = next_link(page)
    if type(nxt) == "string" and nxt ~= "" then return { method = "GET", path = nxt, query = {}, link = true } end
  end,
}

-- Page-number lists (GET /companies): follow the pages.next URL.
_M.pages = {
  first = function(req, per_page) set_per_page(req, per_page) end,
  next = function(req, page)
    local nxt = next_link(page)
    if type(nxt) == "string" and nxt ~= "" then return { method = "GET", path = nxt, query = {}, link = true } end
    local pages = page.pages
    if type(pages) == "table" and type(pages.page) == "number" and type(pages.total_pages) == "number"
      and pages.page < pages.total_pages then
      local query = copy(req.query)
      query.page = pages.page + 1
      return { method = req.method, path = req.path, query = query }
    end
  end,
}

-- Search (POST /contacts/search): the cursor goes into the body's pagination.
_M.search = {
  first = function(req, per_page)
    req.body.pagination = copy(req.body.pagination)
    if per_page and req.body.pagination.per_page == nil then req.body.pagination.per_page = per_page end
    if next(req.body.pagination) == nil then req.body.pagination = nil end
  end,
  next = function(req, page)
    local cursor = cursor_of(page)
    if not valid_cursor(cursor) then return nil end
    local body = copy(req.body)
    body.pagination = copy(body.pagination)
    body.pagination.starting_after = cursor
    return { method = req.method, path = req.path, query = req.query, body = body }
  end,
}

-- Scroll (GET /companies/scroll): pass scroll_param back until a page is empty.
_M.scroll = {
  first = function() end,
  next = function(req, page)
    if not valid_cursor(page.scroll_param) then return nil end
    return { method = req.method, path = req.path, query = { scroll_param = page.scroll_param } }
  end,
}

-- Any list, its style unknown (intercom api --paginate): a search body's
-- cursor, a cursor or a next link, or the next page number.
_M.auto = {
  first = function() end,
  next = function(req, page)
    if type(req.body) == "table" and req.body.query ~= nil then return _M.search.next(req, page) end
    return _M.cursor.next(req, page) or _M.pages.next(req, page)
  end,
}

-- The v1 API's page numbers (GET /v1/users): next_page in the body.
_M.v1 = {
  first = function(req, per_page) set_per_page(req, per_page) end,
  next = function(req, page)
    if type(page.next_page) ~= "number" then return nil end
    local query = copy(req.query)
    query.page = page.next_page
    return { method = req.method, path = req.path, query = query }
  end,
}

-- A list that comes in one response.
_M.single = {
  first = function() end,
  next = function() return nil end,
}

return _M
