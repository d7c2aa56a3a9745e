-- /contacts over HTTP: shapes, validation, uniqueness, archive, delete,
-- cursor paging and merge.
local http = require "http"
local null = require("intercom.core").null
local sandbox = require "intercom.sandbox"

local function is_integer(v)
  return math.type(v) == "integer"
end

describe("sandbox contacts", function()
  local sb
  before_each(function() sb = sandbox.start { port = 0, seed = false } end)
  after_each(function() sb:stop() end)

  local function create(body)
    local res = http.post(sb, "/contacts", body)
    assert.equal(200, res.status, res.body)
    return res.json
  end

  describe("create", function()
    it("returns a full 2.15 contact", function()
      local c = create { email = "Ann@Example.COM", name = "Ann", custom_attributes = { plan = "pro" } }
      assert.equal("contact", c.type)
      assert.matches("^%x+$", c.id)
      assert.equal(24, #c.id)
      assert.equal("sandbox1", c.workspace_id)
      assert.equal("user", c.role)
      assert.equal("Ann@Example.COM", c.email)
      assert.equal("example.com", c.email_domain)
      assert.equal("pro", c.custom_attributes.plan)
      for _, k in ipairs { "created_at", "updated_at", "signed_up_at" } do
        assert.is_true(is_integer(c[k]), k)
        assert.is_true(math.abs(c[k] - os.time()) < 5, k)
      end
      assert.equal(false, c.has_hard_bounced)
      assert.equal(false, c.unsubscribed_from_emails)
      for _, k in ipairs { "phone", "external_id", "last_seen_at", "browser", "avatar", "owner_id", "ios_device" } do
        assert.equal(null, c[k], k)
      end
      assert.equal("location", c.location.type)
      assert.equal("list", c.social_profiles.type)
      for _, list in ipairs { "tags", "notes", "companies" } do
        assert.equal("list", c[list].type)
        assert.equal(0, c[list].total_count)
        assert.equal(false, c[list].has_more)
        assert.equal("/contacts/" .. c.id .. "/" .. list, c[list].url)
      end
      local size = #http.get(sb, "/contacts/" .. c.id).body
      assert.is_true(size > 1500 and size < 3000, "size " .. size)
    end)

    it("creates leads without any identifier", function()
      local c = create { role = "lead" }
      assert.equal("lead", c.role)
      assert.equal(null, c.signed_up_at)
    end)

    it("needs an email, an external_id or the lead role", function()
      for _, body in ipairs { {}, { role = "user" }, { name = "Nobody" } } do
        local res = http.post(sb, "/contacts", body)
        assert.equal(400, res.status)
        assert.equal("parameter_invalid", res.json.errors[1].code)
      end
      assert.equal("u-9", create({ external_id = "u-9" }).external_id)
    end)

    it("refuses unknown fields and wrong types", function()
      local cases = {
        { { email = "a@example.com", favourite_colour = "red" }, "favourite_colour" },
        { { email = "not an email" }, "email" },
        { { email = "a@example.com", role = "admin" }, "role" },
        { { email = "a@example.com", signed_up_at = "yesterday" }, "signed_up_at" },
        { { email = "a@example.com", custom_attributes = { nested = { no = 1 } } }, "custom_attributes.nested" },
        { { email = "a@example.com", unsubscribed_from_emails = "yes" }, "unsubscribed_from_emails" },
      }
      for _, case in ipairs(cases) do
        local res = http.post(sb, "/contacts", case[1])
        assert.equal(400, res.status, case[2])
        assert.equal("parameter_invalid", res.json.errors[1].code)
        assert.equal(case[2], res.json.errors[1].field)
      end
      assert.equal(0, http.get(sb, "/contacts").json.total_count)
    end)

    it("refuses a second user with the same email or external_id with 409", function()
      local first = create { email = "dup@example.com", external_id = "x-1" }
      local res = http.post(sb, "/contacts", { email = "DUP@example.com" })
      assert.equal(409, res.status)
      assert.equal("conflict", res.json.errors[1].code)
      assert.matches(first.id, res.json.errors[1].message)
      assert.equal(409, http.post(sb, "/contacts", { external_id = "x-1" }).status)
      -- leads may share an email with a user
      assert.equal(200, http.post(sb, "/contacts", { email = "dup@example.com", role = "lead" }).status)
    end)
  end)

  describe("find, update, delete", function()
    it("finds by id and by external id", function()
      local c = create { email = "f@example.com", external_id = "ext/1 2" }
      assert.equal(c.id, http.get(sb, "/contacts/" .. c.id).json.id)
      assert.equal(c.id, http.get(sb, "/contacts/find_by_external_id/ext%2F1%202").json.id)
      local res = http.get(sb, "/contacts/find_by_external_id/nope")
      assert.equal(404, res.status)
    end)

    it("answers an unknown id with 404 Contact Not Found", function()
      local res = http.get(sb, "/contacts/5ba682d23d7cf92bef87bfd4")
      assert.equal(404, res.status)
      assert.equal("not_found", res.json.errors[1].code)
      assert.equal("Contact Not Found", res.json.errors[1].message)
    end)

    it("merges updates, custom attributes key by key", function()
      local c = create { email = "u@example.com", name = "Before", custom_attributes = { plan = "free", seats = 1 } }
      local res = http.put(sb, "/contacts/" .. c.id, { name = "After", custom_attributes = { plan = "pro" } })
      assert.equal(200, res.status)
      assert.equal("After", res.json.name)
      assert.equal("u@example.com", res.json.email)
      assert.same({ plan = "pro", seats = 1 }, res.json.custom_attributes)
      assert.equal("After", http.get(sb, "/contacts/" .. c.id).json.name)
      res = http.put(sb, "/contacts/" .. c.id, { phone = null })
      assert.equal(200, res.status)
      assert.equal(null, res.json.phone)
    end)

    it("refuses unknown fields on update, leaving the contact alone", function()
      local c = create { email = "v@example.com", name = "Kept" }
      local res = http.put(sb, "/contacts/" .. c.id, { name = "Changed", colour = "blue" })
      assert.equal(400, res.status)
      assert.equal("colour", res.json.errors[1].field)
      assert.equal("Kept", http.get(sb, "/contacts/" .. c.id).json.name)
      assert.equal(404, http.put(sb, "/contacts/5ba682d23d7cf92bef87bfd4", { name = "x" }).status)
    end)

    it("refuses an update that would duplicate another user", function()
      create { email = "taken@example.com" }
      local c = create { email = "free@example.com" }
      assert.equal(409, http.put(sb, "/contacts/" .. c.id, { email = "taken@example.com" }).status)
    end)

    it("turns a lead into a user, not back", function()
      local lead = create { role = "lead", email = "l@example.com" }
      local res = http.put(sb, "/contacts/" .. lead.id, { role = "user" })
      assert.equal("user", res.json.role)
      assert.equal(400, http.put(sb, "/contacts/" .. lead.id, { role = "lead" }).status)
    end)

    it("deletes", function()
      local c = create { email = "d@example.com", external_id = "d-1" }
      local res = http.delete(sb, "/contacts/" .. c.id)
      assert.equal(200, res.status)
      assert.same({ id = c.id, external_id = "d-1", type = "contact", deleted = true }, res.json)
      assert.equal(404, http.get(sb, "/contacts/" .. c.id).status)
      assert.equal(404, http.delete(sb, "/contacts/" .. c.id).status)
    end)

    it("archives and unarchives; archived contacts leave lists and search", function()
      local c = create { email = "a@example.com" }
      local res = http.post(sb, "/contacts/" .. c.id .. "/archive")
      assert.same({ id = c.id, external_id = null, type = "contact", archived = true }, res.json)
      assert.equal(0, http.get(sb, "/contacts").json.total_count)
      assert.equal(0, http.post(sb, "/contacts/search",
        { query = { field = "email", operator = "=", value = "a@example.com" } }).json.total_count)
      assert.equal(200, http.get(sb, "/contacts/" .. c.id).status)
      res = http.post(sb, "/contacts/" .. c.id .. "/unarchive")
      assert.equal(false, res.json.archived)
      assert.equal(1, http.get(sb, "/contacts").json.total_count)
    end)
  end)

  describe("list", function()
    local function create_many(n)
      local ids = {}
      for i = 1, n do ids[i] = create({ email = ("p%02d@example.com"):format(i) }).id end
      return ids
    end

    local function walk(per_page)
      local seen, pages, path = {}, {}, "/contacts?per_page=" .. per_page
      while path do
        local res = http.get(sb, path)
        assert.equal(200, res.status)
        pages[#pages + 1] = res.json
        for _, c in ipairs(res.json.data) do seen[#seen + 1] = c.id end
        local nxt = res.json.pages.next
        path = nxt and ("/contacts?per_page=%d&starting_after=%s"):format(nxt.per_page, nxt.starting_after)
      end
      return seen, pages
    end

    it("pages with cursors in creation order, without duplicates or omissions", function()
      local ids = create_many(23)
      local seen, pages = walk(5)
      assert.same(ids, seen)
      assert.equal(5, #pages)
      for i, p in ipairs(pages) do
        assert.equal("list", p.type)
        assert.equal(23, p.total_count)
        assert.equal("pages", p.pages.type)
        assert.equal(i, p.pages.page)
        assert.equal(5, p.pages.per_page)
        assert.equal(5, p.pages.total_pages)
        assert.equal(i < 5, p.pages.next ~= nil)
      end
      assert.equal(3, #pages[5].data)
    end)

    it("defaults to 50 per page and clamps at 150", function()
      create_many(3)
      assert.equal(50, http.get(sb, "/contacts").json.pages.per_page)
      assert.equal(150, http.get(sb, "/contacts?per_page=500").json.pages.per_page)
      assert.equal(400, http.get(sb, "/contacts?per_page=0").status)
      assert.equal(400, http.get(sb, "/contacts?per_page=ten").status)
      assert.equal(400, http.get(sb, "/contacts?starting_after=garbage!").status)
    end)

    it("answers an empty workspace like the API", function()
      local res = http.get(sb, "/contacts")
      assert.same({ type = "pages", page = 1, per_page = 50, total_pages = 0 }, res.json.pages)
      assert.equal(0, #res.json.data)
      assert.matches('"data":%[%]', res.body)
    end)

    it("survives deleting contacts while paging", function()
      local ids = create_many(12)
      local deleted, path = {}, "/contacts?per_page=4"
      while path do
        local res = http.get(sb, path)
        for _, c in ipairs(res.json.data) do
          assert.equal(200, http.delete(sb, "/contacts/" .. c.id).status)
          deleted[#deleted + 1] = c.id
        end
        local nxt = res.json.pages.next
        path = nxt and ("/contacts?per_page=4&starting_after=" .. nxt.starting_after)
      end
      assert.same(ids, deleted)
      assert.equal(0, http.get(sb, "/contacts").json.total_count)
    end)
  end)

  describe("merge", function()
    it("merges a lead into a user; the lead is gone afterwards", function()
      local tag = http.get(sb, "/tags").json.data[1]
      local lead = create { role = "lead", email = "lead@example.com", phone = "+1555",
        custom_attributes = { source = "ads", plan = "lead-plan" } }
      http.post(sb, "/contacts/" .. lead.id .. "/tags", { id = tag.id })
      http.post(sb, "/contacts/" .. lead.id .. "/notes", { body = "<p>from the lead</p>" })
      local user = create { email = "user@example.com", custom_attributes = { plan = "pro" } }
      local res = http.post(sb, "/contacts/merge", { from = lead.id, into = user.id })
      assert.equal(200, res.status)
      assert.equal(user.id, res.json.id)
      assert.equal("user@example.com", res.json.email)
      assert.equal("+1555", res.json.phone) -- gained what the user lacked
      assert.same({ plan = "pro", source = "ads" }, res.json.custom_attributes)
      assert.equal(1, res.json.tags.total_count)
      assert.equal(1, res.json.notes.total_count)
      assert.equal(404, http.get(sb, "/contacts/" .. lead.id).status)
      local notes = http.get(sb, "/contacts/" .. user.id .. "/notes").json
      assert.equal(user.id, notes.data[1].contact.id)
    end)

    it("refuses wrong roles, the same contact and unknown ids", function()
      local lead = create { role = "lead" }
      local user = create { email = "u1@example.com" }
      local user2 = create { email = "u2@example.com" }
      local cases = {
        { { from = user.id, into = user2.id }, 400, "from" },
        { { from = lead.id, into = lead.id }, 400 },
        { { from = lead.id, into = create({ role = "lead" }).id }, 400, "into" },
        { { from = lead.id }, 400, "into" },
        { { from = lead.id, into = "5ba682d23d7cf92bef87bfd4" }, 404 },
      }
      for i, case in ipairs(cases) do
        local res = http.post(sb, "/contacts/merge", case[1])
        assert.equal(case[2], res.status, "case " .. i)
        if case[3] then assert.equal(case[3], res.json.errors[1].field, "case " .. i) end
      end
      assert.equal(200, http.get(sb, "/contacts/" .. lead.id).status) -- nothing was merged
    end)
  end)
end)
