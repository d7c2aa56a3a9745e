-- client.newsfeeds and newsfeed objects against the sandbox.
local harness = require "sandbox_harness"

describe("client.newsfeeds", function()
  local sandbox, client

  local h = harness.new({ token = "newsfeeds_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last = h.last

  it("lists and finds newsfeeds", function()
    local feeds = client.newsfeeds:all():to_array()
    assert.equal("GET /news/newsfeeds", last().method .. " " .. last().path)
    assert.equal(2, #feeds)
    assert.equal("newsfeed", feeds[1].type)
    local everyone = client.newsfeeds:find("2102")
    assert.equal("GET /news/newsfeeds/2102", last().method .. " " .. last().path)
    assert.equal("Everyone", everyone.name)
    local ok, err = pcall(client.newsfeeds.find, client.newsfeeds, "1")
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
  end)

  it("lists a feed's live items, most recently published first", function()
    local items = client.newsfeeds:items("2102"):to_array()
    assert.equal("GET /news/newsfeeds/2102/items", last().method .. " " .. last().path)
    assert.equal(2, #items)
    assert.equal("Maintenance on Sunday morning", items[1].title)
    for _, n in ipairs(items) do assert.equal("live", n.state) end
    -- 2101 has a draft assigned, which does not show
    local customers = client.newsfeeds:items{ id = 2101 }:to_array()
    assert.equal(1, #customers)
    assert.equal("Dark mode is here", customers[1].title)
  end)

  it("gives newsfeed objects an items() method", function()
    local feed = client.newsfeeds:find("2101")
    local first = feed:items():first()
    assert.equal("GET /news/newsfeeds/2101/items", last().method .. " " .. last().path)
    assert.equal("150", last().query.per_page)
    assert.equal("news-item", first.type)
    client.news_items:create{ title = "Office hours this Friday", sender_id = "991267402", state = "live",
      newsfeed_assignments = { { newsfeed_id = 2101 } } }
    assert.equal("Office hours this Friday", feed:items():first().title)
    sandbox:clear_requests()
    assert.equal(2, #feed:items{ per_page = 1 }:to_array())
    assert.equal(2, #sandbox:requests())
  end)

  it("refuses bad arguments before sending", function()
    local before = #sandbox:requests()
    for _, fn in ipairs({
      function() return client.newsfeeds:items() end,
      function() return client.newsfeeds:items(true) end,
      function() return client.newsfeeds:find{} end,
    }) do
      local ok, err = pcall(fn)
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class)
    end
    assert.equal(before, #sandbox:requests())
  end)
end)
