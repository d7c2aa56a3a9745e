local collection = require "intercom.collection"
local fake_transport = require "fake_transport"
local url = require "intercom.url"

-- A fake API holding n contacts, paging them in the given style.
local function paged_api(n, style)
  local fake = fake_transport.new()
  fake.handler = function(req)
    local query = url.parse_query(req.url:match("%?(.*)$"))
    local body = req.body and require("intercom.core").json_decode(req.body) or {}
    local per_page = tonumber(query.per_page or (body.pagination or {}).per_page) or 2
    local start = 1
    if style == "cursor" or style == "search" then
      local after = query.starting_after or (body.pagination or {}).starting_after
      start = after and tonumber(after) + 1 or 1
    elseif style == "pages" then
      start = ((tonumber(query.page) or 1) - 1) * per_page + 1
    elseif style == "scroll" then
      start = query.scroll_param and tonumber(query.scroll_param) or 1
    end
    local data = {}
    for i = start, math.min(n, start + per_page - 1) do
      data[#data + 1] = { type = "contact", id = tostring(i) }
    end
    local last = start + #data - 1
    local page = { type = "list", data = data, total_count = n }
    if style == "scroll" then
      page = { type = "company.list", companies = data, scroll_param = tostring(last + 1) }
    elseif last < n then
      if style == "pages" then
        page.pages = { type = "pages", page = (tonumber(query.page) or 1), per_page = per_page,
          next = ("https://api.example.test/contacts?page=%d&per_page=%d"):format((tonumber(query.page) or 1) + 1,
            per_page) }
      elseif style == "cursor_url" then
        page.pages = { type = "pages", next = "https://api.example.test/contacts?starting_after=" .. last }
      else
        page.pages = { type = "pages", next = { per_page = per_page, starting_after = tostring(last) } }
      end
    end
    if style == "cursor_url" then style = "cursor" end
    return { status = 200, body = page }
  end
  return fake, fake_transport.client(fake)
end

local function ids(coll)
  local out = {}
  for item in coll do out[#out + 1] = item.id end
  return table.concat(out, ",")
end

describe("collections", function()
  for _, style in ipairs({ "cursor", "pages", "search", "scroll" }) do
    it(("walk every page in %s style, one page at a time"):format(style), function()
      local fake, client = paged_api(5, style)
      local coll = collection.new(client, { method = style == "search" and "POST" or "GET",
        path = "/contacts", paging = style, per_page = 2, body = style == "search" and { query = {} } or nil })
      local seen, requests_at = {}, {}
      for item in coll do
        seen[#seen + 1] = item.id
        requests_at[#requests_at + 1] = #fake.requests
      end
      assert.equal("1,2,3,4,5", table.concat(seen, ","))
      -- lazily: the second page is fetched only after the first page's items
      assert.same({ 1, 1, 2, 2, 3 }, requests_at)
    end)
  end

  it("follows a cursor given as a next URL", function()
    local fake, client = paged_api(3, "cursor_url")
    local coll = collection.new(client, { method = "GET", path = "/contacts", paging = "cursor", per_page = 2 })
    assert.equal("1,2,3", ids(coll))
    assert.matches("starting_after=2", fake.requests[2].url)
  end)

  it("asks for the page size it is given", function()
    local fake, client = paged_api(3, "cursor")
    collection.new(client, { method = "GET", path = "/contacts", paging = "cursor", per_page = 150 }):first()
    assert.matches("per_page=150", fake.requests[1].url)
  end)

  it("sends the search cursor in the body", function()
    local fake, client = paged_api(3, "search")
    local coll = collection.new(client, { method = "POST", path = "/contacts/search", paging = "search",
      per_page = 2, body = { query = { field = "role", operator = "=", value = "user" } } })
    assert.equal("1,2,3", ids(coll))
    assert.matches('"starting_after":"2"', fake.requests[2].body, 1, true)
    assert.matches('"per_page":2', fake.requests[2].body, 1, true)
  end)

  it("can be iterated again, from the first page", function()
    local fake, client = paged_api(3, "cursor")
    local coll = collection.new(client, { method = "GET", path = "/contacts", paging = "cursor", per_page = 2 })
    assert.equal("1,2,3", ids(coll))
    assert.equal("1,2,3", ids(coll))
    assert.equal(4, #fake.requests)
  end)

  it("gives the first item with one request", function()
    local fake, client = paged_api(5, "cursor")
    local coll = collection.new(client, { method = "GET", path = "/contacts", paging = "cursor", per_page = 2 })
    local first = coll:first()
    assert.equal("1", first.id)
    assert.equal(1, #fake.requests)
  end)

  it("collects up to a limit, fetching no more pages than needed", function()
    local fake, client = paged_api(9, "cursor")
    local coll = collection.new(client, { method = "GET", path = "/contacts", paging = "cursor", per_page = 2 })
    local three = coll:to_array(3)
    assert.equal(3, #three)
    assert.equal(2, #fake.requests)
    assert.equal(9, #coll:to_array())
  end)

  it("stops when a cursor does not move", function()
    local fake = fake_transport.new()
    fake.handler = function()
      return { status = 200, body = { type = "list", data = { { type = "contact", id = "x" } },
        pages = { next = { starting_after = "same" } } } }
    end
    local coll = collection.new(fake_transport.client(fake), { method = "GET", path = "/contacts", paging = "cursor" })
    assert.equal(2, #coll:to_array())
    assert.equal(2, #fake.requests)
  end)

  it("gives pages as objects", function()
    local _, client = paged_api(3, "cursor")
    local coll = collection.new(client, { method = "GET", path = "/contacts", paging = "cursor", per_page = 2 })
    local totals = {}
    for page in coll:pages() do totals[#totals + 1] = page.total_count .. ":" .. #page.data end
    assert.same({ "3:2", "3:1" }, totals)
  end)

  it("raises an error met while paging", function()
    local fake = fake_transport.new({ { status = 200, body = { type = "list", data = { { type = "contact", id = "1" } },
      pages = { next = { starting_after = "1" } } } }, { status = 404, body = "" } })
    local coll = collection.new(fake_transport.client(fake), { method = "GET", path = "/contacts", paging = "cursor" })
    assert.has_error(function() for _ in coll do end end)
  end)
end)
