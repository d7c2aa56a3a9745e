-- client.tags end to end against the sandbox, with the wire format checked.
local harness = require "sandbox_harness"

describe("client.tags", function()
  local client

  local h = harness.new({ token = "tags_spec_token" }, function(c) client = c end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error

  local function names_of(contact)
    local names = {}
    for t in contact:tags() do names[#names + 1] = t.name end
    table.sort(names)
    return names
  end

  it("lists every tag (all and find_all) and finds one", function()
    local names = {}
    for t in client.tags:all() do
      assert.equal("tag", t.type)
      names[#names + 1] = t.name
    end
    assert.same({ "VIP", "Beta tester", "Churn risk", "Newsletter" }, names)
    assert.equal("GET /tags", line(last()))
    assert.equal(4, #client.tags:find_all{}:to_array())
    local vip = client.tags:find("101")
    assert.equal("VIP", vip.name)
    assert.equal("GET /tags/101", line(last()))
    assert.equal("VIP", client.tags:find{ id = "101" }.name)
    local err = api_error("ResourceNotFound", function() client.tags:find("999") end)
    assert.equal(404, err.http_code)
  end)

  it("creates a tag with POST /tags { name }, once per name", function()
    local t = client.tags:create{ name = "Enterprise" }
    assert.equal("tag", t.type)
    assert.equal("Enterprise", t.name)
    assert.equal("POST /tags", line(last()))
    assert.same({ name = "Enterprise" }, last().json)
    assert.equal(t.id, client.tags:create{ name = "Enterprise" }.id)
  end)

  it("renames with POST /tags { id, name } (the gem PUTs /tags/{id}, which the API lacks)", function()
    local t = client.tags:create{ name = "Enterprize" }
    t.name = "Enterprise"
    assert.equal(t, client.tags:save(t))
    assert.equal("POST /tags", line(last()))
    assert.same({ id = t.id, name = "Enterprise" }, last().json)
    assert.equal("Enterprise", client.tags:find(t.id).name)
  end)

  it("tags users given as objects, ids or tables, and untags them", function()
    local ann = client.contacts:find{ email = "ann@example.com" }
    local bob = client.contacts:find{ email = "bob@example.com" }
    local t = client.tags:tag{ name = "Webinar", users = { ann, bob.id, { email = "carla@example.org" } } }
    assert.equal("Webinar", t.name)
    assert.equal("POST /tags", line(last()))
    assert.same({ name = "Webinar", users = { { id = ann.id }, { id = bob.id }, { email = "carla@example.org" } } },
      last().json)
    assert.same({ "VIP", "Webinar" }, names_of(ann))
    client.tags:untag{ name = "Webinar", users = { ann } }
    assert.same({ name = "Webinar", users = { { id = ann.id, untag = true } } }, last().json)
    assert.same({ "VIP" }, names_of(ann))
    assert.same({ "Webinar" }, names_of(bob))
  end)

  it("tags and untags companies, sending untag on each company and no tag_or_untag marker", function()
    local acme = client.companies:find{ company_id = "acme-1" }
    client.tags:tag{ name = "Partner", companies = { acme, { company_id = "globex-2" } } }
    assert.same({ name = "Partner", companies = { { id = acme.id }, { company_id = "globex-2" } } }, last().json)
    assert.equal("Partner", client.companies:find(acme.id).tags[1].name)
    client.tags:untag{ name = "Partner", companies = { { company_id = "acme-1" } } }
    local body = last().json
    assert.same({ name = "Partner", companies = { { company_id = "acme-1", untag = true } } }, body)
    assert.is_nil(body.tag_or_untag)
    assert.equal(0, #client.companies:find(acme.id).tags)
    assert.equal(1, #client.companies:find{ company_id = "globex-2" }.tags)
  end)

  it("raises ResourceNotFound for unknown users or companies", function()
    api_error("ResourceNotFound", function() client.tags:tag{ name = "X", users = { "000000000000000000000000" } } end)
    local err = api_error("ResourceNotFound", function()
      client.tags:tag{ name = "X", companies = { { company_id = "nope" } } }
    end)
    assert.equal("company_not_found", err.code)
  end)

  describe("delete", function()
    it("deletes a tag nothing uses (archive is the same)", function()
      local t = client.tags:create{ name = "Temporary" }
      assert.equal(t, client.tags:delete(t))
      assert.equal("DELETE /tags/" .. t.id, line(last()))
      api_error("ResourceNotFound", function() client.tags:find(t.id) end)
      local u = client.tags:create{ name = "Unused" }
      assert.equal(u, client.tags:archive(u))
      assert.equal("DELETE /tags/" .. u.id, line(last()))
    end)

    it("deletes a tag that is applied, taking it off what it was on", function()
      local ann = client.contacts:find{ email = "ann@example.com" }
      local t = client.tags:tag{ name = "Applied", users = { ann }, companies = { { company_id = "initech-3" } } }
      local function on_ann()
        for tag in ann:tags() do if tag.id == t.id then return true end end
        return false
      end
      assert.is_true(on_ann())
      assert.equal(t, client.tags:delete(t))
      assert.is_false(on_ann())
      local initech = client.companies:find{ company_id = "initech-3" }
      for _, tag in ipairs(initech:to_table().tags.tags or {}) do assert.not_equal(t.id, tag.id) end
    end)

    it("raises TagHasDependentObjects for a tag a segment uses", function()
      -- the seeded "VIPs" segment filters on the VIP tag
      local err = api_error("TagHasDependentObjects", function() client.tags:delete("101") end)
      assert.equal(400, err.http_code)
      assert.equal("tag_has_dependent_objects", err.code)
      assert.matches("Segments: VIPs", err.message)
      assert.equal("VIP", client.tags:find("101").name)
    end)
  end)

  it("refuses bad input before sending", function()
    bad_input(function() client.tags:find(false) end, "tags:find")
    bad_input(function() client.tags:create() end, "tags:create")
    bad_input(function() client.tags:create{ name = 5 } end, "'name' must be a string")
    bad_input(function() client.tags:save("101") end, "tags:save")
    bad_input(function() client.tags:tag() end, "'arguments' is required")
    bad_input(function() client.tags:tag{ users = { "1" } } end, "'name' is required")
    bad_input(function() client.tags:tag{ name = "x" } end, "give users or companies")
    bad_input(function() client.tags:tag{ name = "x", users = "1" } end, "'users' must be a table")
    bad_input(function() client.tags:tag{ name = "x", users = {} } end, "'users' must be a non%-empty list")
    bad_input(function() client.tags:tag{ name = "x", users = { false } } end, "each of 'users'")
    bad_input(function() client.tags:untag{ name = "x", companies = { { name = "Acme" } } } end,
      "each of 'companies' needs one of id, company_id")
    bad_input(function() client.tags:tag{ name = "x", users = { "1" }, tag_or_untag = "tag" } end,
      "unknown argument 'tag_or_untag'")
    bad_input(function() client.tags:delete({}) end, "tags:delete")
  end)
end)
