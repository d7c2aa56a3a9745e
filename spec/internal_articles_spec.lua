-- client.internal_articles against the sandbox.
local harness = require "sandbox_harness"

describe("client.internal_articles", function()
  local sandbox, client
  local ADA, GRACE = "991267401", "991267402"

  local h = harness.new({ token = "internal_articles_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, bad_input = h.last, h.bad_input

  local function new_article()
    return client.internal_articles:create{ title = "Handling chargebacks", author_id = ADA, owner_id = GRACE,
      body = "<p>Reply within 48 hours and attach the signed contract.</p>" }
  end

  it("lists internal articles, most recently updated first, across pages", function()
    local all = client.internal_articles:all():to_array()
    assert.equal(3, #all)
    assert.equal("internal_article", all[1].type)
    assert.equal("Handling a security report", all[1].title)
    assert.equal("GET /internal_articles", last().method .. " " .. last().path)
    assert.equal("150", last().query.per_page)
    sandbox:clear_requests()
    assert.equal(3, #client.internal_articles:all{ per_page = 2 }:to_array())
    assert.equal(2, #sandbox:requests())
    assert.equal("2", sandbox:requests()[2].query.page)
  end)

  it("creates, finds, saves, updates and deletes", function()
    local a = new_article()
    assert.equal("POST /internal_articles", last().method .. " " .. last().path)
    -- admin ids, integers in API 2.15
    assert.same({ title = "Handling chargebacks", author_id = 991267401, owner_id = 991267402,
      body = "<p>Reply within 48 hours and attach the signed contract.</p>" }, last().json)
    assert.equal(991267402, a.owner_id)
    assert.equal("en", a.locale)
    assert.equal(a.title, client.internal_articles:find(a.id).title)
    assert.equal("GET /internal_articles/" .. a.id, last().method .. " " .. last().path)
    a.title = "Chargebacks"
    assert.equal(a, client.internal_articles:save(a))
    assert.equal("PUT /internal_articles/" .. a.id, last().method .. " " .. last().path)
    assert.same({ title = "Chargebacks" }, last().json)
    local updated = client.internal_articles:update{ id = a.id, owner_id = ADA }
    assert.same({ owner_id = 991267401 }, last().json)
    assert.equal(991267401, updated.owner_id)
    assert.equal(a, client.internal_articles:delete(a))
    assert.equal("DELETE /internal_articles/" .. a.id, last().method .. " " .. last().path)
    local ok, err = pcall(client.internal_articles.find, client.internal_articles, a.id)
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
    local answer = client.internal_articles:archive("9301")
    assert.equal("internal_article", answer.object)
    assert.is_true(answer.deleted)
  end)

  it("searches a folder", function()
    local found = client.internal_articles:search{ folder_id = 55 }:to_array()
    assert.equal("GET /internal_articles/search", last().method .. " " .. last().path)
    assert.same({ folder_id = "55" }, last().query)
    assert.equal(2, #found)
    for _, a in ipairs(found) do assert.equal("internal_article", a.type) end
    assert.equal(3, #client.internal_articles:search():to_array())
    assert.equal(0, #client.internal_articles:search{ folder_id = "404" }:to_array())
  end)

  it("answers the API's errors", function()
    local ok, err = pcall(client.internal_articles.create, client.internal_articles,
      { title = "x", author_id = ADA, owner_id = "1" })
    assert.is_false(ok)
    assert.equal("BadRequestError", err.class)
    assert.equal("owner_id", err.field)
  end)

  it("refuses bad arguments before sending", function()
    bad_input(function() client.internal_articles:create{ title = "x", author_id = ADA } end, "'owner_id' is required")
    bad_input(function() client.internal_articles:create{ author_id = ADA, owner_id = ADA } end, "'title' is required")
    bad_input(function() client.internal_articles:update{ id = "9301", body = {} } end, "'body' must be a string")
    bad_input(function() client.internal_articles:update{ id = "9301", owner_id = "grace" } end,
      "argument 'owner_id' must be an integer id")
    bad_input(function() client.internal_articles:create{ title = "x", author_id = "1e3", owner_id = ADA } end,
      "argument 'author_id' must be an integer id")
    bad_input(function() client.internal_articles:search{ folder_id = true } end, "folder_id")
    bad_input(function() client.internal_articles:delete() end, "argument 'id'")
  end)
end)
