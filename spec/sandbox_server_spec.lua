-- The sandbox as a server: start/stop, ports, headers on every response,
-- auth, versions, malformed requests, and the C front's robustness.
local core = require "intercom.core"
local front = require "intercom.sandbox.front"
local http = require "http"
local sandbox = require "intercom.sandbox"

describe("sandbox server", function()
  it("binds an ephemeral port and reports it", function()
    local sb = sandbox.start { port = 0 }
    assert.is_true(sb.port > 0 and sb.port < 65536)
    assert.equal("http://127.0.0.1:" .. sb.port, sb.url)
    local res = http.get(sb, "/me")
    assert.equal(200, res.status)
    assert.equal("admin", res.json.type)
    sb:stop()
  end)

  it("answers nothing after stop, and stop is idempotent", function()
    local sb = sandbox.start { port = 0 }
    assert.equal(200, http.get(sb, "/me").status)
    sb:stop()
    sb:stop()
    local res, kind = http.request(sb, "GET", "/me")
    assert.is_nil(res)
    assert.equal("connect", kind)
    assert.is_false(sb:running())
    assert.has_error(function() sb:requests() end)
  end)

  it("runs two sandboxes at once with separate state", function()
    local a = sandbox.start { port = 0, seed = false }
    local b = sandbox.start { port = 0, seed = false }
    assert.are_not.equal(a.port, b.port)
    http.post(a, "/contacts", { email = "only-in-a@example.com" })
    assert.equal(1, http.get(a, "/contacts").json.total_count)
    assert.equal(0, http.get(b, "/contacts").json.total_count)
    a:stop()
    assert.equal(200, http.get(b, "/me").status) -- b is unaffected by a's stop
    b:stop()
  end)

  it("stops when closed as a to-be-closed variable", function()
    local url
    do
      local sb <close> = sandbox.start { port = 0 }
      url = sb.url
      assert.equal(200, http.get(sb, "/me").status)
    end
    assert.is_nil(http.request({ url = url }, "GET", "/me"))
  end)

  it("stops when the handle is garbage collected", function()
    local url = sandbox.start { port = 0 }.url
    collectgarbage()
    collectgarbage()
    assert.is_nil(http.request({ url = url }, "GET", "/me"))
  end)

  it("refuses a port already in use with a clear error", function()
    local sb = sandbox.start { port = 0 }
    assert.has_error(function() sandbox.start { port = sb.port } end)
    sb:stop()
  end)

  it("refuses bad options", function()
    assert.has_error(function() front.start { port = 70000 } end, "front.start: port 70000 is out of range")
    assert.has_error(function() front.start { host = "not a host" } end,
      "front.start: host must be an IP address or localhost, not 'not a host'")
    local ok, err = pcall(front.start, { module = "intercom.sandbox.no_such_module",
      path = package.path, cpath = package.cpath })
    assert.is_false(ok)
    assert.matches("no_such_module", err, 1, true)
  end)

  it("is a module of its own: the client's core carries no HTTP server", function()
    assert.is_nil(rawget(core, "sandbox_start"))
    assert.equal("function", type(front.start))
  end)

  describe("every response", function()
    local sb
    setup(function() sb = sandbox.start { port = 0 } end)
    teardown(function() sb:stop() end)

    it("is JSON with a request id", function()
      for _, path in ipairs { "/me", "/nope", "/contacts/000000000000000000000000" } do
        local res = http.get(sb, path)
        assert.equal("application/json; charset=utf-8", res.headers["content-type"])
        assert.matches("^%x+%-%x+%-4%x+%-%x+%-%x+$", res.headers["x-request-id"])
        assert.is_table(res.json)
      end
    end)

    it("gives distinct request ids, echoed in error bodies", function()
      local a, b = http.get(sb, "/nope"), http.get(sb, "/nope")
      assert.are_not.equal(a.headers["x-request-id"], b.headers["x-request-id"])
      assert.equal(a.headers["x-request-id"], a.json.request_id)
    end)

    it("answers an unknown route with a 404 error.list, never HTML", function()
      local res = http.get(sb, "/definitely/not/a/route")
      assert.equal(404, res.status)
      assert.equal("error.list", res.json.type)
      assert.equal("not_found", res.json.errors[1].code)
    end)

    it("answers a known path with the wrong method with a 404 error.list", function()
      local res = http.request(sb, "PATCH", "/contacts", "{}")
      assert.equal(404, res.status)
      assert.equal("not_found", res.json.errors[1].code)
      res = http.delete(sb, "/contacts")
      assert.equal(404, res.status)
    end)

    it("refuses a body that is not JSON with 400 bad_request", function()
      local res = http.post(sb, "/contacts", "{not json")
      assert.equal(400, res.status)
      assert.equal("bad_request", res.json.errors[1].code)
    end)

    it("refuses a body over 8 MB with 413", function()
      local res = http.post(sb, "/contacts", string.rep("x", 8 * 1024 * 1024 + 10))
      assert.equal(413, res.status)
      assert.equal("error.list", res.json.type)
    end)

    it("keeps the query string exact and path segments decoded", function()
      local res = http.get(sb, "/contacts/find_by_external_id/a%2Fb%20c")
      assert.equal(404, res.status)
      local last = sb:requests()
      last = last[#last]
      assert.equal("/contacts/find_by_external_id/a%2Fb%20c", last.path)
    end)
  end)

  describe("authentication", function()
    it("accepts any bearer token when started without one", function()
      local sb = sandbox.start { port = 0 }
      assert.equal(200, http.get(sb, "/me", { token = "whatever-you-like" }).status)
      sb:stop()
    end)

    it("accepts only the configured token when given one", function()
      local sb = sandbox.start { port = 0, token = "the_right_token_123456" }
      assert.equal(200, http.get(sb, "/me", { token = "the_right_token_123456" }).status)
      local res = http.get(sb, "/me", { token = "a_wrong_token_1234567" })
      assert.equal(401, res.status)
      assert.equal("unauthorized", res.json.errors[1].code)
      assert.equal("Access Token Invalid", res.json.errors[1].message)
      assert.is_nil(res.headers["x-ratelimit-limit"]) -- no rate headers without valid credentials
      sb:stop()
    end)

    it("answers a request without Authorization with 401", function()
      local sb = sandbox.start { port = 0 }
      local status, headers, body = http.raw(sb.port,
        "GET /me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
      assert.equal(401, status)
      assert.equal("application/json; charset=utf-8", headers["content-type"])
      assert.equal("unauthorized", core.json_decode(body).errors[1].code)
      status = http.raw(sb.port, "GET /me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer\r\nConnection: close\r\n\r\n")
      assert.equal(401, status)
      sb:stop()
    end)
  end)

  describe("Intercom-Version", function()
    local sb
    setup(function() sb = sandbox.start { port = 0 } end)
    teardown(function() sb:stop() end)

    it("accepts numbered versions, Unstable and Preview", function()
      for _, v in ipairs { "2.15", "1.4", "2.16", "Unstable", "Preview" } do
        assert.equal(200, http.get(sb, "/me", { headers = { "Intercom-Version: " .. v } }).status, v)
      end
    end)

    it("refuses a malformed version with 400 intercom_version_invalid", function()
      for _, v in ipairs { "latest", "2", "v2.15", "2.15.1" } do
        local res = http.get(sb, "/me", { headers = { "Intercom-Version: " .. v } })
        assert.equal(400, res.status, v)
        assert.equal("intercom_version_invalid", res.json.errors[1].code)
      end
    end)
  end)

  it("serves many requests over one kept-alive connection", function()
    local sb = sandbox.start { port = 0 }
    local client = http.client()
    for _ = 1, 50 do
      assert.equal(200, http.get(sb, "/me", { client = client }).status)
    end
    client:close()
    assert.equal(50, #sb:requests())
    sb:stop()
  end)

  it("calls control functions through the C handle", function()
    local sb = sandbox.start { port = 0 }
    local text = sb.handle:call("info", "{}")
    assert.equal("sandbox", core.json_decode(text).type)
    assert.has_error(function() sb.handle:call("no_such_function", "{}") end)
    assert.has_error(function() sb.handle:call("fault", "{not json") end)
    sb:stop()
  end)
end)
