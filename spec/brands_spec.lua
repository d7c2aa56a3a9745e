-- client.brands against the sandbox.
local harness = require "sandbox_harness"

describe("client.brands", function()
  local sandbox, client

  local h = harness.new({ token = "brands_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last = h.last

  it("lists the brands; the default one has the workspace's id", function()
    local brands = client.brands:all():to_array()
    assert.equal("GET /brands", last().method .. " " .. last().path)
    assert.equal(2, #brands)
    assert.equal("brand", brands[1].type)
    assert.is_true(brands[1].is_default)
    assert.equal(client.admins:me().app.id_code, brands[1].id)
    assert.is_false(brands[2].is_default)
  end)

  it("finds a brand, linked to its help center and sender address", function()
    local pro = client.brands:find("8")
    assert.equal("GET /brands/8", last().method .. " " .. last().path)
    assert.equal("Sandbox Pro", pro.name)
    assert.equal("Sandbox Pro Docs", client.help_centers:find(pro.help_center_id).display_name)
    assert.equal("8", client.emails:find(pro.default_address_settings_id).brand_id)
    assert.equal("Sandbox Pro", client.brands:find{ id = "8" }.name)
  end)

  it("raises ResourceNotFound for an unknown brand, and refuses bad arguments", function()
    local ok, err = pcall(client.brands.find, client.brands, "nope")
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
    assert.equal("Brand not found", err.message:match("Brand not found"))
    local before = #sandbox:requests()
    ok, err = pcall(client.brands.find, client.brands, {})
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.equal(before, #sandbox:requests())
  end)
end)
