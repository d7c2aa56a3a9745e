-- The search query language as a module: operators, nesting, fields, sorting.
local core = require "intercom.core"
local query = require "intercom.sandbox.search.query"

local function matches(q, obj)
  local f = assert(query.compile(q))
  return f(obj)
end

describe("sandbox query language", function()
  local ann = {
    email = "ann@Example.com", name = "Ann Lee", created_at = 1700000000, role = "user",
    unsubscribed_from_emails = false, phone = core.null,
    custom_attributes = { plan = "pro", seats = 12 },
    tag_id = core.array { "101", "102" }, segment_id = core.array {},
  }

  it("compares with = and != (numbers, strings, booleans, null)", function()
    assert.is_true(matches({ field = "role", operator = "=", value = "user" }, ann))
    assert.is_false(matches({ field = "role", operator = "=", value = "lead" }, ann))
    assert.is_true(matches({ field = "role", operator = "!=", value = "lead" }, ann))
    assert.is_true(matches({ field = "created_at", operator = "=", value = 1700000000 }, ann))
    assert.is_true(matches({ field = "created_at", operator = "=", value = "1700000000" }, ann))
    assert.is_true(matches({ field = "unsubscribed_from_emails", operator = "=", value = false }, ann))
    assert.is_true(matches({ field = "phone", operator = "=", value = core.null }, ann))
    assert.is_false(matches({ field = "phone", operator = "!=", value = core.null }, ann))
    assert.is_true(matches({ field = "email", operator = "!=", value = core.null }, ann))
  end)

  it("orders numbers with < <= > >=", function()
    assert.is_true(matches({ field = "created_at", operator = ">", value = 1699999999 }, ann))
    assert.is_false(matches({ field = "created_at", operator = ">", value = 1700000000 }, ann))
    assert.is_true(matches({ field = "created_at", operator = ">=", value = 1700000000 }, ann))
    assert.is_true(matches({ field = "created_at", operator = "<", value = "1700000001" }, ann))
    assert.is_true(matches({ field = "created_at", operator = "<=", value = 1700000000 }, ann))
    assert.is_false(matches({ field = "phone", operator = "<", value = 5 }, ann)) -- null never orders
  end)

  it("tests strings with ~ !~ ^ $, ignoring case", function()
    assert.is_true(matches({ field = "email", operator = "~", value = "EXAMPLE" }, ann))
    assert.is_false(matches({ field = "email", operator = "~", value = "gmail" }, ann))
    assert.is_true(matches({ field = "email", operator = "!~", value = "gmail" }, ann))
    assert.is_true(matches({ field = "name", operator = "^", value = "ann" }, ann))
    assert.is_false(matches({ field = "name", operator = "^", value = "Lee" }, ann))
    assert.is_true(matches({ field = "email", operator = "$", value = ".com" }, ann))
    assert.is_false(matches({ field = "email", operator = "$", value = ".org" }, ann))
    assert.is_false(matches({ field = "phone", operator = "~", value = "1" }, ann))
    assert.is_true(matches({ field = "phone", operator = "!~", value = "1" }, ann))
  end)

  it("tests membership with IN and NIN", function()
    assert.is_true(matches({ field = "role", operator = "IN", value = core.array { "lead", "user" } }, ann))
    assert.is_false(matches({ field = "role", operator = "IN", value = core.array { "lead" } }, ann))
    assert.is_true(matches({ field = "role", operator = "NIN", value = core.array { "lead" } }, ann))
    assert.is_false(matches({ field = "role", operator = "NIN", value = core.array { "user" } }, ann))
  end)

  it("reads dotted fields", function()
    assert.is_true(matches({ field = "custom_attributes.plan", operator = "=", value = "pro" }, ann))
    assert.is_true(matches({ field = "custom_attributes.seats", operator = ">", value = 10 }, ann))
    assert.is_false(matches({ field = "custom_attributes.missing", operator = "=", value = "x" }, ann))
    assert.is_true(matches({ field = "custom_attributes.missing", operator = "=", value = core.null }, ann))
  end)

  it("treats array fields as sets", function()
    assert.is_true(matches({ field = "tag_id", operator = "=", value = "102" }, ann))
    assert.is_false(matches({ field = "tag_id", operator = "=", value = "103" }, ann))
    assert.is_true(matches({ field = "tag_id", operator = "!=", value = "103" }, ann))
    assert.is_false(matches({ field = "tag_id", operator = "!=", value = "101" }, ann))
    assert.is_true(matches({ field = "tag_id", operator = "IN", value = core.array { "7", "101" } }, ann))
    assert.is_true(matches({ field = "tag_id", operator = "NIN", value = core.array { "7", "8" } }, ann))
    assert.is_false(matches({ field = "segment_id", operator = "=", value = "1" }, ann))
  end)

  it("nests AND and OR", function()
    local q = { operator = "AND", value = core.array {
      { field = "role", operator = "=", value = "user" },
      { operator = "OR", value = core.array {
        { field = "custom_attributes.plan", operator = "=", value = "free" },
        { field = "email", operator = "$", value = "example.com" },
      } },
    } }
    assert.is_true(matches(q, ann))
    q.value[2].value[2].value = "example.org"
    assert.is_false(matches(q, ann))
    q.operator = "OR"
    assert.is_true(matches(q, ann))
  end)

  it("refuses what it cannot run", function()
    local bad = {
      { field = "role", operator = "LIKE", value = "user" },
      { field = "role", value = "user" },
      { operator = "=", value = "user" },
      { field = "role", operator = "IN", value = "user" },
      { field = "role", operator = "=", value = core.array { "user" } },
      { field = "name", operator = "~", value = core.null },
      { operator = "AND", value = core.array {} },
      { operator = "OR", value = { field = "role", operator = "=", value = "user" } },
      { operator = "AND", value = core.array { { field = "role", operator = "~~", value = "x" } } },
      "role = user",
    }
    for i, q in ipairs(bad) do
      local f, err = query.compile(q)
      assert.is_nil(f, "case " .. i)
      assert.is_string(err.message, "case " .. i)
    end
  end)

  it("lets the caller restrict fields", function()
    local f, err = query.compile({ field = "secret", operator = "=", value = 1 },
      { field_ok = function(field) return field ~= "secret", "no" end })
    assert.is_nil(f)
    assert.equal("secret", err.field)
  end)

  it("orders values for sorting, nulls last", function()
    assert.equal(-1, query.compare(1, 2))
    assert.equal(1, query.compare("b", "a"))
    assert.equal(0, query.compare("a", "a"))
    assert.equal(1, query.compare(core.null, 1))
    assert.equal(-1, query.compare("z", nil))
    assert.same({ field = "name", descending = true }, query.sort_spec { field = "name", order = "descending" })
    assert.same({ field = "name", descending = false }, query.sort_spec { field = "name" })
    assert.is_nil((query.sort_spec { field = "name", order = "sideways" }))
  end)
end)
