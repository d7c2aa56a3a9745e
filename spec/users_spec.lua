-- client.users (the v1 API, Intercom-Version 1.x) end to end against the
-- sandbox, with HTTP Basic auth (app_id + api_key) as v1 apps used it.
local intercom = require "intercom"
local harness = require "sandbox_harness"

describe("client.users", function()
  local sandbox, client

  local h = harness.new({ app_id = "users_spec_app", api_key = "users_spec_key", api_version = "1.4" },
    function(c, s) client, sandbox = c, s end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error

  local function make(n)
    for i = 1, n do client.users:create{ email = ("u%03d@example.com"):format(i) } end
  end

  it("creates a user with POST /users, attaching companies", function()
    local u = client.users:create{ email = "v1@example.com", user_id = "v1-7", name = "Vee",
      custom_attributes = { plan = "pro" }, companies = { { company_id = "acme-1" }, { company_id = "new-co",
        name = "New Co" } } }
    assert.equal("POST /users", line(last()))
    assert.matches("^Basic ", last().headers.authorization)
    assert.equal("1.4", last().headers["intercom-version"])
    assert.equal("new-co", last().json.companies[2].company_id)
    assert.equal("user", u.type)
    assert.equal("v1-7", u.user_id)
    assert.equal("pro", u.custom_attributes.plan)
    assert.equal(2, #u.companies)
    assert.equal("New Co", u.companies[2].name)
    assert.equal("New Co", client.companies:find{ company_id = "new-co" }.name)
    -- the same user, seen by the 2.x API as a contact
    assert.equal("v1@example.com", client:get("/contacts/" .. u.id).email)
  end)

  it("updates the user POST /users identifies, and detaches companies with remove", function()
    local u = client.users:create{ email = "v1@example.com", companies = { { company_id = "acme-1" } } }
    local same = client.users:create{ email = "v1@example.com", name = "Named later",
      companies = { { company_id = "acme-1", remove = true } } }
    assert.equal(u.id, same.id)
    assert.equal("Named later", same.name)
    assert.equal(0, #same.companies)
  end)

  it("finds by id, email or user_id, and loads", function()
    local ann = client.users:find{ email = "ann@example.com" }
    assert.equal("GET /users", line(last()))
    assert.same({ email = "ann@example.com" }, last().query)
    assert.equal("u-1001", ann.user_id)
    assert.equal("Dublin", ann.location_data.city_name)
    assert.equal("VIP", ann.tags[1].name)
    assert.equal("Acme Corp", ann.companies[1].name)
    assert.equal(ann.id, client.users:find{ user_id = "u-1001" }.id)
    assert.same({ user_id = "u-1001" }, last().query)
    assert.equal(ann.id, client.users:find(ann.id).id)
    assert.equal("GET /users/" .. ann.id, line(last()))
    assert.equal(ann.id, client.users:find{ id = ann.id }.id)
    client:post("/users", { email = "ann@example.com", name = "Ann L." })
    assert.equal(ann, client.users:load(ann))
    assert.equal("Ann L.", ann.name)
    api_error("ResourceNotFound", function() client.users:find{ email = "nobody@example.com" } end)
  end)

  it("saves with POST /users: the changes plus id, email and user_id", function()
    local ann = client.users:find{ email = "ann@example.com" }
    ann.name = "Ann Lee-Smith"
    ann:increment("logins")
    assert.equal(ann, client.users:save(ann))
    assert.equal("POST /users", line(last()))
    assert.same({ id = ann.id, email = "ann@example.com", user_id = "u-1001", name = "Ann Lee-Smith",
      custom_attributes = { logins = 1 } }, last().json)
    assert.equal(1, client.users:find(ann.id).custom_attributes.logins)
    ann:decrement("logins")
    assert.equal(0, ann.custom_attributes.logins)
  end)

  it("walks every user across page links, asking for 60 at a time", function()
    make(62)
    local n = 0
    for u in client.users:all() do
      n = n + 1
      assert.equal("user", u.type)
    end
    assert.equal(66, n)
    local reqs = sandbox:requests()
    assert.same({ per_page = "60" }, reqs[#reqs - 1].query)
    assert.equal("GET /users", line(reqs[#reqs]))
    assert.same({ page = "2", per_page = "60" }, reqs[#reqs].query)
  end)

  it("lists by tag, by segment and with find_all", function()
    local emails = {}
    for u in client.users:by_tag("101") do emails[#emails + 1] = u.email end
    assert.same({ "ann@example.com" }, emails)
    assert.same({ tag_id = "101", per_page = "60" }, last().query)
    local pro = client.segments:all():to_array()[3] -- "Pro plan"
    emails = {}
    for u in client.users:by_segment(pro) do emails[#emails + 1] = u.email end
    assert.same({ "ann@example.com", "carla@example.org" }, emails)
    assert.equal(pro.id, last().query.segment_id)
    assert.equal(1, #client.users:find_all{ tag_id = "102" }:to_array())
  end)

  -- The API sends the same scroll_param on every page (intercom-ruby#452).
  it("scrolls in pages of 100 until an empty page", function()
    make(200)
    local n = 0
    for _ in client.users:scroll() do n = n + 1 end
    assert.equal(204, n)
    local reqs = sandbox:requests()
    assert.equal("GET /users/scroll", line(reqs[#reqs - 3]))
    assert.equal("", reqs[#reqs - 3].raw_query)
    local param = reqs[#reqs - 2].query.scroll_param
    assert.is_string(param)
    assert.equal(param, reqs[#reqs].query.scroll_param)
  end)

  it("deletes (archive is the same) and requests hard deletes", function()
    local bob = client.users:find{ email = "bob@example.com" }
    assert.equal(bob, client.users:delete(bob))
    assert.equal("DELETE /users/" .. bob.id, line(last()))
    api_error("ResourceNotFound", function() client.users:find(bob.id) end)
    local carla = client.users:find{ email = "carla@example.org" }
    assert.equal(carla, client.users:archive(carla))
    local dev = client.users:find{ email = "dev@example.net" }
    assert.equal(dev, client.users:request_hard_delete(dev))
    assert.equal("POST /user_delete_requests", line(last()))
    assert.same({ intercom_user_id = dev.id }, last().json)
    api_error("ResourceNotFound", function() client.users:find(dev.id) end)
    local ann = client.users:find{ email = "ann@example.com" }
    local answer = client.users:request_hard_delete(ann.id)
    assert.equal("integer", math.type(answer.id))
  end)

  it("submits bulk jobs with the gem's envelope, and appends to a job", function()
    local bob = client.users:find{ email = "bob@example.com" }
    local job = client.users:submit_bulk_job{
      create_items = { { email = "bulk1@example.com", name = "Bulk One" }, { user_id = "bulk-2" } },
      delete_items = { bob },
    }
    assert.equal("POST /bulk/users", line(last()))
    local body = last().json
    assert.equal(3, #body.items)
    assert.same({ method = "post", data_type = "user", data = { email = "bulk1@example.com", name = "Bulk One" } },
      body.items[1])
    assert.equal("delete", body.items[3].method)
    assert.equal(bob.id, body.items[3].data.id)
    assert.is_nil(body.job)
    assert.equal("job", job.type)
    assert.matches("^job_", job.id)
    assert.equal("Bulk One", client.users:find{ email = "bulk1@example.com" }.name)
    api_error("ResourceNotFound", function() client.users:find(bob.id) end)
    local again = client.users:submit_bulk_job{ create_items = { { email = "bulk3@example.com" } }, job_id = job.id }
    assert.same({ id = job.id }, last().json.job)
    assert.equal(job.id, again.id)
    assert.equal(2, #again.tasks)
    api_error("ResourceNotFound", function()
      client.users:submit_bulk_job{ create_items = { { email = "x@example.com" } }, job_id = "job_nope" }
    end)
  end)

  it("is a v1 endpoint: API 2.x answers 404", function()
    local modern = intercom.new{ token = "t", transport = sandbox:transport(), max_retries = 0 }
    api_error("ResourceNotFound", function() modern.users:find{ email = "ann@example.com" } end)
    api_error("ResourceNotFound", function() modern.users:create{ email = "x@example.com" } end)
    -- without an Intercom-Version the sandbox serves its own version, 2.15
    local unversioned = intercom.new{ token = "t", transport = sandbox:transport(), api_version = false,
      max_retries = 0 }
    api_error("ResourceNotFound", function() unversioned.users:find{ email = "ann@example.com" } end)
    assert.equal("u-1001", client.users:find{ email = "ann@example.com" }.user_id)
  end)

  it("refuses bad input before sending", function()
    bad_input(function() client.users:find{} end, "give an id, an email or a user_id")
    bad_input(function() client.users:find(false) end, "users:find")
    bad_input(function() client.users:create() end, "expected a table of arguments")
    bad_input(function() client.users:load("x") end, "'object' must be an intercom object")
    bad_input(function() client.users:delete(nil) end, "users:delete")
    bad_input(function() client.users:request_hard_delete{} end, "'user' must be an intercom object, an id")
    bad_input(function() client.users:submit_bulk_job{} end, "give create_items or delete_items")
    bad_input(function() client.users:submit_bulk_job{ create_items = { "x" } } end, "each of 'create_items'")
    bad_input(function() client.users:submit_bulk_job{ create_items = {}, job_id = false } end, "'job_id'")
    bad_input(function() client.users:by_tag() end, "users:by_tag")
    bad_input(function() client.users:find_all() end, "expected a table of arguments")
  end)
end)
