-- A contact's tags, notes, companies, segments and subscriptions, and the
-- workspace objects they point at.
local http = require "http"
local sandbox = require "intercom.sandbox"

describe("sandbox nested contact resources", function()
  local sb, contact, tags, companies
  before_each(function()
    sb = sandbox.start { port = 0 }
    contact = http.post(sb, "/contacts", { email = "nested@example.com", custom_attributes = { plan = "pro" } }).json
    tags = http.get(sb, "/tags").json.data
    companies = http.get(sb, "/companies").json.data
  end)
  after_each(function() sb:stop() end)

  local function path(suffix) return "/contacts/" .. contact.id .. suffix end

  describe("tags", function()
    it("attaches, lists, shows on the contact, and detaches", function()
      local res = http.post(sb, path "/tags", { id = tags[2].id })
      assert.equal(200, res.status)
      assert.same("tag", res.json.type)
      assert.equal(tags[2].id, res.json.id)
      assert.equal(tags[2].name, res.json.name)
      assert.equal("integer", math.type(res.json.applied_at))
      assert.equal("admin", res.json.applied_by.type)

      local list = http.get(sb, path "/tags").json
      assert.equal("list", list.type)
      assert.equal(1, #list.data)
      assert.equal(tags[2].id, list.data[1].id)

      local c = http.get(sb, path "").json
      assert.equal(1, c.tags.total_count)
      assert.same({ type = "tag", id = tags[2].id, url = "/tags/" .. tags[2].id }, c.tags.data[1])

      res = http.delete(sb, path("/tags/" .. tags[2].id))
      assert.equal(200, res.status)
      assert.equal(tags[2].id, res.json.id)
      assert.equal(0, http.get(sb, path "").json.tags.total_count)
      assert.equal(0, #http.get(sb, path "/tags").json.data)
    end)

    it("accepts a numeric tag id, as the API's examples send", function()
      assert.equal(200, http.post(sb, path "/tags", '{"id":' .. tags[1].id .. '}').status)
      assert.equal(1, http.get(sb, path "").json.tags.total_count)
    end)

    it("answers unknown tags and contacts with 404, a missing id with 400", function()
      local res = http.post(sb, path "/tags", { id = "999999" })
      assert.equal(404, res.status)
      assert.equal("not_found", res.json.errors[1].code)
      res = http.post(sb, "/contacts/5ba682d23d7cf92bef87bfd4/tags", { id = tags[1].id })
      assert.equal(404, res.status)
      assert.equal("User Not Found", res.json.errors[1].message)
      res = http.post(sb, path "/tags", {})
      assert.equal(400, res.status)
      assert.equal("parameter_not_found", res.json.errors[1].code)
    end)
  end)

  describe("notes", function()
    it("creates notes with an author and lists them newest first with cursor pages", function()
      local admins = http.get(sb, "/admins").json.admins
      local first = http.post(sb, path "/notes", { body = "<p>one</p>" }).json
      assert.equal("note", first.type)
      assert.equal("<p>one</p>", first.body)
      assert.same({ type = "contact", id = contact.id }, first.contact)
      assert.equal("admin", first.author.type)
      assert.equal(admins[1].id, first.author.id)
      local second = http.post(sb, path "/notes", { body = "<p>two</p>", admin_id = admins[2].id }).json
      assert.equal(admins[2].id, second.author.id)
      http.post(sb, path "/notes", { body = "<p>three</p>" })

      local page1 = http.get(sb, path "/notes?per_page=2").json
      assert.equal("list", page1.type)
      assert.equal(3, page1.total_count)
      assert.equal("<p>three</p>", page1.data[1].body)
      assert.equal("<p>two</p>", page1.data[2].body)
      local page2 = http.get(sb, path("/notes?per_page=2&starting_after=" .. page1.pages.next.starting_after)).json
      assert.equal(1, #page2.data)
      assert.equal("<p>one</p>", page2.data[1].body)
      assert.is_nil(page2.pages.next)

      assert.equal("<p>two</p>", http.get(sb, "/notes/" .. second.id).json.body)
      assert.equal(3, http.get(sb, path "").json.notes.total_count)
    end)

    it("needs a body and a known admin", function()
      assert.equal(400, http.post(sb, path "/notes", {}).status)
      assert.equal(404, http.post(sb, path "/notes", { body = "x", admin_id = "1" }).status)
      assert.equal(404, http.get(sb, "/notes/424242").status)
    end)
  end)

  describe("companies", function()
    it("attaches, lists with page-style pages, and detaches", function()
      local res = http.post(sb, path "/companies", { id = companies[1].id })
      assert.equal(200, res.status)
      assert.equal("company", res.json.type)
      assert.equal(companies[1].company_id, res.json.company_id)
      assert.equal(companies[1].user_count + 1, res.json.user_count)
      http.post(sb, path "/companies", { id = companies[2].id })

      local list = http.get(sb, path "/companies").json
      assert.equal("list", list.type)
      assert.equal(2, list.total_count)
      assert.equal("pages", list.pages.type)
      assert.is_nil(list.pages.next)
      assert.equal(2, http.get(sb, path "").json.companies.total_count)

      local page1 = http.get(sb, path "/companies?per_page=1").json
      assert.equal(1, #page1.data)
      assert.equal(companies[1].id, page1.data[1].id)
      assert.is_string(page1.pages.next)
      assert.matches("^" .. sb.url:gsub("%p", "%%%0") .. "/contacts/", page1.pages.next)
      local page2 = http.get(sb, page1.pages.next:sub(#sb.url + 1)).json
      assert.equal(companies[2].id, page2.data[1].id)
      assert.is_nil(page2.pages.next)

      res = http.delete(sb, path("/companies/" .. companies[1].id))
      assert.equal(200, res.status)
      assert.equal(companies[1].id, res.json.id)
      assert.equal(1, http.get(sb, path "").json.companies.total_count)
    end)

    it("answers unknown companies with company_not_found", function()
      local res = http.post(sb, path "/companies", { id = "nope" })
      assert.equal(404, res.status)
      assert.equal("company_not_found", res.json.errors[1].code)
      assert.equal(400, http.post(sb, path "/companies", {}).status)
    end)
  end)

  describe("segments", function()
    it("lists the segments the contact matches now", function()
      local names = {}
      for _, s in ipairs(http.get(sb, path "/segments").json.data) do names[s.name] = true end
      assert.is_true(names["All users"])
      assert.is_true(names["Pro plan"])
      assert.is_nil(names["All leads"])
      assert.is_nil(names["VIPs"])
      http.post(sb, path "/tags", { id = "101" }) -- the VIP tag puts it in "VIPs"
      names = {}
      for _, s in ipairs(http.get(sb, path "/segments").json.data) do names[s.name] = true end
      assert.is_true(names["VIPs"])
    end)
  end)

  describe("subscriptions", function()
    it("opts in and out, lists, and detaches", function()
      local types = http.get(sb, "/subscription_types").json.data
      assert.is_true(#types >= 2)
      local res = http.post(sb, path "/subscriptions", { id = types[1].id, consent_type = "opt_in" })
      assert.equal(200, res.status)
      assert.equal("subscription", res.json.type)
      assert.equal("opt_in", res.json.consent_type)
      http.post(sb, path "/subscriptions", { id = types[2].id, consent_type = "opt_out" })
      local list = http.get(sb, path "/subscriptions").json
      assert.equal(2, #list.data)
      local c = http.get(sb, path "").json
      assert.equal(1, c.opted_in_subscription_types.total_count)
      assert.equal(1, c.opted_out_subscription_types.total_count)
      res = http.delete(sb, path("/subscriptions/" .. types[1].id))
      assert.equal(types[1].id, res.json.id)
      assert.equal(1, #http.get(sb, path "/subscriptions").json.data)
    end)

    it("checks the consent type and the subscription id", function()
      local types = http.get(sb, "/subscription_types").json.data
      assert.equal(400, http.post(sb, path "/subscriptions", { id = types[1].id, consent_type = "maybe" }).status)
      assert.equal(400, http.post(sb, path "/subscriptions", { id = types[1].id }).status)
      assert.equal(404, http.post(sb, path "/subscriptions", { id = "1", consent_type = "opt_in" }).status)
    end)
  end)

  describe("workspace objects", function()
    it("creates tags, finds them by name, and serves them by id", function()
      local res = http.post(sb, "/tags", { name = "Sandbox spec" })
      assert.equal(200, res.status)
      assert.equal("tag", res.json.type)
      assert.equal(res.json.id, http.post(sb, "/tags", { name = "Sandbox spec" }).json.id)
      assert.equal("Sandbox spec", http.get(sb, "/tags/" .. res.json.id).json.name)
      assert.equal(400, http.post(sb, "/tags", {}).status)
      assert.equal(404, http.get(sb, "/tags/999999").status)
    end)

    it("tags contacts through POST /tags with users", function()
      local tag = http.post(sb, "/tags", { name = "Bulk", users = { { id = contact.id } } }).json
      assert.equal(tag.id, http.get(sb, path "/tags").json.data[1].id)
      assert.equal(404, http.post(sb, "/tags", { name = "Bulk", users = { { id = "nope" } } }).status)
    end)

    it("deletes tags without dependents and detaches them", function()
      local tag = http.post(sb, "/tags", { name = "Temporary" }).json
      http.post(sb, path "/tags", { id = tag.id })
      assert.equal(200, http.delete(sb, "/tags/" .. tag.id).status)
      assert.equal(0, http.get(sb, path "").json.tags.total_count)
      local res = http.delete(sb, "/tags/101") -- the VIPs segment filters on it
      assert.equal(400, res.status)
      assert.equal("tag_has_dependent_objects", res.json.errors[1].code)
    end)

    it("serves admins, me, segments, companies", function()
      local admins = http.get(sb, "/admins").json
      assert.equal("admin.list", admins.type)
      assert.equal(admins.admins[1].id, http.get(sb, "/admins/" .. admins.admins[1].id).json.id)
      assert.equal("admin_not_found", http.get(sb, "/admins/1").json.errors[1].code)
      local me = http.get(sb, "/me").json
      assert.equal("app", me.app.type)
      assert.equal("sandbox1", me.app.id_code)
      local segments = http.get(sb, "/segments?include_count=true").json
      assert.equal("segment.list", segments.type)
      for _, s in ipairs(segments.segments) do assert.equal("integer", math.type(s.count)) end
      assert.equal(segments.segments[1].id, http.get(sb, "/segments/" .. segments.segments[1].id).json.id)
      assert.equal(companies[1].id, http.get(sb, "/companies/" .. companies[1].id).json.id)
      assert.equal(companies[2].id, http.get(sb, "/companies?company_id=" .. companies[2].company_id).json.id)
      assert.equal("company_not_found", http.get(sb, "/companies/nope").json.errors[1].code)
      http.post(sb, path "/companies", { id = companies[3].id })
      local attached = http.get(sb, "/companies/" .. companies[3].id .. "/contacts").json
      local found = false
      for _, c in ipairs(attached.data) do found = found or c.id == contact.id end
      assert.is_true(found)
    end)
  end)
end)
