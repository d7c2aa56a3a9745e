-- POST /contacts/search over HTTP: the query language against real contacts,
-- sorting and cursor paging in the body.
local http = require "http"
local sandbox = require "intercom.sandbox"

describe("sandbox contact search", function()
  local sb
  local people = {
    { email = "amy@alpha.com", name = "Amy", custom_attributes = { plan = "pro", seats = 10 } },
    { email = "ben@beta.org", name = "Ben", custom_attributes = { plan = "free", seats = 1 } },
    { email = "cat@alpha.com", name = "Cat", custom_attributes = { plan = "team", seats = 5 } },
    { email = "dan@gamma.net", name = "Dan", custom_attributes = { plan = "pro", seats = 30 } },
    { role = "lead", email = "eli@alpha.com", name = "Eli" },
  }
  local ids = {}

  setup(function()
    sb = sandbox.start { port = 0, seed = false }
    for i, p in ipairs(people) do ids[i] = http.post(sb, "/contacts", p).json.id end
    http.post(sb, "/contacts/" .. ids[2] .. "/tags", { id = "101" })
  end)
  teardown(function() sb:stop() end)

  local function search(body)
    local res = http.post(sb, "/contacts/search", body)
    return res
  end

  local function names(q, sort)
    local res = search { query = q, sort = sort }
    assert.equal(200, res.status, res.body)
    local out = {}
    for i, c in ipairs(res.json.data) do out[i] = c.name end
    return out, res.json
  end

  it("answers a contact list", function()
    local got, body = names { field = "role", operator = "=", value = "user" }
    assert.same({ "Amy", "Ben", "Cat", "Dan" }, got)
    assert.equal("list", body.type)
    assert.equal(4, body.total_count)
    assert.equal("pages", body.pages.type)
    assert.equal("contact", body.data[1].type)
    assert.is_nil(body.data[1].tag_id) -- search-only fields do not leak into contacts
  end)

  it("runs every operator", function()
    assert.same({ "Ben" }, names { field = "email", operator = "=", value = "ben@beta.org" })
    assert.same({ "Amy", "Cat", "Dan", "Eli" }, names { field = "name", operator = "!=", value = "Ben" })
    assert.same({ "Amy", "Dan" }, names { field = "custom_attributes.plan", operator = "IN", value = { "pro" } })
    assert.same({ "Ben", "Cat", "Eli" },
      names { field = "custom_attributes.plan", operator = "NIN", value = { "pro" } })
    assert.same({ "Ben", "Cat" }, names { field = "custom_attributes.seats", operator = "<", value = 10 })
    assert.same({ "Amy", "Ben", "Cat" }, names { field = "custom_attributes.seats", operator = "<=", value = 10 })
    assert.same({ "Dan" }, names { field = "custom_attributes.seats", operator = ">", value = 10 })
    assert.same({ "Amy", "Dan" }, names { field = "custom_attributes.seats", operator = ">=", value = 10 })
    assert.same({ "Amy", "Cat", "Eli" }, names { field = "email", operator = "~", value = "alpha" })
    assert.same({ "Ben", "Dan" }, names { field = "email", operator = "!~", value = "alpha" })
    assert.same({ "Cat" }, names { field = "email", operator = "^", value = "cat" })
    assert.same({ "Dan" }, names { field = "email", operator = "$", value = ".net" })
    assert.same({ "Ben" }, names { field = "tag_id", operator = "=", value = "101" })
  end)

  it("nests AND and OR", function()
    local q = { operator = "AND", value = {
      { field = "role", operator = "=", value = "user" },
      { operator = "OR", value = {
        { field = "email", operator = "$", value = "alpha.com" },
        { field = "custom_attributes.seats", operator = ">", value = 20 },
      } },
    } }
    assert.same({ "Amy", "Cat", "Dan" }, names(q))
    q.value[2].operator = "AND"
    assert.same({}, names(q))
  end)

  it("sorts ascending and descending", function()
    local q = { field = "role", operator = "=", value = "user" }
    assert.same({ "Ben", "Cat", "Amy", "Dan" }, names(q, { field = "custom_attributes.seats", order = "ascending" }))
    assert.same({ "Dan", "Amy", "Cat", "Ben" }, names(q, { field = "custom_attributes.seats", order = "descending" }))
    assert.same({ "Dan", "Cat", "Ben", "Amy" }, names(q, { field = "name", order = "descending" }))
  end)

  it("pages with pagination.starting_after, keeping the sort", function()
    local q = { field = "email", operator = "~", value = "@" }
    local sort = { field = "name", order = "descending" }
    local seen, cursor, pages = {}, nil, 0
    repeat
      local res = search { query = q, sort = sort, pagination = { per_page = 2, starting_after = cursor } }
      assert.equal(200, res.status)
      pages = pages + 1
      assert.equal(5, res.json.total_count)
      assert.equal(pages, res.json.pages.page)
      assert.equal(3, res.json.pages.total_pages)
      for _, c in ipairs(res.json.data) do seen[#seen + 1] = c.name end
      cursor = res.json.pages.next and res.json.pages.next.starting_after
    until not cursor
    assert.equal(3, pages)
    assert.same({ "Eli", "Dan", "Cat", "Ben", "Amy" }, seen)
  end)

  it("refuses bad queries with 400", function()
    local cases = {
      { query = { field = "email", operator = "LIKE", value = "x" } },
      { query = { field = "favourite_colour", operator = "=", value = "red" } },
      { query = { field = "email", operator = "IN", value = "x" } },
      { query = { operator = "AND", value = {} } },
      { query = { field = "email", operator = "=", value = "x" }, sort = { field = "email", order = "up" } },
      { query = { field = "email", operator = "=", value = "x" }, pagination = { per_page = 0 } },
      { query = { field = "email", operator = "=", value = "x" }, pagination = { starting_after = "%%%" } },
    }
    for i, body in ipairs(cases) do
      local res = search(body)
      assert.equal(400, res.status, "case " .. i)
      assert.equal("parameter_invalid", res.json.errors[1].code, "case " .. i)
    end
    local res = search {}
    assert.equal(400, res.status)
  end)
end)
