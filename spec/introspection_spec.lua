-- What a user exploring the library sees (the REPL relies on it): pairs on
-- the client, services and errors; JSON null as nil in pairs and to_table;
-- the methods of anything; a page's items under one name.
local intercom = require "intercom"
local core = require "intercom.core"
local function describer() return require "intercom.describe" end
local harness = require "sandbox_harness"

local function keys_of(x)
  local keys, seen = {}, {}
  for k, v in pairs(x) do
    keys[#keys + 1] = k
    seen[k] = v
  end
  return keys, seen
end

local function contains(list, value)
  for _, v in ipairs(list) do if v == value then return true end end
  return false
end

describe("introspection", function()
  local client
  harness.new({ token = "introspection-secret-token" }, function(c) client = c end)

  it("pairs(client) lists its fields, methods and services, never the token", function()
    local keys, seen = keys_of(client)
    assert.equal(client.base_url, seen.base_url)
    assert.equal("2.15", seen.api_version)
    assert.equal("function", type(seen.get))
    assert.equal(client.contacts, seen.contacts)
    assert.is_true(contains(keys, "conversations"))
    for k, v in pairs(seen) do
      assert.is_nil(tostring(k):find("introspection-secret", 1, true))
      assert.is_nil(tostring(v):find("introspection-secret", 1, true))
      if type(v) == "table" then
        for _, inner in pairs(v) do assert.is_nil(tostring(inner):find("introspection-secret", 1, true)) end
      end
    end
    assert.is_false(contains(keys, "settings"))
  end)

  it("pairs(service) lists its client and its methods", function()
    local keys, seen = keys_of(client.contacts)
    assert.equal("client", keys[1])
    assert.equal(client, seen.client)
    assert.equal("function", type(seen.find))
    assert.is_true(contains(keys, "search"))
  end)

  it("pairs(err) lists its fields and its methods", function()
    local ok, err = pcall(client.contacts.find, client.contacts, "000000000000000000000000")
    assert.is_false(ok)
    local keys, seen = keys_of(err)
    assert.equal("ResourceNotFound", seen.class)
    assert.equal(404, seen.http_code)
    assert.equal("function", type(seen.is))
    assert.is_true(contains(keys, "request_id"))
    assert.equal(keys[#keys], "is") -- the methods come after the fields
    local plain = keys_of(intercom.errors) -- a class table walks as a table
    assert.is_true(#plain > 0)
  end)

  it("JSON null reads as nil in pairs and in to_table; to_table{ null = } chooses", function()
    local c = core.resource(core.json_decode('{"type":"contact","id":"1","name":null,"tags":[1,null]}'))
    local walked = {}
    for k, v in pairs(c) do walked[k] = v == nil and "nil" or v end
    assert.equal("nil", walked.name)
    local t = c:to_table()
    assert.is_nil(t.name)
    assert.is_nil(t.tags[2])
    t = c:to_table{ null = intercom.null }
    assert.equal(intercom.null, t.name)
    assert.equal(intercom.null, t.tags[2])
    assert.equal("-", c:to_table{ null = "-" }.name)
    local ok, err = pcall(c.to_table, c, "x")
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
  end)

  it("intercom.methods lists the methods of a service, an object, a collection, an error, the client", function()
    local names = intercom.methods(client.contacts)
    assert.is_true(contains(names, "find") and contains(names, "all"))
    local ann = client.contacts:find{ email = "ann@example.com" }
    names = intercom.methods(ann)
    assert.is_true(contains(names, "tags") and contains(names, "add_tag") and contains(names, "to_table"))
    assert.same({ "each", "first", "pages", "to_array" }, intercom.methods(client.contacts:all()))
    assert.same({ "close", "delete", "get", "post", "put" }, intercom.methods(client))
    local _, err = pcall(client.contacts.find, client.contacts, "000000000000000000000000")
    assert.same({ "is" }, intercom.methods(err))
    assert.same({}, intercom.methods({}))
  end)

  it("describe gives each method's HTTP operation and arguments", function()
    local find
    for _, e in ipairs(describer().methods(client.contacts)) do if e.name == "find" then find = e end end
    assert.equal("GET /contacts/{contact_id}", find.requests[1])
    local add_tag
    local ann = client.contacts:find{ email = "ann@example.com" }
    for _, e in ipairs(describer().methods(ann)) do if e.name == "add_tag" then add_tag = e end end
    assert.same({ "POST /contacts/{contact_id}/tags" }, add_tag.requests)
    assert.matches("{ id = }` (id, required)", add_tag.args[1], 1, true)
  end)

  it("pages give their items as page.items whatever the endpoint", function()
    for page in client.contacts:all():pages() do
      assert.is_true(#page.items > 0)
      assert.equal(page.data[1], page.items[1])
      assert.is_true(core.is_resource(page.items[1]))
    end
    local n = 0
    for page in client.conversations:all():pages() do
      n = n + #page.items
      assert.equal(page.conversations[1], page.items[1])
    end
    assert.is_true(n > 0)
  end)
end)
