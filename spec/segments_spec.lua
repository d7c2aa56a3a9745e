-- client.segments end to end against the sandbox.
local harness = require "sandbox_harness"

describe("client.segments", function()
  local sandbox, client

  local h = harness.new({ token = "segments_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last = h.last

  it("lists the segments, with counts when asked", function()
    local names = {}
    for s in client.segments:all() do
      assert.equal("segment", s.type)
      assert.is_nil(s.count)
      names[#names + 1] = s.name
    end
    assert.same({ "All users", "All leads", "Pro plan", "VIPs" }, names)
    assert.equal("GET /segments", last().method .. " " .. last().path)
    assert.equal("", last().raw_query)
    local counted = client.segments:all{ include_count = true }:to_array()
    assert.equal("include_count=true", last().raw_query)
    assert.equal(4, counted[1].count) -- the seeded users
    assert.equal(2, counted[2].count) -- the seeded leads
  end)

  it("finds a segment, with its count when asked", function()
    local first = client.segments:all():first()
    local s = client.segments:find(first.id)
    assert.equal(first.name, s.name)
    assert.equal("GET /segments/" .. first.id, last().method .. " " .. last().path)
    assert.is_nil(s.count)
    s = client.segments:find{ id = first.id, include_count = true }
    assert.same({ include_count = "true" }, last().query)
    assert.equal(4, s.count)
    client.contacts:create{ email = "one-more@example.com", role = "user" }
    assert.equal(5, client.segments:find{ id = first.id, include_count = true }.count)
  end)

  it("finds company segments by id, counted in companies", function()
    local acme = client.companies:find{ company_id = "acme-1" }
    local large = acme:segments():first()
    local s = client.segments:find{ id = large.id, include_count = true }
    assert.equal("Large companies", s.name)
    assert.equal(2, s.count)
  end)

  it("raises ResourceNotFound for an unknown segment and refuses bad input", function()
    local ok, err = pcall(client.segments.find, client.segments, "nope")
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
    local before = #sandbox:requests()
    ok, err = pcall(client.segments.find, client.segments, { id = "x", include_count = "yes" })
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.matches("'include_count' must be a boolean", err.message)
    ok, err = pcall(client.segments.all, client.segments, { include_count = 1 })
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    ok, err = pcall(client.segments.find, client.segments, true)
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.equal(before, #sandbox:requests())
  end)
end)
