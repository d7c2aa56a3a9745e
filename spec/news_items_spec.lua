-- client.news_items against the sandbox.
local harness = require "sandbox_harness"

describe("client.news_items", function()
  local sandbox, client
  local ADA, GRACE = "991267401", "991267402"

  local h = harness.new({ token = "news_items_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, bad_input = h.last, h.bad_input

  local function announce(fields)
    local args = { title = "Saved replies are here", sender_id = ADA, body = "<p>Answer common questions faster.</p>",
      labels = { "Product" }, reactions = { "👍", "🎉" } }
    for k, v in pairs(fields or {}) do args[k] = v end
    return client.news_items:create(args)
  end

  it("lists news items, newest first, across pages", function()
    local items = client.news_items:all():to_array()
    assert.equal(3, #items)
    assert.equal("news-item", items[1].type)
    assert.equal("New pricing for growing teams", items[1].title)
    assert.equal("GET /news/news_items", last().method .. " " .. last().path)
    assert.equal("150", last().query.per_page)
    sandbox:clear_requests()
    assert.equal(3, #client.news_items:all{ per_page = 1 }:to_array())
    assert.equal(3, #sandbox:requests())
  end)

  it("creates a draft, then publishes it to a newsfeed", function()
    local n = announce{ newsfeed_assignments = { { newsfeed_id = "2101" } } }
    assert.equal("POST /news/news_items", last().method .. " " .. last().path)
    -- sender_id and newsfeed_id are integers in API 2.15
    assert.same({ title = "Saved replies are here", sender_id = 991267401,
      body = "<p>Answer common questions faster.</p>",
      labels = { "Product" }, reactions = { "👍", "🎉" }, newsfeed_assignments = { { newsfeed_id = 2101 } } },
      last().json)
    assert.equal("draft", n.state)
    assert.is_nil(n.newsfeed_assignments[1].published_at)
    n.state = "live"
    assert.equal(n, client.news_items:save(n))
    local req = last()
    assert.equal("PUT /news/news_items/" .. n.id, req.method .. " " .. req.path)
    -- the API wants title and sender_id in every update
    assert.same({ state = "live", title = "Saved replies are here", sender_id = 991267401 }, req.json)
    assert.equal("live", n.state)
    assert.equal("integer", math.type(n.newsfeed_assignments[1].published_at))
    assert.equal(n.title, client.newsfeeds:items(2101):first().title)
  end)

  it("finds, updates and deletes", function()
    local n = client.news_items:find("1502")
    assert.equal("GET /news/news_items/1502", last().method .. " " .. last().path)
    assert.is_true(n.deliver_silently)
    local updated = client.news_items:update{ id = "1502", title = n.title, sender_id = GRACE,
      deliver_silently = false }
    assert.same({ title = n.title, sender_id = 991267402, deliver_silently = false }, last().json)
    assert.is_false(updated.deliver_silently)
    assert.equal(n, client.news_items:delete(n))
    assert.equal("DELETE /news/news_items/1502", last().method .. " " .. last().path)
    local answer = client.news_items:delete("1501")
    assert.equal("news-item", answer.object)
    local ok, err = pcall(client.news_items.find, client.news_items, "1501")
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
  end)

  it("answers the API's errors", function()
    local ok, err = pcall(announce, { newsfeed_assignments = { { newsfeed_id = 1 } } })
    assert.is_false(ok)
    assert.equal("BadRequestError", err.class)
    ok, err = pcall(announce, { state = "published" })
    assert.is_false(ok)
    assert.equal("state", err.field)
    ok, err = pcall(announce, { reactions = { "1", "2", "3", "4", "5" } })
    assert.is_false(ok)
    assert.equal("reactions", err.field)
  end)

  it("refuses bad arguments before sending", function()
    bad_input(function() client.news_items:create{ sender_id = ADA } end, "'title' is required")
    bad_input(function() client.news_items:create{ title = "x" } end, "'sender_id' is required")
    bad_input(function() client.news_items:create{ title = "x", sender_id = "ada" } end,
      "news_items:create: argument 'sender_id' must be an integer id")
    bad_input(function()
      client.news_items:create{ title = "x", sender_id = ADA, newsfeed_assignments = { { newsfeed_id = "feed" } } }
    end, "argument 'newsfeed_assignments.1.newsfeed_id' must be an integer id")
    bad_input(function() client.news_items:create{ title = "x", sender_id = ADA, labels = "Product" } end,
      "'labels' must be a table")
    bad_input(function() client.news_items:update{ id = "1501", title = "x" } end, "'sender_id' is required")
    bad_input(function() client.news_items:update{ title = "x", sender_id = ADA } end, "argument 'id'")
    bad_input(function() client.news_items:find() end, "argument 'id'")
  end)
end)
