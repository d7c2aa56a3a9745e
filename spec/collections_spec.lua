-- client.collections (Help Center collections) against the sandbox.
local harness = require "sandbox_harness"

describe("client.collections", function()
  local sandbox, client

  local h = harness.new({ token = "collections_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, bad_input = h.last, h.bad_input

  it("lists collections, nested ones too, asking for 150 a page", function()
    local all = client.collections:all():to_array()
    assert.equal(5, #all)
    assert.equal("GET /help_center/collections", last().method .. " " .. last().path)
    assert.equal("150", last().query.per_page)
    local nested = 0
    for _, c in ipairs(all) do
      assert.equal("collection", c.type)
      if c.parent_id then nested = nested + 1 end
    end
    assert.equal(1, nested)
  end)

  it("follows pages.next across pages", function()
    sandbox:clear_requests()
    assert.equal(5, #client.collections:all{ per_page = 2 }:to_array())
    local reqs = sandbox:requests()
    assert.equal(3, #reqs)
    assert.equal("3", reqs[3].query.page)
  end)

  it("finds a collection", function()
    local c = client.collections:find("4102")
    assert.equal("GET /help_center/collections/4102", last().method .. " " .. last().path)
    assert.equal("Billing and plans", c.name)
    assert.equal(31, c.help_center_id)
    assert.matches("/en/collections/4102%-billing%-and%-plans$", c.url)
    assert.equal(c.name, client.collections:find{ id = 4102 }.name)
    local ok, err = pcall(client.collections.find, client.collections, "1")
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
  end)

  it("creates collections, at the top or inside another", function()
    local top = client.collections:create{ name = "Security", description = "Keeping your account safe",
      help_center_id = "31" } -- an integer in API 2.15: a string of digits goes as one
    assert.equal("POST /help_center/collections", last().method .. " " .. last().path)
    assert.same({ name = "Security", description = "Keeping your account safe", help_center_id = 31 }, last().json)
    assert.is_nil(top.parent_id)
    assert.equal(4, top.order) -- after the three seeded top-level collections
    local inner = client.collections:create{ name = "Passwords", parent_id = top.id }
    assert.equal(top.id, inner.parent_id)
    assert.equal(1, inner.order)
    local fr = client.collections:create{ name = "Billing FAQ",
      translated_content = { fr = { name = "FAQ facturation", description = "Questions fréquentes" } } }
    assert.equal("FAQ facturation", fr.translated_content.fr.name)
  end)

  it("saves what changed, and updates by id", function()
    local c = client.collections:find("4103")
    c.description = "Slack, Salesforce and more"
    assert.equal(c, client.collections:save(c))
    assert.equal("PUT /help_center/collections/4103", last().method .. " " .. last().path)
    assert.same({ description = "Slack, Salesforce and more" }, last().json)
    local moved = client.collections:update{ id = "4104", parent_id = "4101", name = "Invoices and receipts" }
    assert.same({ parent_id = "4101", name = "Invoices and receipts" }, last().json)
    assert.equal("4101", moved.parent_id)
    local made = client.collections:save{ name = "Mobile apps" }
    assert.equal("POST /help_center/collections", last().method .. " " .. last().path)
    assert.equal("Mobile apps", made.name)
  end)

  it("deletes a collection with the ones inside it; its articles stay, on their own", function()
    local answer = client.collections:delete("4102")
    assert.equal("DELETE /help_center/collections/4102", last().method .. " " .. last().path)
    assert.is_true(answer.deleted)
    assert.equal("collection", answer.object)
    local ok = pcall(client.collections.find, client.collections, "4104")
    assert.is_false(ok) -- the sub-collection went too
    local invoice = client.articles:find("7204")
    assert.is_nil(invoice.parent_id)
    local c = client.collections:find("4103")
    assert.equal(c, client.collections:archive(c))
    assert.equal("DELETE /help_center/collections/4103", last().method .. " " .. last().path)
  end)

  it("answers the API's errors", function()
    local ok, err = pcall(client.collections.create, client.collections, { name = "Orphan", parent_id = "999" })
    assert.is_false(ok)
    assert.equal("BadRequestError", err.class)
    assert.equal("parent_id", err.field)
    ok, err = pcall(client.collections.update, client.collections, { id = "4102", parent_id = "4104" })
    assert.is_false(ok)
    assert.matches("inside itself", err.message)
  end)

  it("refuses bad arguments before sending", function()
    bad_input(function() client.collections:create() end, "expected a table of arguments")
    bad_input(function() client.collections:create{ description = "no name" } end, "'name' is required")
    bad_input(function() client.collections:create{ name = "x", help_center_id = "" } end, "help_center_id")
    bad_input(function() client.collections:update{ name = "x" } end, "argument 'id'")
    bad_input(function() client.collections:update{ id = "4101", name = false } end, "'name' must be a string")
    bad_input(function() client.collections:delete{} end, "argument 'id'")
  end)
end)
