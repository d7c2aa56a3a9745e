-- client.visitors end to end against the sandbox, which seeds a few
-- visitors (the API cannot create them).
local intercom = require "intercom"
local harness = require "sandbox_harness"

describe("client.visitors", function()
  local sandbox, client

  local TEAL = "5f1c9a2e-7d3b-4c8e-9a41-0b6d2e3f4a51"
  local AMBER = "a83e27d4-1c6f-4b0a-8e5d-97f2c4b1d036"

  local h = harness.new({ token = "visitors_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error

  it("finds a visitor by user_id (GET /visitors?user_id=)", function()
    local v = client.visitors:find{ user_id = TEAL }
    assert.equal("visitor", v.type)
    assert.equal(TEAL, v.user_id)
    assert.equal("Teal Heron from Galway", v.pseudonym)
    assert.equal("Galway", v.location_data.city_name)
    assert.equal("/pricing", v.custom_attributes.landing_page)
    assert.equal("GET /visitors", line(last()))
    assert.same({ user_id = TEAL }, last().query)
    local err = api_error("ResourceNotFound", function() client.visitors:find{ user_id = "nobody" } end)
    assert.equal("Visitor Not Found", err.message)
  end)

  it("finds by id only with API 2.6 and before (GET /visitors/{id})", function()
    local v = client.visitors:find{ user_id = TEAL }
    api_error("ResourceNotFound", function() client.visitors:find(v.id) end)
    local old = intercom.new{ token = "t", transport = sandbox:transport(), api_version = "2.6", max_retries = 0 }
    assert.equal(TEAL, old.visitors:find(v.id).user_id)
    assert.equal("GET /visitors/" .. v.id, line(last()))
    assert.equal("2.6", last().headers["intercom-version"])
    assert.equal(TEAL, old.visitors:find{ id = v.id }.user_id)
  end)

  it("saves with PUT /visitors: the changes and the id (the gem PUTs /visitors/{id})", function()
    local v = client.visitors:find{ user_id = TEAL }
    v.name = "Tess"
    v.custom_attributes.plan_interest = "team"
    v:increment("visits", 2)
    assert.equal(v, client.visitors:save(v))
    assert.equal("PUT /visitors", line(last()))
    assert.same({ id = v.id, name = "Tess", custom_attributes = { plan_interest = "team", visits = 2 } }, last().json)
    assert.equal("Tess", v.name)
    assert.equal(2, client.visitors:find{ user_id = TEAL }.custom_attributes.visits)
    local before = #sandbox:requests()
    client.visitors:save(v) -- nothing changed: nothing sent
    assert.equal(before, #sandbox:requests())
    v:decrement("visits")
    client.visitors:save(v)
    assert.same({ id = v.id, custom_attributes = { visits = 1 } }, last().json)
  end)

  it("saves from a table with user_id, and refuses fields a visitor cannot take", function()
    local v = client.visitors:save{ user_id = AMBER, name = "Ana" }
    assert.equal("Ana", v.name)
    assert.same({ user_id = AMBER, name = "Ana" }, last().json)
    api_error("BadRequestError", function() client.visitors:save{ user_id = AMBER, role = "user" } end)
    api_error("ResourceNotFound", function() client.visitors:save{ user_id = "nobody", name = "x" } end)
  end)

  it("loads a visitor again by its user_id", function()
    local v = client.visitors:find{ user_id = TEAL }
    client:put("/visitors", { user_id = TEAL, name = "Changed elsewhere" })
    assert.equal(v, client.visitors:load(v))
    assert.equal("Changed elsewhere", v.name)
    assert.same({ user_id = TEAL }, last().query)
  end)

  it("converts a visitor into a lead", function()
    local v = client.visitors:find{ user_id = TEAL }
    local lead = client.visitors:convert(v)
    assert.equal("POST /visitors/convert", line(last()))
    -- API 2.15 requires user, the identifiers kept: a lead keeps the visitor's
    assert.same({ visitor = { user_id = TEAL }, type = "lead", user = { user_id = TEAL } }, last().json)
    assert.equal("contact", lead.type)
    assert.equal("lead", lead.role)
    assert.equal("/pricing", lead.custom_attributes.landing_page)
    assert.equal("Galway", lead.location.city)
    api_error("ResourceNotFound", function() client.visitors:find{ user_id = TEAL } end)
    assert.equal(lead.id, client.contacts:find(lead.id).id)
  end)

  it("converts a visitor into an existing user, or into a new one", function()
    local ann = client.contacts:find{ email = "ann@example.com" }
    local user = client.visitors:convert(AMBER, ann)
    assert.same({ visitor = { user_id = AMBER }, type = "user", user = { id = ann.id } }, last().json)
    assert.equal(ann.id, user.id)
    assert.equal("/docs/api", user.custom_attributes.landing_page)
    local fresh = client.visitors:convert({ user_id = "c0d94b7e-52a8-4f3e-b16c-3e8a09d5f7b2" },
      { email = "sam@example.com" })
    assert.same({ visitor = { user_id = "c0d94b7e-52a8-4f3e-b16c-3e8a09d5f7b2" }, type = "user",
      user = { email = "sam@example.com" } }, last().json)
    assert.equal("user", fresh.role)
    assert.equal("sam@example.com", fresh.email)
    assert.equal("Sam", fresh.name)
    api_error("ResourceNotFound", function() client.visitors:convert(AMBER) end) -- gone now
  end)

  it("is told by the sandbox, as by API 2.15, that a conversion needs user", function()
    local err = api_error("BadRequestError", function()
      client:post("/visitors/convert", { visitor = { user_id = TEAL }, type = "lead" })
    end, 400)
    assert.equal("user", err.field)
    local lead = client.visitors:convert{ user_id = TEAL, email = "teal@example.com" }
    assert.same({ user_id = TEAL, email = "teal@example.com" }, last().json.user)
    assert.equal("teal@example.com", lead.email)
  end)

  it("deletes by id with API 2.6 and before (archive is the same)", function()
    local old = intercom.new{ token = "t", transport = sandbox:transport(), api_version = "2.6", max_retries = 0 }
    local v = old.visitors:find{ user_id = TEAL }
    api_error("ResourceNotFound", function() client.visitors:delete(v) end) -- 2.15 has no such route
    assert.equal(v, old.visitors:delete(v))
    assert.equal("DELETE /visitors/" .. v.id, line(last()))
    api_error("ResourceNotFound", function() old.visitors:find{ user_id = TEAL } end)
    local amber = old.visitors:find{ user_id = AMBER }
    local answer = old.visitors:archive(amber.id)
    assert.equal(AMBER, answer.user_id)
  end)

  it("refuses bad input before sending", function()
    bad_input(function() client.visitors:find() end, "visitors:find")
    bad_input(function() client.visitors:find{ user_id = 42 } end, "'user_id' must be a string")
    bad_input(function() client.visitors:find{} end, "'user_id' is required")
    bad_input(function() client.visitors:save() end, "'visitor' is required")
    bad_input(function() client.visitors:save{ name = "x" } end, "give the visitor's id or user_id")
    bad_input(function() client.visitors:load{ user_id = TEAL } end, "'visitor' must be an intercom object")
    bad_input(function() client.visitors:convert(nil) end, "argument 'visitor' must be")
    bad_input(function() client.visitors:convert(TEAL, "ann@example.com") end, "argument 'contact' must be")
    bad_input(function() client.visitors:delete(false) end, "visitors:delete")
    local v = client.visitors:find{ user_id = TEAL }
    bad_input(function() v:increment("visits", "2") end, "'by' must be a number")
  end)
end)
