-- client.leads (the gem's deprecated leads, on /contacts) end to end against
-- the sandbox; scroll and convert are v1 endpoints (Intercom-Version 1.x).
local intercom = require "intercom"
local harness = require "sandbox_harness"

describe("client.leads", function()
  local sandbox, client

  local h = harness.new({ token = "leads_spec_token", api_version = "1.4" },
    function(c, s) client, sandbox = c, s end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error

  it("creates a lead, with or without arguments (role lead unless given)", function()
    local lead = client.leads:create()
    assert.equal("POST /contacts", line(last()))
    assert.same({ role = "lead" }, last().json)
    assert.equal("lead", lead.type)
    assert.equal("lead", lead.role)
    local named = client.leads:create{ name = "Lena", email = "lena@example.com" }
    assert.same({ role = "lead", name = "Lena", email = "lena@example.com" }, last().json)
    assert.equal("Lena", named.name)
  end)

  it("sends owner_id, an admin id, as the integer API 2.15 declares (create, save, save of a table)", function()
    local lead = client.leads:create{ name = "Owned", owner_id = "991267401" }
    assert.same({ role = "lead", name = "Owned", owner_id = 991267401 }, last().json)
    assert.equal(991267401, lead.owner_id)
    lead.owner_id = "991267402"
    client.leads:save(lead)
    assert.equal("PUT /contacts/" .. lead.id, line(last()))
    assert.same({ owner_id = 991267402 }, last().json)
    client.leads:save{ name = "Unsaved", owner_id = "991267403" }
    assert.same({ role = "lead", name = "Unsaved", owner_id = 991267403 }, last().json)
    bad_input(function() client.leads:create{ owner_id = "ada" } end,
      "leads:create: argument 'owner_id' must be an integer id")
    lead.owner_id = 1.5
    bad_input(function() client.leads:save(lead) end, "leads:save: argument 'owner_id' must be an integer id")
  end)

  it("lists leads only, typed lead, over cursor pages", function()
    for i = 1, 4 do client.leads:create{ name = "Lead " .. i } end
    local leads = client.leads:all():to_array()
    assert.equal(6, #leads)
    for _, l in ipairs(leads) do
      assert.equal("lead", l.type)
      assert.equal("lead", l.role)
    end
    assert.equal("GET /contacts", line(last()))
    assert.equal("60", last().query.per_page)
    -- in pages of 2, the first two hold users only: passed over, not the end
    assert.equal(6, #client.leads:all{ per_page = 2 }:to_array())
    assert.is_string(last().query.starting_after)
    assert.equal("2", last().query.per_page)
    assert.equal(6, #client.leads:find_all{}:to_array())
  end)

  it("finds and loads a lead", function()
    local made = client.leads:create{ name = "Lena" }
    local lead = client.leads:find(made.id)
    assert.equal("GET /contacts/" .. made.id, line(last()))
    assert.equal("lead", lead.type)
    assert.equal(made.id, client.leads:find{ id = made.id }.id)
    client:put("/contacts/" .. made.id, { name = "Lena B." })
    assert.equal(lead, client.leads:load(lead))
    assert.equal("Lena B.", lead.name)
    assert.equal("lead", lead.type)
    api_error("ResourceNotFound", function() client.leads:find("000000000000000000000000") end)
  end)

  it("saves changes with PUT /contacts/{id}, and creates new ones", function()
    local lead = client.leads:create{ name = "Lena" }
    lead.name = "Lena Brooks"
    lead.custom_attributes.source = "trade show"
    assert.equal(lead, client.leads:save(lead))
    assert.equal("PUT /contacts/" .. lead.id, line(last()))
    assert.same({ name = "Lena Brooks", custom_attributes = { source = "trade show" } }, last().json)
    assert.equal("lead", lead.type)
    local before = #sandbox:requests()
    client.leads:save(lead)
    assert.equal(before, #sandbox:requests())
    local fresh = client.leads:save{ name = "From a table" }
    assert.equal("POST /contacts", line(last()))
    assert.equal("lead", fresh.type)
  end)

  it("scrolls over leads (v1 shape, typed lead)", function()
    local n = 0
    for l in client.leads:scroll() do
      n = n + 1
      assert.equal("lead", l.type)
      assert.matches("^%x+%-%x+%-%x+%-%x+%-%x+$", l.user_id)
    end
    assert.equal(2, n)
    local reqs = sandbox:requests()
    assert.equal("GET /contacts/scroll", line(reqs[#reqs - 1]))
    assert.is_string(reqs[#reqs].query.scroll_param)
  end)

  it("converts a lead into a new user, or into an existing one", function()
    local lead = client.leads:create{ name = "Lena" }
    local user = client.leads:convert(lead, { email = "lena@example.com", user_id = "u-lena" })
    assert.equal("POST /contacts/convert", line(last()))
    assert.same({ contact = { id = lead.id }, user = { email = "lena@example.com", user_id = "u-lena" } },
      last().json)
    assert.equal("user", user.type)
    assert.equal(lead.id, user.id)
    assert.equal("u-lena", user.user_id)
    -- a lead from the v1 scroll has a user_id, which names it
    local eve = client.leads:scroll():first()
    local ann = client.users:find{ email = "ann@example.com" }
    local merged = client.leads:convert(eve, ann)
    assert.same({ contact = { user_id = eve.user_id }, user = { id = ann.id, email = "ann@example.com",
      user_id = "u-1001" } }, last().json)
    assert.equal(ann.id, merged.id)
    api_error("ResourceNotFound", function() client.leads:find(eve.id) end)
  end)

  it("deletes (archive is the same) and requests hard deletes", function()
    local a, b, c = client.leads:create(), client.leads:create(), client.leads:create()
    assert.equal(a, client.leads:delete(a))
    assert.equal("DELETE /contacts/" .. a.id, line(last()))
    assert.equal(b, client.leads:archive(b))
    assert.equal(c, client.leads:request_hard_delete(c))
    assert.same({ intercom_user_id = c.id }, last().json)
    for _, l in ipairs({ a, b, c }) do
      api_error("ResourceNotFound", function() client.leads:find(l.id) end)
    end
  end)

  it("scroll and convert are v1 endpoints: API 2.x answers 404", function()
    local modern = intercom.new{ token = "t", transport = sandbox:transport(), max_retries = 0 }
    api_error("ResourceNotFound", function() modern.leads:scroll():first() end)
    local lead = modern.leads:create()
    api_error("ResourceNotFound", function() modern.leads:convert(lead, { email = "x@example.com" }) end)
  end)

  it("refuses bad input before sending", function()
    bad_input(function() client.leads:create("lead") end, "'params' must be a table")
    bad_input(function() client.leads:find(false) end, "'lead' must be an intercom object, an id")
    bad_input(function() client.leads:load("x") end, "'lead' must be an intercom object")
    bad_input(function() client.leads:save(7) end, "'params' must be a table")
    bad_input(function() client.leads:convert(nil, { email = "x@example.com" }) end, "'lead'")
    bad_input(function() client.leads:convert("5f", "user") end, "argument 'user' must be")
    bad_input(function() client.leads:convert("5f", {}) end, "argument 'user' must be")
    bad_input(function() client.leads:delete() end, "leads:delete")
    bad_input(function() client.leads:all("x") end, "leads:all")
  end)
end)
