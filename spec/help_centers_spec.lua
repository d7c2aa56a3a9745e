-- client.help_centers against the sandbox.
local harness = require "sandbox_harness"

describe("client.help_centers", function()
  local sandbox, client

  local h = harness.new({ token = "help_centers_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last = h.last

  it("lists the help centers", function()
    local all = client.help_centers:all():to_array()
    assert.equal("GET /help_center/help_centers", last().method .. " " .. last().path)
    assert.equal(2, #all)
    assert.equal("Sandbox Help Center", all[1].display_name)
    assert.is_true(all[1].website_turned_on)
    assert.equal("sandbox1", all[1].workspace_id)
    assert.is_nil(all[2].custom_domain)
  end)

  it("finds one by id, and its collections name it", function()
    local hc = client.help_centers:find(31)
    assert.equal("GET /help_center/help_centers/31", last().method .. " " .. last().path)
    assert.equal("sandbox", hc.identifier)
    local inside = 0
    for c in client.collections:all() do
      if c.help_center_id == 31 then inside = inside + 1 end
    end
    assert.is_true(inside >= 3)
  end)

  it("raises ResourceNotFound for an unknown id, and refuses bad arguments", function()
    local ok, err = pcall(client.help_centers.find, client.help_centers, "7")
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
    assert.equal(404, err.http_code)
    local before = #sandbox:requests()
    ok, err = pcall(client.help_centers.find, client.help_centers)
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.equal(before, #sandbox:requests())
  end)
end)
