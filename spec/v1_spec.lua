-- The original Intercom API (api_version = "v1"): Basic auth, /v1/users,
-- notes, tags, impressions and message threads, against the sandbox's /v1/.
local intercom = require "intercom"
local safe = require "intercom.safe"
local harness = require "sandbox_harness"

describe("the v1 API", function()
  local client, sandbox
  local h = harness.new({ app_id = "v1-app", api_key = "v1-secret-key", api_version = "v1" },
    function(c, s) client, sandbox = c, s end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error

  local function seed(n)
    for i = 1, n do client.users:create{ email = ("u%d@example.com"):format(i), user_id = "u" .. i } end
  end

  it("sends Basic app_id:api_key under /v1/, and no Intercom-Version", function()
    assert.equal("https://api.intercom.io/v1", client.base_url)
    client.users:create{ email = "ann@example.com" }
    local req = last()
    assert.equal("POST /v1/users", line(req))
    assert.matches("^Basic ", req.headers.authorization)
    assert.not_matches("v1%-secret%-key", req.headers.authorization, 1, true) -- the journal redacts it
    assert.is_nil(req.headers["intercom-version"])
    assert.same({ email = "ann@example.com" }, req.json)
  end)

  it("users: create, find by email or user_id, update with PUT, delete", function()
    local u = client.users:create{ email = "ann@example.com", user_id = "25", name = "Ann",
      custom_data = { plan = "pro" } }
    assert.equal("user", u.type)
    assert.equal("Ann", u.name)
    assert.equal("pro", u.custom_data.plan)
    assert.equal(u.intercom_id, client.users:find{ email = "ann@example.com" }.intercom_id)
    assert.equal("GET /v1/users", line(last()))
    assert.equal("ann%40example.com", last().raw_query:match("email=([^&]+)"))
    assert.equal("Ann", client.users:find{ user_id = "25" }.name)
    local updated = client.users:update{ user_id = "25", name = "Ann B" }
    assert.equal("PUT /v1/users", line(last()))
    assert.equal("Ann B", updated.name)
    assert.equal("Ann B", client.users:delete{ email = "ann@example.com" }.name)
    assert.equal("DELETE /v1/users", line(last()))
    local err = api_error("ResourceNotFound", function() client.users:find{ user_id = "25" } end, 404)
    assert.equal("not_found", err.code)
    assert.equal("User Not Found", err.message)
  end)

  it("users:all pages by number, lazily, with tag_id or tag_name", function()
    seed(5)
    local emails = {}
    sandbox:clear_requests()
    for u in client.users:all{ per_page = 2 } do emails[#emails + 1] = u.email end
    assert.equal(5, #emails)
    local pages = {}
    for i, req in ipairs(sandbox:requests()) do pages[i] = req.raw_query end
    assert.same({ "per_page=2", "page=2&per_page=2", "page=3&per_page=2" }, pages)
    sandbox:clear_requests()
    assert.equal("u1@example.com", client.users:all{ per_page = 2 }:first().email)
    assert.equal(1, #sandbox:requests()) -- first() stops after one page
    local tag = client.tags:create{ name = "vip", user_ids = { "u2", "u4" } }
    local by_name, by_id = {}, {}
    for u in client.users:all{ tag_name = "vip" } do by_name[#by_name + 1] = u.user_id end
    for u in client.users:all{ tag_id = tag.id } do by_id[#by_id + 1] = u.user_id end
    assert.same({ "u2", "u4" }, by_name)
    assert.same({ "u2", "u4" }, by_id)
  end)

  it("notes: POST /v1/users/notes with email or user_id and body", function()
    seed(1)
    local note = client.notes:create{ user_id = "u1", body = "Called about billing" }
    assert.equal("POST /v1/users/notes", line(last()))
    assert.equal("<p>Called about billing</p>", note.html)
    assert.equal("u1@example.com", note.user.email)
    bad_input(function() client.notes:create{ body = "x" } end, "give an email or a user_id")
    bad_input(function() client.notes:create{ user_id = "u1" } end, "'body'")
  end)

  it("tags: find by name, create with color and users, update with PUT, untag", function()
    seed(3)
    local t = client.tags:create{ name = "Beta", color = "blue", emails = { "u1@example.com", "u2@example.com" } }
    assert.equal("POST /v1/tags", line(last()))
    assert.same({ "Beta", "blue", 2 }, { t.name, t.color, t.tagged_user_count })
    assert.equal(t.id, client.tags:find{ name = "Beta" }.id)
    assert.equal("GET /v1/tags", line(last()))
    local u = client.tags:update{ name = "Beta", color = "red", user_ids = { "u1" }, tag_or_untag = "untag" }
    assert.equal("PUT /v1/tags", line(last()))
    assert.same({ "red", 1 }, { u.color, u.tagged_user_count })
    local tags = client.users:find{ user_id = "u2" }.tags
    assert.same({ 1, "Beta" }, { #tags, tags[1] })
    api_error("ResourceNotFound", function() client.tags:find{ name = "None" } end, 404)
    api_error("BadRequestError", function() client.tags:create{ name = "X", color = "plaid" } end, 400)
  end)

  it("impressions: answer unread_messages; message threads: list, find, create, reply, read", function()
    seed(1)
    local who = { email = "u1@example.com" }
    local th = client.message_threads:create{ email = who.email, body = "Hello?", url = "https://app.example/p" }
    assert.equal("POST /v1/users/message_threads", line(last()))
    assert.equal("message_thread", th.type)
    assert.equal("<p>Hello?</p>", th.messages[1].html)
    local again = client.message_threads:find{ email = who.email, thread_id = th.thread_id }
    assert.equal(th.thread_id, again.thread_id)
    assert.equal(tostring(th.thread_id), last().raw_query:match("thread_id=(%d+)"))
    local replied = client.message_threads:reply{ email = who.email, thread_id = th.thread_id, body = "More",
      read = false }
    assert.equal("PUT /v1/users/message_threads", line(last()))
    assert.equal(2, #replied.messages)
    local imp = client.impressions:create{ email = who.email, user_ip = "192.0.2.1", user_agent = "UA/1",
      current_url = "https://app.example/p" }
    assert.equal("POST /v1/users/impressions", line(last()))
    assert.equal(1, imp.unread_messages)
    client.message_threads:reply{ email = who.email, thread_id = th.thread_id, read = true }
    assert.equal(0, client.impressions:create(who).unread_messages)
    local all = client.message_threads:all(who)
    assert.equal(1, #all)
    assert.equal("message_thread", all[1].type)
    assert.equal("192.0.2.1", client.users:find(who).last_seen_ip)
  end)

  it("maps v1 error bodies to the error classes: 400, 401, 402, 404, 5xx", function()
    local err = api_error("BadRequestError", function() client.users:create{ email = "not-an-email" } end, 400)
    assert.same({ "bad_request", "email is invalid" }, { err.code, err.message })
    local v2 = intercom.new{ token = "t", transport = sandbox:transport(), max_retries = 0 }
    err = api_error("AuthenticationError", function() v2:get("/v1/users") end, 401)
    assert.equal("unauthorized", err.code)
    sandbox:fault{ route = "POST /v1/users", status = 402, times = 1,
      body = '{"error":{"type":"request_failed","message":"The request could not be completed"}}' }
    err = api_error("BadRequestError", function() client.users:create{ email = "a@example.com" } end, 402)
    assert.same({ "request_failed", "The request could not be completed" }, { err.code, err.message })
    sandbox:fault{ route = "GET /v1/users", status = 503, times = 1,
      body = '{"error":{"type":"service_unavailable","message":"Down"}}' }
    api_error("ServiceUnavailableError", function() client.users:find{ email = "a@example.com" } end, 503)
    err = api_error("ResourceNotFound", function() client:get("/nothing/here") end, 404)
    assert.equal("not_found", err.code)
  end)

  it("the dummy app answers every call but persists nothing", function()
    local dummy = intercom.new{ app_id = "dummy-app-id", api_key = "any", api_version = "v1",
      transport = sandbox:transport() }
    local u = dummy.users:create{ email = "ghost@example.com", name = "Ghost" }
    assert.equal("Ghost", u.name)
    api_error("ResourceNotFound", function() dummy.users:find{ email = "ghost@example.com" } end, 404)
    assert.is_nil(dummy.tags:create{ name = "t" }.nothing)
    api_error("ResourceNotFound", function() dummy.tags:find{ name = "t" } end, 404)
    assert.equal(0, #dummy.users:all():to_array())
  end)

  it("checks arguments and options before sending", function()
    bad_input(function() client.users:find{} end, "give an email or a user_id")
    bad_input(function() client.users:find() end, "'arguments'")
    bad_input(function() client.tags:find{} end, "'name'")
    bad_input(function() client.message_threads:find{ email = "a@example.com" } end, "'thread_id'")
    local ok, err = pcall(intercom.new, { token = "t", api_version = "v1" })
    assert.is_false(ok)
    assert.equal("MisconfiguredClientError", err.class)
    assert.matches('api_version "v1" authenticates with app_id and api_key', err.message, 1, true)
    local v, e = safe.new{ token = "t", api_version = "v1" }
    assert.is_nil(v)
    assert.equal("MisconfiguredClientError", e.class)
  end)

  it("has the v1 services only; other versions keep theirs", function()
    assert.is_nil(client.contacts)
    assert.is_nil(client.conversations)
    assert.is_not_nil(client.impressions)
    local v14 = intercom.new{ app_id = "a", api_key = "b", api_version = "1.4", transport = sandbox:transport() }
    assert.is_nil(v14.impressions)
    assert.is_not_nil(v14.users.scroll) -- the 1.x users service
    assert.is_nil(client.users.scroll)
  end)
end)

describe("the v1 API over HTTP (libcurl)", function()
  local client
  harness.new({ app_id = "v1-app", api_key = "k", api_version = "v1" }, function(c) client = c end, { http = true })

  it("works end to end", function()
    assert.equal("Zed", client.users:create{ email = "zed@example.com", name = "Zed" }.name)
    assert.equal("Zed", client.users:find{ email = "zed@example.com" }.name)
  end)
end)
