-- client.counts (API 1.x) end to end against the sandbox.
local intercom = require "intercom"
local harness = require "sandbox_harness"

describe("client.counts", function()
  local sandbox, client

  local h = harness.new({ token = "counts_spec_token", api_version = "1.4" },
    function(c, s) client, sandbox = c, s end)
  local last = h.last

  local function as_map(list)
    local out = {}
    for _, item in ipairs(list) do
      for k, v in pairs(item) do out[k] = v end
    end
    return out
  end

  it("counts the app's companies, segments, tags, users and leads", function()
    local counts = client.counts:for_app()
    assert.equal("GET /counts", last().method .. " " .. last().path)
    assert.equal("", last().raw_query)
    assert.equal("1.4", last().headers["intercom-version"])
    assert.equal("count.hash", counts.type)
    assert.equal(3, counts.company.count)
    assert.equal(4, counts.tag.count)
    assert.equal(4, counts.segment.count)
    assert.equal(4, counts.user.count)
    assert.equal(2, counts.lead.count)
    client.contacts:create{ email = "counted@example.com", role = "user" }
    assert.equal(5, client.counts:for_app().user.count)
  end)

  it("counts one kind by another with for_type", function()
    local by_tag = client.counts:for_type{ type = "user", count = "tag" }
    assert.same({ type = "user", count = "tag" }, last().query)
    assert.equal("count", by_tag.type)
    local tags = as_map(by_tag.user.tag)
    assert.equal(1, tags.VIP)
    assert.equal(0, tags.Newsletter) -- on a lead, not a user
    local segments = as_map(client.counts:for_type{ type = "user", count = "segment" }.user.segment)
    assert.equal(4, segments["All users"])
    local users = client.counts:for_type{ type = "company", count = "user" }.company.user
    assert.equal(2, as_map(users)["Acme Corp"])
    assert.equal("acme-1", users[1].remote_company_id)
    local conversations = client.counts:for_type{ type = "conversation" }
    assert.same({ type = "conversation" }, last().query)
    assert.equal("number", type(conversations.conversation.open))
    local admins = client.counts:find{ type = "conversation", count = "admin" }.conversation.admin
    assert.equal("Ada Lovelace", admins[1].name)
  end)

  it("answers 400 for a count the API does not have, 404 for API 2.x", function()
    local ok, err = pcall(client.counts.for_type, client.counts, { type = "tag", count = "user" })
    assert.is_false(ok)
    assert.equal("BadRequestError", err.class)
    local modern = intercom.new{ token = "t", transport = sandbox:transport(), max_retries = 0 }
    ok, err = pcall(modern.counts.for_app, modern.counts)
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
  end)

  it("refuses bad input before sending", function()
    local before = #sandbox:requests()
    for _, case in ipairs({
      { function() client.counts:for_type() end, "expected a table of arguments" },
      { function() client.counts:for_type{ count = "tag" } end, "'type' is required" },
      { function() client.counts:for_type{ type = "user", count = 1 } end, "'count' must be a string" },
      { function() client.counts:find("user") end, "counts:find" },
    }) do
      local ok, err = pcall(case[1])
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class)
      assert.matches(case[2], err.message)
    end
    assert.equal(before, #sandbox:requests())
  end)
end)
