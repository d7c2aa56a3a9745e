-- client.contacts and contact objects, end to end against the sandbox, with
-- the wire format (verb, path, query, body) checked at the sandbox.
local intercom = require "intercom"
local harness = require "sandbox_harness"

describe("client.contacts", function()
  local sandbox, client

  local h = harness.new({ token = "contacts_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, bad_input = h.last, h.bad_input

  local function new_user(email)
    return client.contacts:create{ email = email or "new-user@spec.test", role = "user", name = "Ann" }
  end

  describe("create, find, load", function()
    it("creates a contact from a table of fields", function()
      local c = new_user()
      assert.equal("contact", c.type)
      assert.equal("new-user@spec.test", c.email)
      assert.is_string(c.id)
      assert.equal("integer", math.type(c.created_at))
      local req = last()
      assert.equal("POST", req.method)
      assert.equal("/contacts", req.path)
      assert.same({ email = "new-user@spec.test", role = "user", name = "Ann" }, req.json)
    end)

    it("sends owner_id, an admin id, as the integer API 2.15 declares", function()
      local c = client.contacts:create{ email = "owned@spec.test", role = "user", owner_id = "991267401" }
      assert.same({ email = "owned@spec.test", role = "user", owner_id = 991267401 }, last().json)
      assert.equal(991267401, c.owner_id)
      c.owner_id = "991267402"
      client.contacts:save(c)
      assert.same({ owner_id = 991267402 }, last().json)
      local before = #sandbox:requests()
      local ok, err = pcall(client.contacts.create, client.contacts, { email = "x@spec.test", owner_id = "ada" })
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class)
      assert.matches("contacts:create: argument 'owner_id' must be an integer id", err.message)
      assert.equal(before, #sandbox:requests())
    end)

    it("finds by id, with id as a string, a table or an object", function()
      local c = new_user()
      assert.equal(c.email, client.contacts:find(c.id).email)
      assert.equal(c.email, client.contacts:find{ id = c.id }.email)
      assert.equal(c.email, client.contacts:find(c).email)
      assert.equal("GET", last().method)
      assert.equal("/contacts/" .. c.id, last().path)
    end)

    it("does not modify the caller's arguments (the gem deletes :id)", function()
      local c = new_user()
      local args = { id = c.id }
      client.contacts:find(args)
      assert.same({ id = c.id }, args)
    end)

    it("finds by external_id", function()
      client.contacts:create{ external_id = "ext-42", role = "user", email = "ext@example.com" }
      local c = client.contacts:find{ external_id = "ext-42" }
      assert.equal("ext@example.com", c.email)
      assert.equal("/contacts/find_by_external_id/ext-42", last().path)
    end)

    it("finds by other attributes with a search", function()
      new_user("who@example.com")
      local c = client.contacts:find{ email = "who@example.com" }
      assert.equal("who@example.com", c.email)
      local req = last()
      assert.equal("POST /contacts/search", req.method .. " " .. req.path)
      assert.same({ field = "email", operator = "=", value = "who@example.com" }, req.json.query)
    end)

    it("raises ResourceNotFound when nothing matches", function()
      local ok, err = pcall(client.contacts.find, client.contacts, { email = "nobody@example.com" })
      assert.is_false(ok)
      assert.equal("ResourceNotFound", err.class)
      -- the same code as a miss by id, so one handler fits both; but no HTTP
      -- status said so (the search answered 200): http_code stays nil
      assert.equal("not_found", err.code)
      assert.is_nil(err.http_code)
      assert.equal("contacts:find: no contact matches {\"email\":\"nobody@example.com\"}", err.message)
      assert.equal("POST /contacts/search", last().method .. " " .. last().path)
      ok, err = pcall(client.contacts.find, client.contacts, "000000000000000000000000")
      assert.is_false(ok)
      assert.equal("ResourceNotFound", err.class)
      assert.equal(404, err.http_code)
      assert.equal("not_found", err.code)
    end)

    it("loads an object again from the API", function()
      local c = new_user()
      local stale = client.contacts:find(c.id)
      client:put("/contacts/" .. c.id, { name = "Changed elsewhere" })
      assert.equal(stale, client.contacts:load(stale))
      assert.equal("Changed elsewhere", stale.name)
    end)
  end)

  describe("save", function()
    it("sends only what changed, including inside custom_attributes", function()
      local c = new_user()
      c.name = "Ann Lee"
      c.custom_attributes.plan = "pro"
      client.contacts:save(c)
      local req = last()
      assert.equal("PUT", req.method)
      assert.equal("/contacts/" .. c.id, req.path)
      assert.same({ name = "Ann Lee", custom_attributes = { plan = "pro" } }, req.json)
      assert.equal("Ann Lee", c.name)
      assert.equal("pro", c.custom_attributes.plan)
    end)

    it("refreshes the object and forgets the changes", function()
      local c = new_user()
      c.name = "Ann Lee"
      client.contacts:save(c)
      local before = #sandbox:requests()
      client.contacts:save(c) -- nothing changed: nothing to send
      assert.equal(before, #sandbox:requests())
    end)

    it("creates an object that has no id yet", function()
      local c = client.contacts:create{ email = "tmp@example.com", role = "user" }
      local copy = intercom.new{ token = "t", transport = sandbox:transport() }:get("/contacts/" .. c.id)
      assert.equal("tmp@example.com", copy.email)
    end)

    it("sends integers exactly", function()
      local c = new_user()
      c.custom_attributes.big = (1 << 53) + 1
      c.custom_attributes.ratio = 0.1
      client.contacts:save(c)
      assert.matches('"big":9007199254740993', last().body, 1, true)
      assert.equal((1 << 53) + 1, client.contacts:find(c.id).custom_attributes.big)
      assert.equal(0.1, client.contacts:find(c.id).custom_attributes.ratio)
    end)

    it("refuses a value that cannot be sent, before sending", function()
      local c = new_user()
      c.custom_attributes.score = 0 / 0
      bad_input(function() client.contacts:save(c) end, "NaN at custom_attributes.score")
    end)

    it("increments and decrements a custom attribute, sent on save", function()
      local c = new_user()
      c:increment("karma")
      c:increment("karma", 4)
      c:decrement("karma", 2)
      client.contacts:save(c)
      assert.same({ custom_attributes = { karma = 3 } }, last().json)
      assert.equal(3, client.contacts:find(c.id).custom_attributes.karma)
      c.custom_attributes.label = "x"
      bad_input(function() c:increment("label") end, "not a number")
    end)
  end)

  describe("delete, archive, unarchive", function()
    it("archives and unarchives, returning the contact", function()
      local c = new_user()
      assert.equal(c, client.contacts:archive(c))
      assert.equal("POST /contacts/" .. c.id .. "/archive", last().method .. " " .. last().path)
      assert.equal(c, client.contacts:unarchive(c))
      assert.equal("/contacts/" .. c.id .. "/unarchive", last().path)
    end)

    -- API 2.15 declares no body for archive, unarchive and block: none goes,
    -- and an empty POST is not labelled with a Content-Type
    it("archives, unarchives and blocks with an empty POST", function()
      local c = new_user()
      sandbox:clear_requests()
      client.contacts:archive(c)
      client.contacts:unarchive(c.id)
      client.contacts:block{ id = c.id }
      local reqs = sandbox:requests()
      assert.equal(3, #reqs)
      for _, req in ipairs(reqs) do
        assert.equal("POST", req.method)
        assert.equal("", req.body)
        assert.is_nil(req.headers["content-type"])
        assert.equal("0", req.headers["content-length"])
      end
    end)

    it("blocks, which also archives", function()
      local c = new_user()
      local answer = client.contacts:block(c)
      assert.is_true(answer.blocked)
      assert.equal("POST /contacts/" .. c.id .. "/block", last().method .. " " .. last().path)
      for other in client.contacts:all() do assert.not_equal(c.id, other.id) end
    end)

    it("deletes", function()
      local c = new_user()
      assert.equal(c, client.contacts:delete(c))
      assert.equal("DELETE", last().method)
      local ok, err = pcall(client.contacts.find, client.contacts, c.id)
      assert.is_false(ok)
      assert.equal("ResourceNotFound", err.class)
    end)

    it("deletes an archived contact by id and returns the API's answer", function()
      local c = new_user()
      client.contacts:archive(c)
      local answer = client.contacts:delete_archived_contact(c.id)
      assert.is_true(answer.deleted)
      assert.equal("DELETE /contacts/" .. c.id, last().method .. " " .. last().path)
    end)
  end)

  describe("all and search", function()
    it("walks every contact across cursor pages, asking for 150 at a time", function()
      for i = 1, 5 do new_user(("p%d@example.com"):format(i)) end
      local seen = {}
      for c in client.contacts:all() do seen[#seen + 1] = c.email end
      assert.is_true(#seen >= 5)
      assert.matches("per_page=150", last().raw_query)
    end)

    it("pages with a small page size, with no duplicates or gaps", function()
      for i = 1, 7 do new_user(("q%d@example.com"):format(i)) end
      local total = #client.contacts:all():to_array()
      local seen, count = {}, 0
      local coll = client.contacts:search{ query = { field = "role", operator = "=", value = "user" }, per_page = 2 }
      for c in coll do
        assert.is_nil(seen[c.id], "duplicate " .. c.id)
        seen[c.id] = true
        count = count + 1
      end
      assert.is_true(count >= 7 and count <= total)
      local req = last()
      assert.equal(2, req.json.pagination.per_page)
      assert.is_string(req.json.pagination.starting_after)
    end)

    it("searches with nested AND/OR and sorts", function()
      new_user("s1@spec.test")
      client.contacts:create{ email = "s2@search.test", role = "user", name = "Zed" }
      local found = client.contacts:search{
        query = { operator = "AND", value = {
          { field = "role", operator = "=", value = "user" },
          { operator = "OR", value = {
            { field = "email", operator = "$", value = "@search.test" },
            { field = "email", operator = "=", value = "s1@spec.test" },
          } },
        } },
        sort_field = "email", sort_order = "descending",
      }:to_array()
      assert.equal(2, #found)
      assert.equal("s2@search.test", found[1].email)
      assert.same({ field = "email", order = "descending" }, last().json.sort)
    end)

    it("checks search arguments before sending", function()
      bad_input(function() client.contacts:search{} end, "argument 'query' is required")
      bad_input(function() client.contacts:search{ query = {}, sort_order = "up" } end,
        "sort_order' must be one of ascending, descending")
      bad_input(function() client.contacts:search{ query = {}, per_page = "10" } end, "per_page' must be an integer")
    end)
  end)

  describe("merge", function()
    it("merges a lead into a user and refreshes the user", function()
      local lead = client.contacts:create{ role = "lead", name = "Lead" }
      local user = new_user()
      assert.equal(user, client.contacts:merge(lead, user))
      assert.same({ from = lead.id, into = user.id }, last().json)
      assert.equal("/contacts/merge", last().path)
    end)

    it("refuses anything but lead into user, before sending", function()
      local a, b = new_user("a@example.com"), new_user("b@example.com")
      local before = #sandbox:requests()
      local ok, err = pcall(client.contacts.merge, client.contacts, a, b)
      assert.is_false(ok)
      assert.equal("InvalidMergeError", err.class)
      assert.equal(before, #sandbox:requests())
      bad_input(function() client.contacts:merge("id1", b) end, "argument 'lead' must be an intercom object")
    end)
  end)

  describe("a contact's own methods", function()
    local function first_id(path)
      return client:get(path).data[1].id
    end

    it("tags and untags, and lists its tags", function()
      local c = new_user()
      local tag_id = first_id("/tags")
      local tag = c:add_tag{ id = tag_id }
      assert.equal("tag", tag.type)
      assert.same({ id = tag_id }, last().json)
      assert.equal("/contacts/" .. c.id .. "/tags", last().path)
      local names = {}
      for t in c:tags() do names[#names + 1] = t.id end
      assert.same({ tag_id }, names)
      assert.equal("tag", c:remove_tag(tag).type)
      assert.equal("DELETE /contacts/" .. c.id .. "/tags/" .. tag_id, last().method .. " " .. last().path)
      assert.equal(0, #c:tags():to_array())
    end)

    it("creates and lists notes", function()
      local c = new_user()
      local note = c:create_note{ body = "<p>hi</p>" }
      assert.equal("note", note.type)
      assert.same({ body = "<p>hi</p>" }, last().json)
      assert.equal("<p>hi</p>", c:notes():first().body)
    end)

    it("attaches, lists and detaches companies", function()
      local c = new_user()
      local company_id = first_id("/companies")
      assert.equal("company", c:add_company{ id = company_id }.type)
      assert.equal(company_id, c:companies():first().id)
      c:remove_company{ id = company_id }
      assert.equal("DELETE /contacts/" .. c.id .. "/companies/" .. company_id, last().method .. " " .. last().path)
      assert.is_nil(c:companies():first())
    end)

    it("subscribes, lists and unsubscribes subscription types", function()
      local c = new_user()
      local sub = c:create_subscription_type{ id = "107", consent_type = "opt_in" }
      assert.equal("subscription", sub.type) -- the 2.15 schema's type for a subscription type
      assert.same({ id = "107", consent_type = "opt_in" }, last().json)
      assert.equal("107", c:subscription_types():first().id)
      c:remove_subscription_type{ id = "107" }
      assert.equal("DELETE /contacts/" .. c.id .. "/subscriptions/107", last().method .. " " .. last().path)
    end)

    it("lists segments", function()
      local c = new_user()
      c:segments():to_array()
      assert.equal("GET /contacts/" .. c.id .. "/segments", last().method .. " " .. last().path)
    end)

    it("checks arguments before sending", function()
      local c = new_user()
      bad_input(function() c:add_tag() end, "argument 'id' is required")
      bad_input(function() c:add_tag{ id = {} } end, "argument 'id' must be a non%-empty string or integer id")
      bad_input(function() c:create_note{} end, "argument 'body' is required")
      bad_input(function() c:create_note{ body = 5 } end, "argument 'body' must be a string")
      bad_input(function() c:increment() end, "argument 'key' is required")
      bad_input(function() c:increment("k", "1") end, "argument 'by' must be a number")
    end)

    it("needs an id to act on", function()
      local c = new_user()
      local copy = intercom.new{ token = "t", transport = sandbox:transport() }:get("/contacts/" .. c.id)
      copy.id = nil
      local ok, err = pcall(copy.tags, copy)
      assert.is_false(ok)
      assert.equal("AttributeNotSetError", err.class)
    end)
  end)

  describe("bad input to the service", function()
    it("names the argument and what was expected", function()
      bad_input(function() client.contacts:find(true) end, "contacts:find: expected an intercom object, an id")
      bad_input(function() client.contacts:find{} end, "give an id, an external_id")
      bad_input(function() client.contacts:find{ id = "" } end, "argument 'id' must be a non%-empty string")
      bad_input(function() client.contacts:create() end, "contacts:create: expected a table of arguments, got nil")
      bad_input(function() client.contacts:create("ann") end, "expected a table of arguments")
      bad_input(function() client.contacts:save("x") end, "argument 'object' must be an intercom object")
      bad_input(function() client.contacts:archive() end, "argument 'id' must be a non%-empty string")
      bad_input(function() client.contacts:delete(1.5) end, "got a number")
    end)
  end)

  describe("errors from the API", function()
    it("maps a 409 conflict on a duplicate user", function()
      new_user("dup@example.com")
      local ok, err = pcall(new_user, "dup@example.com")
      assert.is_false(ok)
      assert.equal(409, err.http_code)
      assert.equal("MultipleMatchingUsersError", err.class)
    end)

    it("raises HttpError when find gets an empty body", function()
      local c = new_user()
      sandbox:fault{ route = "GET /contacts/{id}", status = 200, body = "" }
      local ok, err = pcall(client.contacts.find, client.contacts, c.id)
      assert.is_false(ok)
      assert.equal("HttpError", err.class)
    end)

    it("retries a find through a 503 and succeeds", function()
      local c = new_user()
      sandbox:fault{ route = "GET /contacts/{id}", status = 503, times = 1 }
      local retrying = intercom.new{ token = "t", transport = sandbox:transport(), sleep = function() end }
      assert.equal(c.id, retrying.contacts:find(c.id).id)
    end)

    it("reads a truncated body as a dropped connection", function()
      local c = new_user()
      sandbox:fault{ route = "GET /contacts/{id}", truncate = true, times = 1 }
      local ok, err = pcall(client.contacts.find, client.contacts, c.id)
      assert.is_false(ok)
      assert.equal("ConnectionDroppedError", err.class)
    end)

    it("waits out a 429 storm with handle_rate_limit", function()
      local c = new_user()
      sandbox:fault{ route = "GET /contacts/{id}", status = 429, times = 2 }
      local waits = {}
      local patient = intercom.new{ token = "t", transport = sandbox:transport(), handle_rate_limit = true,
        sleep = function(s) waits[#waits + 1] = s end }
      assert.equal(c.id, patient.contacts:find(c.id).id)
      assert.equal(2, #waits)
      for _, w in ipairs(waits) do assert.is_true(w >= 0 and w <= 3, "waited " .. w) end
      local details = patient.rate_limit_details -- from the last, successful, response
      assert.equal("integer", math.type(details.limit))
      assert.is_true(details.remaining > 0 and details.remaining < details.limit)
    end)
  end)
end)
