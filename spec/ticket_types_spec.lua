-- client.ticket_types (with attributes) and client.ticket_states against the
-- sandbox. Seeded types: 31 Bug report (Customer, with a Severity list and a
-- Browser string), 32 Refund request (Back-office), 33 Service incident
-- (Tracker); states 8101 submitted .. 8104 resolved.
local harness = require "sandbox_harness"

describe("client.ticket_types and client.ticket_states", function()
  local client

  local h = harness.new({ token = "ticket_types_spec_token" }, function(c) client = c end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error

  local function attribute(tt, name)
    for _, a in ipairs(tt.ticket_type_attributes) do
      if a.name == name then return a end
    end
  end

  it("lists and finds ticket types, attributes and states typed", function()
    local names = {}
    for tt in client.ticket_types:all() do names[#names + 1] = tt.name end
    assert.same({ "Bug report", "Refund request", "Service incident" }, names)
    assert.equal("GET /ticket_types", line(last()))
    local bug = client.ticket_types:find("31")
    assert.equal("GET /ticket_types/31", line(last()))
    assert.matches("^intercom%.TicketTypeAttribute<", tostring(bug.ticket_type_attributes[1]))
    local severity = attribute(bug, "Severity")
    assert.equal("list", severity.data_type)
    assert.equal(3, #severity.input_options.list_items)
    assert.equal(31, severity.ticket_type_id)
    assert.is_true(attribute(bug, "_default_title_").default)
    assert.equal(4, #bug.ticket_states)
    api_error("ResourceNotFound", function() client.ticket_types:find("1") end, 404)
  end)

  it("creates a ticket type with the default attributes, and updates it", function()
    local tt = client.ticket_types:create{ name = "Feature request", category = "Tracker", icon = "💡",
      description = "Ideas from customers" }
    assert.equal("POST /ticket_types", line(last()))
    assert.same({ name = "Feature request", category = "Tracker", icon = "💡", description = "Ideas from customers" },
      last().json)
    assert.equal("ticket_type", tt.type)
    assert.is_true(attribute(tt, "_default_title_").default)
    assert.is_true(attribute(tt, "_default_description_").default)
    local updated = client.ticket_types:update{ id = tt.id, description = "Ideas worth building", archived = true }
    assert.equal("PUT /ticket_types/" .. tt.id, line(last()))
    assert.same({ description = "Ideas worth building", archived = true }, last().json)
    assert.is_true(updated.archived)
    tt.name = "Product idea"
    client.ticket_types:save(tt)
    assert.same({ name = "Product idea" }, last().json)
    assert.equal("Product idea", client.ticket_types:load(tt).name)
    api_error("BadRequestError", function() client.ticket_types:create{ name = "Bug report" } end, 400)
    api_error("BadRequestError", function() client.ticket_types:create{ name = "X", category = "Other" } end, 400)
  end)

  it("creates and updates attributes from the service and from the object", function()
    local attr = client.ticket_types:create_attribute{ ticket_type_id = "32", name = "Reason",
      description = "Why the refund is due", data_type = "list", list_items = "Double charge,Cancelled,Other",
      required_to_create = true }
    assert.equal("POST /ticket_types/32/attributes", line(last()))
    assert.same({ name = "Reason", description = "Why the refund is due", data_type = "list",
      list_items = "Double charge,Cancelled,Other", required_to_create = true }, last().json)
    assert.equal("ticket_type_attribute", attr.type)
    assert.equal(3, #attr.input_options.list_items)
    attr = client.ticket_types:update_attribute{ ticket_type_id = "32", id = attr.id, visible_to_contacts = false,
      description = "The refund's reason" }
    assert.equal("PUT /ticket_types/32/attributes/" .. attr.id, line(last()))
    assert.same({ visible_to_contacts = false, description = "The refund's reason" }, last().json)
    assert.is_false(attr.visible_to_contacts)

    local incident = client.ticket_types:find("33")
    local region = incident:create_attribute{ name = "Region", description = "Where it happens", data_type = "string",
      multiline = false }
    assert.equal("POST /ticket_types/33/attributes", line(last()))
    region = incident:update_attribute{ id = region.id, archived = true }
    assert.equal("PUT /ticket_types/33/attributes/" .. region.id, line(last()))
    assert.is_true(region.archived)
    api_error("BadRequestError", function()
      incident:create_attribute{ name = "Bad", description = "x", data_type = "colour" }
    end, 400)
    api_error("ResourceNotFound", function() incident:update_attribute{ id = "1", name = "x" } end, 404)
  end)

  it("lists ticket states with the ticket types that use them", function()
    local states = client.ticket_states:all():to_array()
    assert.equal("GET /ticket_states", line(last()))
    local categories = {}
    for i, s in ipairs(states) do categories[i] = s.category end
    assert.same({ "submitted", "in_progress", "waiting_on_customer", "resolved" }, categories)
    assert.equal("Waiting on you", states[3].external_label)
    assert.equal(3, #states[1].ticket_types)
    assert.matches("^intercom%.TicketState<8101>", tostring(states[1]))
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.ticket_types:create{} end, "ticket_types:create: argument 'name' is required")
    bad_input(function() client.ticket_types:create{ name = "x", is_internal = "no" } end,
      "argument 'is_internal' must be a boolean")
    bad_input(function() client.ticket_types:update() end, "expected a table of arguments")
    bad_input(function() client.ticket_types:find() end, "argument 'id' must be a non%-empty")
    bad_input(function()
      client.ticket_types:create_attribute{ name = "x", description = "y", data_type = "string" }
    end, "argument 'ticket_type_id' is required")
    bad_input(function()
      client.ticket_types:create_attribute{ ticket_type_id = "31", name = "x", description = "y" }
    end, "argument 'data_type' is required")
    bad_input(function() client.ticket_types:update_attribute{ ticket_type_id = "31", name = "x" } end,
      "argument 'id' is required")
    local tt = client.ticket_types:find("31")
    bad_input(function() tt:create_attribute{ name = "x" } end,
      "ticket_type:create_attribute: argument '[%w_]+' is required")
    bad_input(function() tt:update_attribute{ name = "x" } end, "ticket_type:update_attribute: argument 'id'")
  end)
end)
