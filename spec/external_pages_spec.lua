-- client.external_pages end to end against the sandbox: create (an upsert
-- by source_id and external_id), list across pages, find, load, update, save
-- and delete, with the wire format checked at the sandbox.
local harness = require "sandbox_harness"

describe("client.external_pages", function()
  local sandbox, client
  local API_SOURCE, AUTOMATIC_SOURCE = 3101, 3102 -- seeded

  local h = harness.new({ token = "pages_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, bad_input, api_error = h.last, h.bad_input, h.api_error

  local function new_page(external_id, title)
    return client.external_pages:create{ title = title or "Returns policy", html = "<p>30 days.</p>",
      url = "https://docs.example.com/returns", source_id = API_SOURCE, external_id = external_id or "returns",
      ai_agent_availability = true }
  end

  it("creates a page, with locale en added", function()
    local p = new_page()
    local req = last()
    assert.equal("POST /ai/external_pages", req.method .. " " .. req.path)
    assert.same({ title = "Returns policy", html = "<p>30 days.</p>", url = "https://docs.example.com/returns",
      source_id = API_SOURCE, external_id = "returns", ai_agent_availability = true, locale = "en" }, req.json)
    assert.equal("external_page", p.type)
    assert.is_string(p.id)
    assert.is_true(p.ai_agent_availability)
    assert.is_true(p.fin_availability)
    assert.is_false(p.ai_copilot_availability)
  end)

  it("updates instead when source_id and external_id exist", function()
    local p = new_page()
    local again = new_page("returns", "Returns policy (2025)")
    assert.equal(p.id, again.id)
    assert.equal("Returns policy (2025)", again.title)
    assert.equal(3, #client.external_pages:all():to_array())
  end)

  it("lists every page across pages", function()
    for i = 1, 3 do new_page("p" .. i, "Page " .. i) end
    sandbox:clear_requests()
    local titles = {}
    for p in client.external_pages:all{ per_page = 2 } do titles[#titles + 1] = p.title end
    assert.same({ "Billing FAQ", "Setting up single sign-on", "Page 1", "Page 2", "Page 3" }, titles)
    assert.equal(3, #sandbox:requests())
  end)

  it("finds by id, a table or the object, and loads in place", function()
    local p = new_page()
    assert.equal(p.title, client.external_pages:find(p.id).title)
    assert.equal("GET /ai/external_pages/" .. p.id, last().method .. " " .. last().path)
    assert.equal(p.title, client.external_pages:find{ id = p.id }.title)
    assert.equal(p.title, client.external_pages:find(p).title)
    new_page("returns", "Changed elsewhere")
    client.external_pages:load(p)
    assert.equal("Changed elsewhere", p.title)
  end)

  it("updates with the fields the API requires", function()
    local p = new_page()
    local u = client.external_pages:update{ id = p.id, title = "Returns", html = "<p>60 days.</p>",
      url = "https://docs.example.com/returns-60", source_id = API_SOURCE, fin_availability = false }
    local req = last()
    assert.equal("PUT /ai/external_pages/" .. p.id, req.method .. " " .. req.path)
    assert.same({ title = "Returns", html = "<p>60 days.</p>", url = "https://docs.example.com/returns-60",
      source_id = API_SOURCE, fin_availability = false, locale = "en" }, req.json)
    assert.is_false(u.fin_availability)
    assert.equal("<p>60 days.</p>", client.external_pages:find(p.id).html)
  end)

  it("saves what changed, plus the fields the API requires", function()
    local p = new_page()
    p.html = "<p>Ninety days.</p>"
    client.external_pages:save(p)
    local req = last()
    assert.equal("PUT /ai/external_pages/" .. p.id, req.method .. " " .. req.path)
    assert.same({ html = "<p>Ninety days.</p>", title = "Returns policy", url = "https://docs.example.com/returns",
      locale = "en", source_id = API_SOURCE }, req.json)
    assert.equal("<p>Ninety days.</p>", client.external_pages:find(p.id).html)
  end)

  it("deletes a page, answering it", function()
    local p = new_page()
    local gone = client.external_pages:delete(p.id)
    assert.equal("DELETE /ai/external_pages/" .. p.id, last().method .. " " .. last().path)
    assert.equal(p.id, gone.id)
    assert.equal("external_page", gone.type)
    local q = new_page("other")
    assert.equal(q, client.external_pages:delete(q))
    api_error("ResourceNotFound", function() client.external_pages:find(p.id) end)
  end)

  it("raises the API's errors", function()
    local err = api_error("BadRequestError", function()
      client.external_pages:create{ title = "T", html = "h", source_id = AUTOMATIC_SOURCE, external_id = "x" }
    end)
    assert.equal("source_id", err.field)
    api_error("ResourceNotFound", function()
      client.external_pages:create{ title = "T", html = "h", source_id = 424242, external_id = "x" }
    end)
    err = api_error(nil, function()
      client.external_pages:create{ title = "T", html = "h", source_id = API_SOURCE, external_id = "x", locale = "fr" }
    end)
    assert.equal("locale", err.field)
    api_error(nil, function() client.external_pages:find("424242") end, 404)
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.external_pages:create() end, "expected a table of arguments, got nil")
    bad_input(function() client.external_pages:create{ title = "T", html = "h", source_id = 1 } end,
      "argument 'external_id' is required")
    bad_input(function()
      client.external_pages:create{ title = "T", html = "h", source_id = "3101", external_id = "x" }
    end, "argument 'source_id' must be an integer")
    bad_input(function()
      client.external_pages:update{ id = "1", title = "T", html = "h", source_id = 1 }
    end, "argument 'url' is required")
    bad_input(function()
      client.external_pages:update{ title = "T", html = "h", source_id = 1, url = "https://x" }
    end, "argument 'id' is required")
    bad_input(function() client.external_pages:find{} end, "argument 'id' must be a non%-empty string")
    bad_input(function() client.external_pages:create{ title = "T", html = "h", source_id = 1, external_id = "x",
      fin_availability = "yes" } end, "argument 'fin_availability' must be a boolean")
  end)
end)
