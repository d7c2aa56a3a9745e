local core = require "intercom.core"
local intercom = require "intercom"
require "intercom.service" -- registers the class loader, so contacts have their methods

local function contact()
  return core.resource(core.json_decode([[{
    "type": "contact", "id": "6329bd9f1c2b3a4d5e6f7081", "email": "ann@example.com", "name": null,
    "role": "user", "created_at": 1700000000, "score": 1.5,
    "custom_attributes": { "plan": "free", "seats": 3 },
    "location": { "type": "location", "city": "Dublin", "country": "Ireland" },
    "tags": { "type": "list", "data": [ { "type": "tag", "id": "1" } ], "url": "/contacts/x/tags" },
    "conversation_parts": { "type": "conversation_part.list", "total_count": 1,
      "conversation_parts": [ { "type": "conversation_part", "id": "p1", "body": "hi" } ] },
    "companies": { "type": "company.list", "companies": [] },
    "social_profiles": { "type": "list", "data": [] },
    "unknown_field": { "nested": [1, 2] }
  }]]))
end

describe("intercom.Resource", function()
  it("reads attributes by field, with integers kept integers", function()
    local c = contact()
    assert.equal("ann@example.com", c.email)
    assert.equal(1700000000, c.created_at)
    assert.equal("integer", math.type(c.created_at))
    assert.equal(1.5, c.score)
  end)

  it("reads JSON null as nil", function()
    assert.is_nil(contact().name)
  end)

  it("types nested objects by their type", function()
    local loc = contact().location
    assert.is_true(core.is_resource(loc))
    assert.equal("Dublin", loc.city)
    assert.matches("^intercom%.Location", tostring(loc))
  end)

  it("turns *.list values into arrays of typed objects", function()
    local parts = contact().conversation_parts
    assert.equal(1, #parts)
    assert.equal("hi", parts[1].body)
    assert.matches("^intercom%.ConversationPart<p1>", tostring(parts[1]))
    assert.equal(0, #contact().social_profiles)
  end)

  it("keeps unknown fields", function()
    local c = contact()
    assert.same({ 1, 2 }, { c.unknown_field.nested[1], c.unknown_field.nested[2] })
  end)

  it("returns the same nested object each time, so changes stick", function()
    local c = contact()
    assert.is_true(rawequal(c.location, c.location))
  end)

  it("lets a method win over a list attribute of the same name", function()
    local c = contact()
    assert.is_function(c.tags)
    assert.equal("list", c:to_table().tags.type)
  end)

  it("tracks changes, including inside custom_attributes and nested objects", function()
    local c = contact()
    assert.same({}, core.changes(c))
    c.name = "Ann"
    c.custom_attributes.plan = "pro"
    c.location.city = "Cork"
    assert.same({ name = "Ann", custom_attributes = { plan = "pro" }, location = { city = "Cork" } },
      core.changes(c))
  end)

  it("sends nil assignments as JSON null", function()
    local c = contact()
    c.email = nil
    assert.equal(intercom.null, core.changes(c).email)
    assert.is_nil(c.email)
  end)

  it("creates custom_attributes for a contact that has none", function()
    local c = core.resource({ type = "contact", id = "1" })
    c.custom_attributes.plan = "pro"
    assert.same({ custom_attributes = { plan = "pro" } }, core.changes(c))
  end)

  it("refuses values JSON cannot carry", function()
    local c = contact()
    local ok, err = pcall(function() c.callback = print end)
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.matches("callback", err.message)
  end)

  it("walks attributes with pairs", function()
    local seen = {}
    local keys = {}
    for k, v in pairs(contact()) do seen[k], keys[k] = v, true end
    assert.equal("ann@example.com", seen.email)
    assert.is_true(keys.name)   -- a JSON null field is walked...
    assert.is_nil(seen.name)    -- ...and reads as nil, as c.name does
    assert.equal("Dublin", seen.location.city)
  end)

  it("gives a plain deep copy with to_table", function()
    local c = contact()
    local t = c:to_table()
    assert.is_nil(getmetatable(t))
    assert.equal("table", type(t.location))
    t.location.city = "Paris"
    assert.equal("Dublin", c.location.city)
    assert.equal(core.array_mt, getmetatable(t.social_profiles.data))
  end)

  it("compares equal when type and attributes are equal", function()
    local a, b = contact(), contact()
    assert.is_true(a == b)
    b.email = "bob@example.com"
    assert.is_false(a == b)
  end)

  it("prints short and useful", function()
    assert.equal("intercom.Contact<6329\u{2026}> ann@example.com", tostring(contact()))
    assert.equal("intercom.Tag<7> vip", tostring(core.resource({ type = "tag", id = "7", name = "vip" })))
    assert.equal("intercom.Object", tostring(core.resource({})))
  end)

  it("refresh replaces attributes and forgets changes", function()
    local c = contact()
    c.name = "x"
    core.refresh(c, { type = "contact", id = "2", email = "new@example.com" })
    assert.equal("new@example.com", c.email)
    assert.same({}, core.changes(c))
  end)
end)
