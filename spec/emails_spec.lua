-- client.emails (sender email settings) against the sandbox.
local harness = require "sandbox_harness"

describe("client.emails", function()
  local sandbox, client

  local h = harness.new({ token = "emails_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last = h.last

  it("lists the sender addresses of every brand", function()
    local emails = client.emails:all():to_array()
    assert.equal("GET /emails", last().method .. " " .. last().path)
    assert.equal(3, #emails)
    local brands = {}
    for b in client.brands:all() do brands[b.id] = true end
    for _, e in ipairs(emails) do
      assert.equal("email_setting", e.type)
      assert.equal(e.email:match("@(.+)$"), e.domain)
      assert.is_true(brands[e.brand_id], e.email .. " has no brand")
    end
  end)

  it("finds one by id", function()
    local support = client.emails:find("61")
    assert.equal("GET /emails/61", last().method .. " " .. last().path)
    assert.equal("support@sandbox.example.com", support.email)
    assert.is_true(support.forwarding_enabled)
    assert.equal("integer", math.type(support.forwarded_email_last_received_at))
    assert.is_nil(client.emails:find{ id = "62" }.forwarded_email_last_received_at)
  end)

  it("raises ResourceNotFound for an unknown id, and refuses bad arguments", function()
    local ok, err = pcall(client.emails.find, client.emails, "99")
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
    local before = #sandbox:requests()
    ok, err = pcall(client.emails.find, client.emails, 6.1)
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.equal(before, #sandbox:requests())
  end)
end)
