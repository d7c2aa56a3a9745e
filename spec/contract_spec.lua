-- The public Lua interface (docs/design.md, "The public interface"): other code and
-- outside checks rely on these names and shapes, so they are pinned here.
local intercom = require "intercom"
local sandbox_module = require "intercom.sandbox"

describe("the public interface", function()
  local sandbox, client
  setup(function() sandbox = sandbox_module.start{ port = 0 } end)
  teardown(function() sandbox:stop() end)
  before_each(function()
    sandbox:reset()
    client = intercom.new{
      token = "contract-token", api_version = "2.15", base_url = sandbox.url,
      connect_timeout = 30, timeout = 90, handle_rate_limit = false, max_retries = 2,
    }
  end)

  it("has the module fields", function()
    assert.is_function(intercom.new)
    assert.is_string(intercom.VERSION)
    assert.is_userdata(intercom.null)
    assert.is_table(intercom.errors.IntercomError)
    assert.is_function(require("intercom.safe").new)
  end)

  it("runs the contacts walk-through", function()
    local c = client.contacts:create{ email = "ann@example.org", role = "user" }
    local same = client.contacts:find{ id = c.id }
    assert.equal(c, client.contacts:find(c.id))
    same.name = "Ann"
    same.custom_attributes.plan = "pro"
    client.contacts:save(same)
    assert.equal("pro", client.contacts:find(c.id).custom_attributes.plan)
    client.contacts:archive(same)
    client.contacts:unarchive(same)
    local emails = {}
    for contact in client.contacts:all() do emails[#emails + 1] = contact.email end
    assert.is_true(#emails > 1)
    local found = 0
    for _ in client.contacts:search{ query = { field = "email", operator = "=", value = "ann@example.org" } } do
      found = found + 1
    end
    assert.equal(1, found)
    local lead = client.contacts:create{ role = "lead", name = "Lead" }
    client.contacts:merge(lead, same)
    client.contacts:delete(same)
  end)

  it("runs the contact object methods", function()
    local c = client.contacts:create{ email = "obj@example.org", role = "user" }
    local tag = client:get("/tags").data[1]
    c:add_tag{ id = tag.id }
    local names = {}
    for t in c:tags() do names[#names + 1] = t.name end
    assert.same({ tag.name }, names)
    c:remove_tag{ id = tag.id }
    for _, method in ipairs({ "notes", "segments", "companies", "subscription_types" }) do
      assert.is_table(c[method](c):to_array())
    end
    c:create_note{ body = "<p>hi</p>" }
    c:increment("karma")
    c:decrement("karma", 5)
    assert.equal(-4, c.custom_attributes.karma)
    assert.is_function(c.tags) -- the method wins over the list attribute
  end)

  it("raises error objects with the contract's fields", function()
    local ok, err = pcall(client.contacts.find, client.contacts, { id = "nope" })
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
    assert.equal(404, err.http_code)
    assert.equal("not_found", err.code)
    assert.is_string(err.message)
    assert.is_string(err.request_id)
    assert.is_table(err.errors)
    assert.is_string(err.body)
    assert.is_true(err:is(intercom.errors.IntercomError))
    assert.is_nil(tostring(err):find("\n"))
    assert.is_nil(err.field)
  end)

  it("keeps rate limit details as integers", function()
    client:get("/me")
    local d = client.rate_limit_details
    for _, k in ipairs({ "limit", "remaining", "reset_at" }) do assert.equal("integer", math.type(d[k])) end
  end)

  it("has the safe API and the escape hatch", function()
    local safe = require "intercom.safe"
    local s = assert(safe.new{ token = "t", base_url = sandbox.url })
    local none, err = s.contacts:find{ id = "nope" }
    assert.is_nil(none)
    assert.equal("ResourceNotFound", err.class)
    local c = client:post("/contacts", { email = "hatch@example.org", role = "user" })
    assert.equal("contact", client:get("/contacts/" .. c.id).type)
    client:put("/contacts/" .. c.id, { name = "Hatch" })
    client:delete("/contacts/" .. c.id)
  end)

  it("names the gem's services as the gem does", function()
    assert.is_function(client.conversations.reply)
    assert.equal("admin", client.admins:me().type)
    assert.is_table(client.counts)
    for _, name in ipairs({ "admins", "articles", "companies", "contacts", "conversations", "counts", "events",
      "messages", "notes", "subscriptions", "subscription_types", "segments", "sections", "tags", "teams", "users",
      "leads", "visitors", "jobs", "data_attributes", "collections", "export_content", "phone_call_redirect" }) do
      assert.is_table(client[name], name)
    end
  end)
end)
