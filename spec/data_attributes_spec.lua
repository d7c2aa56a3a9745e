-- client.data_attributes end to end against the sandbox.
local harness = require "sandbox_harness"

describe("client.data_attributes", function()
  local sandbox, client

  local h = harness.new({ token = "data_attributes_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error

  local function named(list, name)
    for _, a in ipairs(list) do
      if a.name == name then return a end
    end
  end

  it("lists every attribute of every model", function()
    local all = client.data_attributes:all():to_array()
    assert.equal("GET /data_attributes", line(last()))
    assert.equal("", last().raw_query)
    local models = {}
    for _, a in ipairs(all) do
      assert.equal("data_attribute", a.type)
      models[a.model] = true
    end
    assert.same({ contact = true, company = true, conversation = true }, models)
    local plan = named(all, "plan")
    assert.is_true(plan.custom)
    assert.equal("custom_attributes.plan", plan.full_name)
    assert.equal("integer", math.type(plan.id))
    assert.same({ "free", "team", "pro" }, plan.options)
    local email = named(all, "email")
    assert.is_false(email.custom)
    assert.is_nil(email.id)
  end)

  it("filters by model and archived state with find_all", function()
    local company = client.data_attributes:find_all{ model = "company" }:to_array()
    assert.same({ model = "company" }, last().query)
    for _, a in ipairs(company) do assert.equal("company", a.model) end
    assert.is_not_nil(named(company, "region"))
    local source = named(client.data_attributes:all():to_array(), "source")
    client.data_attributes:archive(source)
    assert.is_nil(named(client.data_attributes:find_all{ model = "contact" }:to_array(), "source"))
    local with = client.data_attributes:find_all{ model = "contact", include_archived = true }:to_array()
    assert.same({ model = "contact", include_archived = "true" }, last().query)
    assert.is_true(named(with, "source").archived)
    api_error("BadRequestError", function() client.data_attributes:find_all{ model = "ticket" }:first() end)
  end)

  it("creates an attribute with POST /data_attributes", function()
    local a = client.data_attributes:create{ name = "nps score", model = "contact", data_type = "integer",
      description = "Last NPS answer" }
    assert.equal("POST /data_attributes", line(last()))
    assert.same({ name = "nps score", model = "contact", data_type = "integer", description = "Last NPS answer" },
      last().json)
    assert.equal("data_attribute", a.type)
    assert.equal("custom_attributes.nps score", a.full_name)
    assert.is_false(a.archived)
    local tier = client.data_attributes:create{ name = "tier", model = "company", data_type = "options",
      options = { { value = "gold" }, { value = "silver" } } }
    assert.equal("string", tier.data_type)
    assert.same({ "gold", "silver" }, tier.options)
  end)

  it("refuses what the API refuses (BadRequestError)", function()
    local err = api_error("BadRequestError", function()
      client.data_attributes:create{ name = "plan", model = "contact", data_type = "string" }
    end)
    assert.matches("You already have 'plan' in your people data", err.message)
    api_error("BadRequestError", function()
      client.data_attributes:create{ name = "weight", model = "contact", data_type = "mithril" }
    end)
    api_error("BadRequestError", function()
      client.data_attributes:create{ name = "w!ld", model = "contact", data_type = "string" }
    end)
    err = api_error("BadRequestError", function()
      client.data_attributes:create{ name = "weight", model = "ticket", data_type = "string" }
    end)
    assert.equal("model", err.field)
  end)

  it("saves changes with PUT /data_attributes/{id}", function()
    local a = client.data_attributes:create{ name = "seats_max", model = "company", data_type = "integer" }
    a.description = "Seats the contract allows"
    a.messenger_writable = true
    assert.equal(a, client.data_attributes:save(a))
    assert.equal("PUT /data_attributes/" .. a.id, line(last()))
    assert.same({ description = "Seats the contract allows", messenger_writable = true }, last().json)
    assert.equal("Seats the contract allows", a.description)
    local before = #sandbox:requests()
    client.data_attributes:save(a) -- nothing changed: nothing sent
    assert.equal(before, #sandbox:requests())
    a.archived = true
    client.data_attributes:save(a)
    assert.same({ archived = true }, last().json)
    assert.is_true(a.archived)
  end)

  it("saves a table or a new object as a create", function()
    local a = client.data_attributes:save{ name = "beta", model = "contact", data_type = "boolean" }
    assert.equal("POST /data_attributes", line(last()))
    assert.equal("boolean", a.data_type)
  end)

  it("archives, unless a segment uses the attribute (422 data_invalid)", function()
    local all = client.data_attributes:all():to_array()
    local seats = named(all, "seats")
    assert.equal(seats, client.data_attributes:archive(seats))
    assert.same({ archived = true }, last().json)
    assert.is_true(seats.archived)
    local plan = named(all, "plan") -- the "Pro plan" segment filters on it
    local err = api_error("BadRequestError", function() client.data_attributes:archive(plan) end)
    assert.equal(422, err.http_code)
    assert.equal("data_invalid", err.code)
  end)

  it("raises ResourceNotFound for an unknown attribute", function()
    local a = client.data_attributes:create{ name = "gone", model = "contact", data_type = "string" }
    client:put("/data_attributes/" .. a.id, { archived = true })
    local err = api_error("ResourceNotFound", function() client:put("/data_attributes/999999", { archived = true }) end)
    assert.equal("field_not_found", err.code)
  end)

  it("refuses bad input before sending", function()
    bad_input(function() client.data_attributes:create() end, "data_attributes:create")
    bad_input(function() client.data_attributes:create{ name = "x", model = "contact" } end, "'data_type' is required")
    bad_input(function() client.data_attributes:create{ name = "x", model = "contact", data_type = "string",
      options = "a,b" } end, "'options' must be a table")
    bad_input(function() client.data_attributes:find_all() end, "expected a table of arguments")
    bad_input(function() client.data_attributes:find_all{ include_archived = "yes" } end,
      "'include_archived' must be a boolean")
    bad_input(function() client.data_attributes:archive("12871") end, "'attribute' must be an intercom object")
    bad_input(function() client.data_attributes:save(12871) end, "data_attributes:save")
  end)
end)
