-- client.custom_object_instances end to end against the sandbox.
local harness = require "sandbox_harness"

describe("client.custom_object_instances", function()
  local client, coi

  local h = harness.new({ token = "coi_spec_token" }, function(c) client = c end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error
  before_each(function()
    coi = client.custom_object_instances
  end)

  it("creates an instance, and updates it by external_id", function()
    local o = coi:create{ type = "Order", external_id = "ord-7001", external_created_at = 1717000000,
      custom_attributes = { order_number = "ORD-7001", total_amount = 12.5 } }
    assert.equal("POST /custom_object_instances/Order", line(last()))
    assert.same({ external_id = "ord-7001", external_created_at = 1717000000,
      custom_attributes = { order_number = "ORD-7001", total_amount = 12.5 } }, last().json)
    assert.equal("Order", o.type)
    assert.is_string(o.id)
    assert.equal(12.5, o.custom_attributes.total_amount)
    assert.equal(1717000000, o.external_created_at)
    assert.is_nil(o.external_updated_at)
    local again = coi:create{ type = "Order", external_id = "ord-7001", custom_attributes = { status = "paid" } }
    assert.equal(o.id, again.id)
    assert.equal("paid", again.custom_attributes.status)
    assert.equal("ORD-7001", again.custom_attributes.order_number)
  end)

  it("finds by id or by external_id", function()
    local o = coi:find{ type = "Order", external_id = "ord-5001" }
    assert.equal("GET /custom_object_instances/Order", line(last()))
    assert.same({ external_id = "ord-5001" }, last().query)
    assert.equal("shipped", o.custom_attributes.status)
    local same = coi:find{ type = "Order", id = o.id }
    assert.equal("GET /custom_object_instances/Order/" .. o.id, line(last()))
    assert.equal("ord-5001", same.external_id)
    assert.equal(o.id, coi:find(o).id)
    local err = api_error("ResourceNotFound", function() coi:find{ type = "Order", external_id = "none" } end)
    assert.equal(404, err.http_code)
    api_error("ResourceNotFound", function() coi:find{ type = "Device", id = o.id } end)
  end)

  it("deletes by object, by id or by external_id", function()
    local o = coi:find{ type = "Order", external_id = "ord-5001" }
    local answer = coi:delete(o)
    assert.equal("DELETE /custom_object_instances/Order/" .. o.id, line(last()))
    assert.is_true(answer.deleted)
    assert.equal("Order", answer.object)
    assert.equal(o.id, answer.id)
    api_error("ResourceNotFound", function() coi:find(o) end)
    answer = coi:delete{ type = "Order", external_id = "ord-5002" }
    assert.equal("DELETE /custom_object_instances/Order", line(last()))
    assert.same({ external_id = "ord-5002" }, last().query)
    assert.is_true(answer.deleted)
    api_error("ResourceNotFound", function() coi:delete{ type = "Order", id = "999" } end)
  end)

  it("refuses bad bodies (BadRequestError)", function()
    api_error("BadRequestError", function()
      coi:create{ type = "Order", external_id = "x", custom_attributes = { lines = { 1, 2 } } }
    end)
    api_error("BadRequestError", function() client:post("/custom_object_instances/Order", { total = 1 }) end)
  end)

  it("refuses bad input before sending", function()
    bad_input(function() coi:create() end, "custom_object_instances:create")
    bad_input(function() coi:create{ external_id = "x" } end, "'type' is required")
    bad_input(function() coi:create{ type = "Order" } end, "'external_id' is required")
    bad_input(function() coi:create{ type = "Order", external_id = "x", external_created_at = "today" } end,
      "'external_created_at' must be an integer")
    bad_input(function() coi:find{ type = "Order" } end, "give an id or an external_id")
    bad_input(function() coi:find{ id = "1" } end, "'type' is required")
    bad_input(function() coi:find("1") end, "'instance' must be a table")
    bad_input(function() coi:delete{ type = 5, id = "1" } end, "'type' must be a string")
  end)
end)
