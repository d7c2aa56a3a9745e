-- client.subscription_types end to end against the sandbox.
local harness = require "sandbox_harness"

describe("client.subscription_types", function()
  local sandbox, client

  local h = harness.new({ token = "subscription_types_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last = h.last

  it("lists the subscription types (all, find_all)", function()
    local all = client.subscription_types:all():to_array()
    assert.equal(3, #all)
    assert.equal("subscription", all[1].type)
    assert.equal("Newsletters", all[1].default_translation.name)
    assert.same({ "email" }, all[1].content_types)
    assert.equal("GET /subscription_types", last().method .. " " .. last().path)
    assert.equal(3, #client.subscription_types:find_all{}:to_array())
  end)

  -- GET /subscription_types/{id} is in no documented API version (2.6, 2.15):
  -- find picks the type out of the list, which is.
  it("finds one by id in the list, and deletes one (the gem's call; deleting archives it)", function()
    local s = client.subscription_types:find("107")
    assert.equal("opt_in", s.consent_type)
    assert.equal("GET /subscription_types", last().method .. " " .. last().path)
    assert.equal(s, client.subscription_types:find(107))
    assert.equal(s, client.subscription_types:find(s))
    assert.equal(s, client.subscription_types:delete(s))
    assert.equal("DELETE /subscription_types/107", last().method .. " " .. last().path)
    assert.equal("archived", client.subscription_types:find{ id = "107" }.state)
    assert.equal("archived", client.subscription_types:archive("108").state)
    local ok, err = pcall(client.subscription_types.find, client.subscription_types, "1")
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
    assert.equal("not_found", err.code)
    for _, req in ipairs(sandbox:requests()) do
      assert.is_false(req.method == "GET" and req.path ~= "/subscription_types", req.path)
    end
  end)

  it("refuses bad input before sending", function()
    local before = #sandbox:requests()
    for _, call in ipairs({
      function() client.subscription_types:find(false) end,
      function() client.subscription_types:delete() end,
      function() client.subscription_types:find_all("x") end,
    }) do
      local ok, err = pcall(call)
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class)
      assert.matches("subscription_types:", err.message)
    end
    assert.equal(before, #sandbox:requests())
  end)
end)
