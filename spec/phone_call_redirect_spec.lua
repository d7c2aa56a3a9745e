-- client.phone_call_redirect end to end against the sandbox: a phone Switch
-- texts a Messenger link; the gem's phone_number is sent as the API's phone.
local harness = require "sandbox_harness"

describe("client.phone_call_redirect", function()
  local client

  local h = harness.new({ token = "switch_spec_token" }, function(c) client = c end)
  local last, bad_input = h.last, h.bad_input

  it("sends phone_number as phone and returns the redirect", function()
    local args = { phone_number = "+14155550123", custom_attributes = { issue_type = "Billing" } }
    local r = client.phone_call_redirect:create(args)
    local req = last()
    assert.equal("POST /phone_call_redirects", req.method .. " " .. req.path)
    assert.same({ phone = "+14155550123", custom_attributes = { issue_type = "Billing" } }, req.json)
    assert.same({ phone_number = "+14155550123", custom_attributes = { issue_type = "Billing" } }, args)
    assert.equal("phone_call_redirect", r.type)
    assert.matches("^https://via%.intercom%.io/msgr/", r.url)
  end)

  it("takes the API's own name too, and save is create", function()
    client.phone_call_redirect:save{ phone = "+353871234567" }
    assert.same({ phone = "+353871234567" }, last().json)
  end)

  it("adds the custom attributes to the contact with that number", function()
    client.phone_call_redirect:create{ phone_number = "+353871234567", custom_attributes = { callback = "yes" } }
    local ann = client.contacts:find{ email = "ann@example.com" }
    assert.equal("yes", ann.custom_attributes.callback)
  end)

  it("raises a 400 for a number that cannot be texted", function()
    local ok, err = pcall(client.phone_call_redirect.create, client.phone_call_redirect, { phone_number = "0871234" })
    assert.is_false(ok)
    assert.equal("BadRequestError", err.class)
    assert.equal(400, err.http_code)
    assert.matches("invalid_phone_number", err.body, 1, true)
    ok, err = pcall(client.phone_call_redirect.create, client.phone_call_redirect, { phone = "+15550100200" })
    assert.is_false(ok)
    assert.matches("sms_failed", err.body, 1, true)
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.phone_call_redirect:create() end, "argument 'arguments' is required")
    bad_input(function() client.phone_call_redirect:create{} end, "argument 'phone_number' is required")
    bad_input(function() client.phone_call_redirect:create{ phone_number = 353871234567 } end,
      "argument 'phone_number' must be a string")
    bad_input(function() client.phone_call_redirect:create{ phone_number = "+1", phone = "+2" } end,
      "not two different numbers")
    bad_input(function() client.phone_call_redirect:create{ phone = "+353871234567", custom_attributes = "x" } end,
      "argument 'custom_attributes' must be a table")
  end)
end)
