-- The request path under hostile input (issue 6): page links, dot ids,
-- header injection, base_url userinfo, odd error bodies, endless sleeps,
-- tiny timeouts, the token in freed memory, and user callbacks.
local intercom = require "intercom"
local core = require "intercom.core"
local fake_transport = require "fake_transport"
local sandbox_module = require "intercom.sandbox"
local socket = require "socket"

local TOKEN = "tok_fake_1234567890"

local function raises(class, fn, ...)
  local ok, err = pcall(fn, ...)
  assert.is_false(ok, "expected an error")
  assert.is_true(core.is_error(err), "expected an intercom.Error, got " .. tostring(err))
  assert.equal(class, err.class, err.message)
  return err
end

local function company_page(next_link)
  return { status = 200, body = { type = "company.list", data = { { type = "company", id = "c1" } },
    pages = { type = "pages", page = 1, total_pages = 2, next = next_link } } }
end

-- Iterates client.companies:all() and returns the items and the error that ended it.
local function walk(client)
  local items = {}
  local ok, err = pcall(function()
    for company in client.companies:all() do items[#items + 1] = company end
  end)
  return items, (not ok) and err or nil
end

describe("page links", function()
  for _, link in ipairs({ "@127.0.0.1:9/steal", ".evil.example/x", "evil.example/x", "?page=2",
    "https://other.host/companies?page=2", "https://api.example.test.evil.example/companies",
    "https://x@api.example.test/companies?page=2", "http://api.example.test/companies?page=2",
    "https://api.example.test:8443/companies?page=2", "//evil.example/companies",
    "ftp://api.example.test/companies", "/companies/../admins", "/companies/%2E%2E/admins",
    "/companies\r\nX-Evil: 1" }) do
    it(("stop with an UnexpectedResponseError, nothing sent, for %q"):format(link), function()
      local fake = fake_transport.new({ company_page(link) })
      local client = fake_transport.client(fake)
      local items, err = walk(client)
      assert.equal(1, #items) -- the page that carried the link is still delivered
      assert.equal(1, #fake.requests)
      assert.is_true(core.is_error(err), tostring(err))
      assert.equal("UnexpectedResponseError", err.class)
      assert.matches("page link", err.message, 1, true)
      assert.is_nil(err.message:find(TOKEN, 1, true))
    end)
  end

  it("name the bad link, without any userinfo it carries", function()
    local fake = fake_transport.new({ company_page("https://user:hunter2@api.example.test/companies") })
    local _, err = walk(fake_transport.client(fake))
    assert.is_nil(err.message:find("hunter2", 1, true))
    fake = fake_transport.new({ company_page(".evil.example/x") })
    _, err = walk(fake_transport.client(fake))
    assert.matches(".evil.example/x", err.message, 1, true)
  end)

  it("end a safe-mode loop with false, err", function()
    local fake = fake_transport.new({ company_page("@127.0.0.1:9/steal") })
    local client = fake_transport.client(fake, { safe_api = true })
    local seen, failure = 0, nil
    for item, err in client.companies:all() do
      if not item then failure = err break end
      seen = seen + 1
    end
    assert.equal(1, seen)
    assert.equal("UnexpectedResponseError", failure.class)
  end)

  for _, case in ipairs({
    { "https://api.example.test/companies?page=2", "https://api.example.test/companies?page=2" },
    { "HTTPS://API.Example.TEST:443/companies?page=2", "https://api.example.test/companies?page=2" },
    { "/companies?page=2", "https://api.example.test/companies?page=2" },
  }) do
    it(("follow a link on the configured origin: %s"):format(case[1]), function()
      local fake = fake_transport.new({ company_page(case[1]), { status = 200, body = { type = "company.list",
        data = { { type = "company", id = "c2" } }, pages = { type = "pages", page = 2, total_pages = 2 } } } })
      local items, err = walk(fake_transport.client(fake))
      assert.is_nil(err)
      assert.equal(2, #items)
      assert.equal(case[2], fake.requests[2].url)
    end)
  end

  it("keep a base_url path prefix", function()
    local fake = fake_transport.new({ company_page("http://127.0.0.1:1/prefix/companies?page=2"), {} })
    local client = fake_transport.client(fake, { base_url = "http://127.0.0.1:1/prefix" })
    walk(client)
    assert.equal("http://127.0.0.1:1/prefix/companies?page=2", fake.requests[2].url)
  end)

  it("never carry the token to another port over libcurl", function()
    local thief = assert(socket.bind("127.0.0.1", 0))
    local _, port = thief:getsockname()
    local sandbox = sandbox_module.start{ port = 0 }
    local ok, err = pcall(function()
      local link = "@127.0.0.1:" .. port .. "/steal"
      sandbox:fault{ route = "GET /companies", status = 200, body = core.json_encode({ type = "company.list",
        data = { { type = "company", id = "c1" } },
        pages = { type = "pages", page = 1, total_pages = 2, next = link } }) }
      local client = intercom.new{ token = TOKEN, base_url = sandbox.url, max_retries = 0, timeout = 0.5 }
      local _, walk_err = walk(client)
      client:close()
      thief:settimeout(0)
      local conn = thief:accept()
      local stolen = conn and conn:receive("*l")
      assert.is_nil(stolen, "a request reached another port: " .. tostring(stolen))
      assert.equal("UnexpectedResponseError", walk_err.class)
    end)
    sandbox:stop()
    thief:close()
    assert(ok, err)
  end)
end)

describe("the escape hatch", function()
  for _, path in ipairs({ "https://other.host/x", "https://api.example.test@other.host/x",
    "https://user:pw@api.example.test/x", "http://api.example.test/me" }) do
    it(("refuses %q with ArgumentError, nothing sent"):format(path), function()
      local fake = fake_transport.new({})
      local client = fake_transport.client(fake)
      local err = raises("ArgumentError", client.get, client, path)
      assert.equal(0, #fake.requests)
      assert.is_nil(err.message:find(":pw@", 1, true))
    end)
  end

  for _, path in ipairs({ "/contacts/..", "/contacts/.", "/contacts/../admins", "/./me", "/contacts/%2e%2E",
    "/tags/..?x=1" }) do
    it(("refuses the dot segments of %q"):format(path), function()
      local fake = fake_transport.new({})
      local client = fake_transport.client(fake)
      raises("ArgumentError", client.delete, client, path)
      assert.equal(0, #fake.requests)
    end)
  end

  it("takes an absolute URL on the configured origin, and a query in the path", function()
    local fake = fake_transport.new({})
    local client = fake_transport.client(fake)
    client:get("https://api.example.test/me")
    client:get("/contacts?per_page=1", { starting_after = "x" })
    client:get("/contacts/..x")
    assert.equal("https://api.example.test/me", fake.requests[1].url)
    assert.equal("https://api.example.test/contacts?per_page=1&starting_after=x", fake.requests[2].url)
    assert.equal("https://api.example.test/contacts/..x", fake.requests[3].url)
  end)
end)

describe("client:perform and client:start (the core's own requests)", function()
  -- Lua code that calls the core itself still cannot send the token off the
  -- client's base_url: a listener on another port sees nothing.
  local function refused(client, base, url)
    for _, method in ipairs({ "perform", "start" }) do
      local err = raises("ArgumentError", client[method], client, "GET", url)
      assert.equal(("client:%s: the URL is not under this client's base_url %s (the token is sent nowhere else)")
        :format(method, base), err.message)
      assert.is_nil(err.message:find(TOKEN, 1, true))
    end
  end

  it("refuse a URL that is not under base_url, sending nothing", function()
    local thief = assert(socket.bind("127.0.0.1", 0))
    local _, port = thief:getsockname()
    local base = "http://127.0.0.1:" .. port .. "/prefix"
    local other = "http://127.0.0.1:" .. (port == 65535 and 65534 or port + 1)
    local client = intercom.new{ token = TOKEN, base_url = base, max_retries = 0, timeout = 0.5 }
    for _, url in ipairs({ other .. "/prefix/me", base, base .. "x/me", base .. "@127.0.0.2/me",
      "http://127.0.0.1:" .. port .. "/me", "HTTP://127.0.0.1:" .. port .. "/prefix/me" }) do
      refused(client, base, url)
    end
    thief:settimeout(0)
    assert.is_nil(thief:accept(), "a connection reached the listener")
    -- under base_url, the request goes out (to the listener, which never answers: a timeout)
    local status, kind = client:perform("GET", base .. "/me")
    assert.is_nil(status)
    assert.equal("timeout", kind)
    client:close()
    thief:settimeout(5)
    local conn = assert(thief:accept(), "the request under base_url did not come")
    assert.equal("GET /prefix/me HTTP/1.1", conn:receive("*l"))
    conn:close()
    thief:close()
  end)
end)

describe("ids '.' and '..'", function()
  local function contact_client()
    local fake = fake_transport.new({ { status = 200, body = { type = "contact", id = "ann" } } })
    local client = fake_transport.client(fake)
    return client, fake, client.contacts:find("ann")
  end

  it("are refused by a nested remove_tag, naming the argument", function()
    for _, id in ipairs({ "..", "." }) do
      local _, fake, ann = contact_client()
      local err = raises("ArgumentError", ann.remove_tag, ann, id)
      assert.matches("'id'", err.message, 1, true)
      assert.equal(1, #fake.requests) -- the find only
    end
  end)

  it("are refused by tags:delete and contacts:find", function()
    local fake = fake_transport.new({})
    local client = fake_transport.client(fake)
    assert.matches("'id'", raises("ArgumentError", client.tags.delete, client.tags, "..").message, 1, true)
    raises("ArgumentError", client.contacts.find, client.contacts, ".")
    raises("ArgumentError", client.contacts.find, client.contacts, { id = ".." })
    assert.equal(0, #fake.requests)
  end)

  it("are refused as the id of the object a method acts on", function()
    local fake = fake_transport.new({ { status = 200, body = { type = "contact", id = ".." } } })
    local client = fake_transport.client(fake)
    local odd = client.contacts:find("x")
    raises("ArgumentError", odd.remove_tag, odd, "t1")
    odd.name = "changed"
    raises("ArgumentError", client.contacts.save, client.contacts, odd)
    assert.equal(1, #fake.requests)
  end)

  it("other ids with dots are escaped and sent", function()
    local fake = fake_transport.new({})
    local client = fake_transport.client(fake)
    client.tags:delete("...")
    client.tags:delete("a.b")
    assert.equal("https://api.example.test/tags/...", fake.requests[1].url)
    assert.equal("https://api.example.test/tags/a.b", fake.requests[2].url)
  end)
end)

describe("header injection", function()
  for _, option in ipairs({ "token", "app_id", "api_key", "user_agent" }) do
    for _, bad in ipairs({ "\r\nX-Evil: 1", "\nX-Evil: 1", "a\0b" }) do
      it(("refuses a control character in %s (%q)"):format(option, bad), function()
        local opts = { base_url = "https://api.example.test" }
        if option == "app_id" or option == "api_key" then
          opts.app_id, opts.api_key = "app", "key"
        else
          opts.token = "tok"
        end
        opts[option] = TOKEN .. bad
        local err = raises("MisconfiguredClientError", intercom.new, opts)
        assert.matches("'" .. option .. "'", err.message, 1, true)
        if option ~= "user_agent" then assert.is_nil(err.message:find("1234567890", 1, true)) end
      end)
    end
  end

  it("never echoes a secret option's value, even when it is merely empty or of the wrong type", function()
    local err = raises("MisconfiguredClientError", intercom.new, { app_id = TOKEN, api_key = 42 })
    assert.is_nil(err.message:find("1234567890", 1, true))
  end)

  it("refuses NUL in a custom header value", function()
    raises("MisconfiguredClientError", intercom.new, { token = "t", headers = { ["X-A"] = "a\0b" } })
    raises("MisconfiguredClientError", intercom.new, { token = "t", headers = { ["X-A"] = "a\rb" } })
  end)
end)

describe("base_url", function()
  for _, u in ipairs({ "http://localhost:80@192.0.2.10", "http://127.0.0.1@192.0.2.10/x",
    "https://user:pw@api.intercom.io", "http://[::1]@192.0.2.10", "https://api.intercom.io?x=1",
    "https://api.intercom.io#frag", "https://api.intercom.io:port", "https://:443", "http:///x",
    "https://api.intercom.io\\@evil.example", "https://api.intercom.io:99999" }) do
    it(("refuses %q"):format(u), function()
      local err = raises("MisconfiguredClientError", intercom.new, { token = "t", base_url = u })
      assert.is_nil(err.message:find("pw", 1, true))
    end)
  end

  for _, u in ipairs({ "http://localhost:8080", "http://127.0.0.1:1/prefix/", "http://[::1]:8080",
    "https://API.Intercom.IO", "https://[2001:db8::1]:8443", "http://LOCALHOST" }) do
    it(("accepts %q"):format(u), function()
      intercom.new{ token = "t", base_url = u }:close()
    end)
  end

  it("still refuses plain http to a host that is not loopback", function()
    raises("MisconfiguredClientError", intercom.new, { token = "t", base_url = "http://[2001:db8::1]" })
    raises("MisconfiguredClientError", intercom.new, { token = "t", base_url = "http://127.0.0.1.evil.example" })
  end)
end)

describe("error bodies with odd fields", function()
  local function answer(errors, extra)
    local body = { type = "error.list", errors = errors }
    for k, v in pairs(extra or {}) do body[k] = v end
    return { status = 400, body = body, headers = { ["x-request-id"] = "hdr-id" } }
  end

  for _, case in ipairs({
    { "code null", { { code = intercom.null, message = "m" } } },
    { "code a table", { { code = { 1 }, message = "m" } } },
    { "code a number", { { code = 7, message = "m" } } },
    { "type null", { { type = intercom.null, message = "m" } } },
    { "message a table", { { code = "parameter_invalid", message = { "x" } } } },
    { "field a table", { { code = "parameter_invalid", field = { 1 } } } },
    { "request_id a table", { { code = "parameter_invalid" } }, { request_id = { 1 } } },
  }) do
    it("treat " .. case[1] .. " as absent", function()
      for _, safe_api in ipairs({ false, true }) do
        local fake = fake_transport.new({ answer(case[2], case[3]) })
        local client = fake_transport.client(fake, { safe_api = safe_api })
        local ok, value, err = pcall(client.get, client, "/me")
        if safe_api then
          assert.is_true(ok, tostring(value))
          assert.is_nil(value)
        else
          assert.is_false(ok)
          err = value
        end
        assert.is_true(core.is_error(err), tostring(err))
        assert.equal("BadRequestError", err.class)
        for _, f in ipairs({ "code", "message", "field", "request_id" }) do
          assert.is_true(err[f] == nil or type(err[f]) == "string", f)
        end
        assert.equal("string", type(err.message))
      end
    end)
  end

  it("still use the string fields", function()
    local fake = fake_transport.new({ answer({ { code = "not_found", message = "Gone", field = "id" } },
      { request_id = "body-id" }) })
    local client = fake_transport.client(fake)
    local err = raises("ResourceNotFound", client.get, client, "/me")
    assert.same({ "not_found", "Gone", "id", "body-id" }, { err.code, err.message, err.field, err.request_id })
  end)
end)

describe("waits", function()
  for _, option in ipairs({ "retry_delay", "max_retry_delay", "timeout", "connect_timeout" }) do
    for _, bad in ipairs({ math.huge, -math.huge, 0 / 0, 1e12 }) do
      it(("refuse %s = %s"):format(option, tostring(bad)), function()
        local err = raises("MisconfiguredClientError", intercom.new, { token = "t", [option] = bad })
        assert.matches("'" .. option .. "'", err.message, 1, true)
      end)
    end
  end

  it("are finite and bounded whatever Retry-After says", function()
    for _, retry_after in ipairs({ "1e19", "1e999", "-1e999", 0 / 0, math.huge }) do
      local fake = fake_transport.new({ { status = 503, headers = { ["retry-after"] = retry_after } }, {} })
      local client = fake_transport.client(fake, { max_retry_delay = 3600 })
      client:get("/me")
      local s = fake.sleeps[1]
      assert.is_true(s == s and s >= 0 and s <= 3600, tostring(retry_after) .. " gave " .. tostring(s))
    end
    for _, retry_after in ipairs({ "1e19", 0 / 0 }) do
      local fake = fake_transport.new({ { status = 429, headers = { ["retry-after"] = retry_after } }, {} })
      local client = fake_transport.client(fake, { handle_rate_limit = true })
      client:get("/me")
      local s = fake.sleeps[1]
      assert.is_true(s == s and s >= 0 and s <= 60, tostring(retry_after) .. " gave " .. tostring(s))
    end
  end)

  -- In a child process with a time limit: before the fix these spun forever.
  local function sleep_in_child(arg)
    local script = ("local core = require 'intercom.core'; local ok, err = pcall(core.sleep, %s); "
      .. "io.write(ok and 'returned' or (core.is_error(err) and err.class or tostring(err)))"):format(arg)
    -- the plain build, without the sanitizer run's preload (the child is not instrumented)
    local cmd = ("env -u LD_PRELOAD -u ASAN_OPTIONS timeout 5 lua5.4 "
      .. "-e \"package.path='lua/?.lua;lua/?/init.lua;'..package.path; "
      .. "package.cpath='build/?.so;'..package.cpath\" -e %q 2>&1"):format(script)
    local p = io.popen(cmd)
    local out = p:read("*a")
    p:close()
    return out
  end

  it("core.sleep refuses non-finite and huge values instead of spinning", function()
    assert.equal("ArgumentError", sleep_in_child("1e19"))
    assert.equal("ArgumentError", sleep_in_child("0/0"))
    assert.equal("ArgumentError", sleep_in_child("math.huge"))
    assert.equal("returned", sleep_in_child("0.01"))
    assert.equal("returned", sleep_in_child("-1"))
  end)
end)

describe("timeouts", function()
  local sandbox
  setup(function() sandbox = sandbox_module.start{ port = 0 } end)
  teardown(function() sandbox:stop() end)

  it("below a millisecond still time out (libcurl reads 0 ms as none)", function()
    sandbox:reset()
    sandbox:fault{ route = "GET /me", delay = 0.3 }
    local client = intercom.new{ token = "t", base_url = sandbox.url, max_retries = 0, timeout = 0.0005 }
    local ok, err = pcall(client.get, client, "/me")
    client:close()
    assert.is_false(ok, "no timeout: 0.0005 s became 0 ms")
    -- 1 ms may run out while connecting, on a busy machine
    assert.is_true(err.class == "ReadTimeoutError" or err.class == "ConnectTimeoutError", tostring(err))
  end)
end)

describe("the token in memory", function()
  -- Runs a Lua chunk in a child process whose free() reports every freed
  -- block that still holds the Authorization line (spec/support/free_scan.c).
  local dir
  setup(function()
    dir = os.tmpname()
    os.remove(dir)
    assert(os.execute("mkdir -p " .. dir))
    assert(os.execute(("env -u LD_PRELOAD cc -shared -fPIC -O1 -o %s/free_scan.so spec/support/free_scan.c")
      :format(dir)))
  end)
  teardown(function() os.execute("rm -rf " .. dir) end)

  local function freed_copies(chunk, marker)
    local cmd = ("env -u ASAN_OPTIONS LD_PRELOAD=%s/free_scan.so FREE_SCAN_MARKER='%s' "
      .. "lua5.4 -e \"package.path='lua/?.lua;lua/?/init.lua;'..package.path; "
      .. "package.cpath='build/?.so;'..package.cpath\" "
      .. "-e %q 2>&1"):format(dir, marker or ("Bearer " .. TOKEN), chunk)
    local p = io.popen(cmd)
    local out = p:read("*a")
    p:close()
    local n = out:match("free_scan: (%d+) freed block")
    assert(n, "no report from the scanner: " .. out)
    return tonumber(n)
  end

  it("is scrubbed from the header lists on close()", function()
    assert.equal(0, freed_copies(("local c = require('intercom').new{ token = %q }; c:close()"):format(TOKEN)))
  end)

  it("is scrubbed from a request's own header list", function()
    -- a refused connection: libcurl never builds the request, only our list held the line
    assert.equal(0, freed_copies(("local c = require('intercom').new{ token = %q, base_url = 'http://127.0.0.1:1' }; "
      .. "c:perform('GET', 'http://127.0.0.1:1/me', nil, { 'Accept: text/plain' }); c:close()"):format(TOKEN)))
  end)

  it("is scrubbed for HTTP Basic auth too (app_id:api_key and its base64)", function()
    local chunk = "require('intercom').new{ app_id = 'app_scrub_id', api_key = 'key_scrub_secret' }:close()"
    assert.equal(0, freed_copies(chunk, "app_scrub_id:key_scrub_secret"))
    assert.equal(0, freed_copies(chunk, "Basic YXBwX3NjcnViX2lkOmtleV9zY3J1Yl9zZWNyZXQ="))
  end)

  it("sees a freed copy when there is one (so the checks above can fail)", function()
    assert.is_true(freed_copies(("local s = ('Bearer ' .. %q) .. '!'; s = nil; collectgarbage()"):format(TOKEN)) >= 1)
  end)
end)

describe("user callbacks", function()
  it("an error in log does not turn a sent POST into an error, nor send it twice", function()
    local fake = fake_transport.new({ { status = 200, body = { type = "contact", id = "new" } } })
    local calls = 0
    local client = fake_transport.client(fake, { log = function() calls = calls + 1 error("log broke") end })
    local c = client.contacts:create{ email = "a@b.c", role = "user" }
    assert.equal("new", c.id)
    assert.equal(1, #fake.requests)
    assert.equal(1, calls)
  end)

  it("an error in log does not hide the request's own error", function()
    local fake = fake_transport.new({ { status = 404, body = { type = "error.list",
      errors = { { code = "not_found", message = "Contact Not Found" } } } } })
    local client = fake_transport.client(fake, { log = function() error({ "not a string" }) end })
    raises("ResourceNotFound", client.contacts.find, client.contacts, "x")
  end)
end)

describe("collection:to_array", function()
  for _, limit in ipairs({ 0 / 0, 1.5, -1, "3" }) do
    it(("refuses limit %s before any request"):format(tostring(limit)), function()
      local fake = fake_transport.new({})
      local client = fake_transport.client(fake)
      local err = raises("ArgumentError", client.contacts:all().to_array, client.contacts:all(), limit)
      assert.matches("limit", err.message, 1, true)
      assert.equal(0, #fake.requests)
    end)
  end

  it("takes whole numbers, and math.huge for all", function()
    local page = { status = 200, body = { type = "list", data = { { type = "contact", id = "1" },
      { type = "contact", id = "2" } } } }
    local fake = fake_transport.new({ page, page })
    local client = fake_transport.client(fake)
    assert.equal(1, #client.contacts:all():to_array(1.0))
    assert.equal(2, #client.contacts:all():to_array(math.huge))
  end)
end)
