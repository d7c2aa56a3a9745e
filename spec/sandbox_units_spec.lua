-- Small sandbox modules on their own: router, url decoding, ids, paging.
local core = require "intercom.core"
local ids = require "intercom.sandbox.model.ids"
local paging = require "intercom.sandbox.search.paging"
local router = require "intercom.sandbox.server.router"
local urlcode = require "intercom.sandbox.server.urlcode"

describe("sandbox router", function()
  local r = router.new {
    { "GET /contacts/{id}", "show" },
    { "POST /contacts/search", "search" },
    { "GET /contacts/find_by_external_id/{external_id}", "by_ext" },
    { "GET /contacts/{id}/tags", "tags" },
  }
  local function resolve(method, path)
    local route, params = router.resolve(r, method, urlcode.segments(path))
    return route and route.handler, params
  end

  it("matches templates and extracts decoded parameters", function()
    local h, params = resolve("GET", "/contacts/ab%2Fc")
    assert.equal("show", h)
    assert.same({ id = "ab/c" }, params)
    h, params = resolve("GET", "/contacts/find_by_external_id/x")
    assert.equal("by_ext", h)
    assert.same({ external_id = "x" }, params)
    assert.equal("tags", (resolve("GET", "/contacts/1/tags")))
  end)

  it("tells an unknown path from a known path with another method", function()
    assert.same({ nil, nil }, { router.resolve(r, "GET", urlcode.segments("/nothing")) })
    local route, why = router.resolve(r, "DELETE", urlcode.segments("/contacts/1"))
    assert.is_nil(route)
    assert.equal("method", why)
  end)

  it("normalizes templates to keys", function()
    assert.equal("GET /contacts/{}", router.key("GET /contacts/{contact_id}"))
    assert.equal("* /contacts/{}", router.key("/contacts/{id}"))
    assert.equal("*", router.key("*"))
    assert.is_nil((router.compile("GET contacts")))
  end)
end)

describe("sandbox urlcode", function()
  it("parses queries with escapes and repeats", function()
    assert.same({ a = "1 2", b = { "x", "y" }, c = "" }, urlcode.parse_query("a=1+2&b=x&b=y&c"))
    assert.same({}, urlcode.parse_query(""))
    assert.equal("a b/c", urlcode.decode("a%20b%2Fc"))
    assert.equal("a%20b%2Fc", urlcode.encode("a b/c"))
  end)
end)

describe("sandbox ids", function()
  it("makes 24-hex object ids, deterministic when salted", function()
    assert.matches("^%x+$", ids.object_id(1700000000, 1))
    assert.equal(24, #ids.object_id(1700000000, 1))
    assert.equal(ids.object_id(1, 2, 3), ids.object_id(1, 2, 3))
    assert.are_not.equal(ids.object_id(1, 2, 3), ids.object_id(1, 3, 3))
  end)

  it("round-trips base64url and rejects junk", function()
    for _, s in ipairs { "", "a", "ab", "abc", "{\"s\":12}", "\0\255" } do
      assert.equal(s, ids.b64decode(ids.b64encode(s)))
    end
    assert.is_nil(ids.b64decode("a=b"))
    assert.is_nil(ids.b64decode("abcde"))
  end)
end)

describe("sandbox paging", function()
  local items = {}
  for i = 1, 7 do items[i] = { seq = i, v = (i % 3) } end
  local key_of = function(it) return { v = it.v, s = it.seq } end

  it("walks sorted items by cursor without repeats", function()
    local order = { field = "v", descending = true }
    local sorted = paging.sort({ table.unpack(items) }, order, key_of)
    local seen, cursor = {}, nil
    repeat
      local data, pages = paging.cursor_page(sorted, order, key_of, 3, cursor)
      for _, it in ipairs(data) do seen[#seen + 1] = it.seq end
      cursor = pages.next and pages.next.starting_after
    until not cursor
    assert.same({ 2, 5, 1, 4, 7, 3, 6 }, seen)
  end)

  it("pages by number with next links", function()
    local data, pages, total = paging.number_page(items, 3, 3, function(n) return "next=" .. n end)
    assert.equal(1, #data)
    assert.equal(7, total)
    assert.is_nil(pages.next)
    data, pages = paging.number_page(items, 1, 3, function(n) return "next=" .. n end)
    assert.equal("next=2", pages.next)
    assert.equal(core.array_mt, getmetatable(data))
  end)
end)
