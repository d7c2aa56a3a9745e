-- client.companies and company objects, end to end against the sandbox, with
-- the wire format (verb, path, query, body) checked at the sandbox.
local harness = require "sandbox_harness"

describe("client.companies", function()
  local sandbox, client

  local h = harness.new({ token = "companies_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error

  local function acme() return client.companies:find{ company_id = "acme-1" } end

  local function make(n)
    for i = 1, n do client.companies:create{ company_id = ("bulk-%03d"):format(i), name = "Bulk " .. i } end
  end

  describe("create, find, load", function()
    it("creates a company with POST /companies", function()
      local c = client.companies:create{ company_id = "umbrella-9", name = "Umbrella", plan = "Enterprise",
        size = 40, custom_attributes = { region = "APAC" } }
      assert.equal("company", c.type)
      assert.equal("umbrella-9", c.company_id)
      assert.equal("Enterprise", c.plan.name)
      assert.equal("APAC", c.custom_attributes.region)
      assert.equal("integer", math.type(c.created_at))
      assert.equal("POST /companies", line(last()))
      assert.same({ company_id = "umbrella-9", name = "Umbrella", plan = "Enterprise", size = 40,
        custom_attributes = { region = "APAC" } }, last().json)
    end)

    it("updates the company with that company_id instead of making a second one", function()
      local first = client.companies:create{ company_id = "umbrella-9", name = "Umbrella" }
      local again = client.companies:create{ company_id = "umbrella-9", name = "Umbrella Corp" }
      assert.equal(first.id, again.id)
      assert.equal("Umbrella Corp", client.companies:find(first.id).name)
    end)

    it("finds by id, object, table, company_id and name", function()
      local c = acme()
      assert.equal("GET /companies", line(last()))
      assert.same({ company_id = "acme-1" }, last().query)
      assert.equal("Acme Corp", c.name)
      assert.equal(c.id, client.companies:find(c.id).id)
      assert.equal("GET /companies/" .. c.id, line(last()))
      assert.equal(c.id, client.companies:find(c).id)
      assert.equal(c.id, client.companies:find{ id = c.id }.id)
      assert.equal(c.id, client.companies:find{ name = "Acme Corp" }.id)
      assert.same({ name = "Acme Corp" }, last().query)
    end)

    it("raises ResourceNotFound (company_not_found) for unknown companies", function()
      local err = api_error("ResourceNotFound", function() client.companies:find("000000000000000000000000") end)
      assert.equal(404, err.http_code)
      assert.equal("company_not_found", err.code)
      api_error("ResourceNotFound", function() client.companies:find{ company_id = "nope" } end)
    end)

    it("refuses bad bodies with BadRequestError", function()
      local err = api_error("BadRequestError", function() client.companies:create{ name = "No id" } end)
      assert.equal("parameter_not_found", err.code)
      err = api_error("BadRequestError", function() client.companies:create{ company_id = "z", size = "big" } end)
      assert.equal("size", err.field)
      api_error("BadRequestError", function() client.companies:create{ company_id = "z", colour = "red" } end)
    end)

    it("loads a company again", function()
      local c = acme()
      client:put("/companies/" .. c.id, { industry = "Robotics" })
      assert.equal(c, client.companies:load(c))
      assert.equal("Robotics", c.industry)
      assert.equal("GET /companies/" .. c.id, line(last()))
    end)
  end)

  describe("save, update", function()
    it("saves with POST /companies: the changes plus id and company_id (the gem's way)", function()
      local c = acme()
      c.name = "Acme Corporation"
      c.custom_attributes.tier = "gold"
      assert.equal(c, client.companies:save(c))
      assert.equal("POST /companies", line(last()))
      assert.same({ id = c.id, company_id = "acme-1", name = "Acme Corporation",
        custom_attributes = { tier = "gold" } }, last().json)
      assert.equal("gold", client.companies:find(c.id).custom_attributes.tier)
      assert.equal("EMEA", c.custom_attributes.region) -- refreshed, other attributes kept
    end)

    it("saves a table as a new company", function()
      local c = client.companies:save{ company_id = "new-1", name = "Newco" }
      assert.equal("Newco", c.name)
      assert.equal("POST /companies", line(last()))
    end)

    it("updates with PUT /companies/{id}, sending only what changed", function()
      local c = acme()
      c.website = "https://acme.example.org"
      c:increment("logins", 3)
      assert.equal(c, client.companies:update(c))
      assert.equal("PUT /companies/" .. c.id, line(last()))
      assert.same({ website = "https://acme.example.org", custom_attributes = { logins = 3 } }, last().json)
      assert.equal(3, client.companies:find(c.id).custom_attributes.logins)
      local before = #sandbox:requests()
      client.companies:update(c) -- nothing changed: nothing sent
      assert.equal(before, #sandbox:requests())
    end)

    it("updates from a table with an id", function()
      local c = acme()
      local answer = client.companies:update{ id = c.id, size = 150 }
      assert.equal(150, answer.size)
      assert.same({ size = 150 }, last().json)
      api_error("BadRequestError", function() client.companies:update{ id = c.id, company_id = "other" } end)
    end)

    it("decrements a custom attribute locally", function()
      local c = acme()
      c:decrement("credits", 2)
      assert.equal(-2, c.custom_attributes.credits)
    end)
  end)

  describe("delete", function()
    it("deletes (and archive is the same), detaching its contacts", function()
      local c = acme()
      assert.equal(c, client.companies:delete(c))
      assert.equal("DELETE /companies/" .. c.id, line(last()))
      api_error("ResourceNotFound", function() client.companies:find(c.id) end)
      local ann = client.contacts:find{ email = "ann@example.com" }
      for co in ann:companies() do assert.not_equal(c.id, co.id) end
      local globex = client.companies:find{ company_id = "globex-2" }
      assert.equal(globex, client.companies:archive(globex))
      assert.equal("DELETE /companies/" .. globex.id, line(last()))
    end)

    it("returns the API's answer when given an id", function()
      local c = acme()
      local answer = client.companies:delete(c.id)
      assert.is_true(answer.deleted)
      assert.equal(c.id, answer.id)
    end)
  end)

  describe("lists", function()
    it("walks every company across page links, asking for 60 at a time", function()
      make(65)
      local n = 0
      for c in client.companies:all() do
        n = n + 1
        assert.equal("company", c.type)
      end
      assert.equal(68, n)
      local reqs = sandbox:requests()
      assert.equal("GET /companies", line(reqs[#reqs - 1]))
      assert.same({ per_page = "60" }, reqs[#reqs - 1].query)
      assert.same({ page = "2", per_page = "60" }, reqs[#reqs].query)
    end)

    it("filters with find_all, by_tag and by_segment", function()
      client.tags:tag{ name = "Partner", companies = { { company_id = "globex-2" } } }
      local partner = client.tags:find_all{}:to_array()
      local tag
      for _, t in ipairs(partner) do if t.name == "Partner" then tag = t end end
      local names = {}
      for c in client.companies:by_tag(tag) do names[#names + 1] = c.name end
      assert.same({ "Globex" }, names)
      assert.same({ tag_id = tag.id, per_page = "60" }, last().query)
      local seg = acme():segments():first() -- "Large companies"
      names = {}
      for c in client.companies:by_segment(seg.id) do names[#names + 1] = c.name end
      assert.same({ "Acme Corp", "Initech" }, names)
      assert.equal(seg.id, last().query.segment_id)
      assert.equal(1, #client.companies:find_all{ tag_id = tag.id, per_page = 5 }:to_array())
      assert.equal("5", last().query.per_page)
    end)

    it("lists with POST /companies/list, paging by number in the query", function()
      make(61)
      local all = client.companies:list():to_array()
      assert.equal(64, #all)
      local reqs = sandbox:requests()
      assert.equal("POST /companies/list", line(reqs[#reqs - 1]))
      assert.same({ per_page = "60" }, reqs[#reqs - 1].query)
      assert.equal("", reqs[#reqs - 1].body)
      assert.is_nil(reqs[#reqs - 1].headers["content-type"]) -- an empty body is not labelled as a form
      assert.same({ page = "2", per_page = "60" }, reqs[#reqs].query)
      assert.equal("POST", reqs[#reqs].method)
      -- most recently active first; the new ones (never active) last
      assert.equal("Acme Corp", all[1].name)
      assert.equal("Globex", all[2].name)
      local asc = client.companies:list{ order = "asc" }:first()
      assert.equal("asc", last().query.order)
      assert.equal("Initech", asc.name)
    end)

    -- The API sends the same scroll_param on every page (intercom-ruby#452):
    -- a scroll must go on while pages come, not stop at an unchanged param.
    it("scrolls, passing scroll_param back until an empty page", function()
      make(210)
      local n = 0
      for c in client.companies:scroll() do
        n = n + 1
        assert.equal("company", c.type)
      end
      assert.equal(213, n)
      local reqs = sandbox:requests()
      local first = reqs[#reqs - 3]
      assert.equal("GET /companies/scroll", line(first))
      assert.equal("", first.raw_query)
      local param = reqs[#reqs - 2].query.scroll_param
      assert.is_string(param)
      for i = #reqs - 1, #reqs do assert.same({ scroll_param = param }, reqs[i].query) end
    end)

    it("allows one open scroll at a time (ScrollAlreadyExistsError)", function()
      make(110)
      assert.is_not_nil(client.companies:scroll():first())
      local err = api_error("ScrollAlreadyExistsError", function() client.companies:scroll():first() end)
      assert.equal("scroll_exists", err.code)
      err = api_error("ResourceNotFound", function() client:get("/companies/scroll", { scroll_param = "stale" }) end)
      assert.equal("scroll parameter not found", err.message)
    end)
  end)

  describe("company objects", function()
    it("list their contacts with cursor pages", function()
      local c = acme()
      local emails = {}
      for contact in c:contacts() do emails[#emails + 1] = contact.email end
      assert.same({ "ann@example.com", "carla@example.org" }, emails)
      assert.equal("GET /companies/" .. c.id .. "/contacts", line(last()))
      assert.equal("150", last().query.per_page)
      for i = 1, 3 do
        local p = client.contacts:create{ email = ("staff%d@acme.example.com"):format(i), role = "user" }
        p:add_company{ id = c.id }
      end
      assert.equal(5, #c:contacts{ per_page = 2 }:to_array()) -- small pages, to walk the cursor
      assert.is_string(last().query.starting_after)
      assert.equal("2", last().query.per_page)
    end)

    it("list their notes and segments", function()
      local c = acme()
      local notes = c:notes():to_array()
      assert.equal(2, #notes)
      assert.equal("note", notes[1].type)
      assert.equal(c.id, notes[1].company.id)
      assert.equal("GET /companies/" .. c.id .. "/notes", line(last()))
      local names = {}
      for s in c:segments() do names[#names + 1] = s.name end
      assert.same({ "Large companies", "Paying customers" }, names)
      assert.equal("GET /companies/" .. c.id .. "/segments", line(last()))
      local initech = client.companies:find{ company_id = "initech-3" }
      assert.equal(0, #initech:notes():to_array())
      assert.equal(1, #initech:segments():to_array())
    end)
  end)

  describe("bad input", function()
    it("is refused before sending", function()
      bad_input(function() client.companies:find(false) end, "companies:find")
      bad_input(function() client.companies:find{} end, "give an id, a company_id or a name")
      bad_input(function() client.companies:find{ company_id = 5 } end, "'company_id' must be a string")
      bad_input(function() client.companies:create() end, "expected a table of arguments")
      bad_input(function() client.companies:update() end, "companies:update")
      bad_input(function() client.companies:save(42) end, "companies:save")
      bad_input(function() client.companies:delete(true) end, "companies:delete")
      bad_input(function() client.companies:by_tag(nil) end, "'tag_id' must be an intercom object, an id")
      bad_input(function() client.companies:by_segment({}) end, "companies:by_segment")
      bad_input(function() client.companies:list{ order = "up" } end, "'order' must be one of asc, desc")
      bad_input(function() client.companies:find_all{ page = "two" } end, "'page' must be an integer")
      bad_input(function() client.companies:load("x") end, "'object' must be an intercom object")
      local c = acme()
      bad_input(function() c:increment(7) end, "'key' must be a string")
    end)
  end)
end)
