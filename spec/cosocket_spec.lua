-- The cosocket transport's HTTP/1.1 over a fake ngx.socket (byte scripts),
-- and how the client picks it: this runs under Lua 5.4; the same transport
-- runs in a real nginx in spec/openresty/nginx_check.lua (make test).
local intercom = require "intercom"

-- A fake `ngx`: each connect takes the next scripted connection
-- { answer = "bytes", reused = 0, connect_err = nil, send_err = nil }.
-- luacheck: no unused args
local function fake_ngx(connections, phase)
  local log = { sent = {}, pools = {}, handshakes = {}, kept = 0, closed = 0 }
  local n = 0
  local ngx = {
    get_phase = function() return phase or "content" end,
    now = os.time,
    sleep = function(s) log.slept = (log.slept or 0) + s end,
    socket = {},
  }
  function ngx.socket.tcp()
    n = n + 1
    local script = connections[n] or error("no scripted connection " .. n)
    local pos = 1
    local data = script.answer or ""
    local sock = {}
    function sock:settimeouts() end
    function sock:settimeout() end
    function sock:connect(host, port, opts)
      log.pools[#log.pools + 1] = opts.pool
      log.host, log.port = host, port
      if script.connect_err then return nil, script.connect_err end
      return 1
    end
    function sock:getreusedtimes() return script.reused or 0 end
    function sock:sslhandshake(_, sni, verify)
      log.handshakes[#log.handshakes + 1] = { sni = sni, verify = verify }
      if script.tls_err then return nil, script.tls_err end
      return true
    end
    function sock:send(bytes)
      if script.send_err then return nil, script.send_err end
      log.sent[#log.sent + 1] = bytes
      return #bytes
    end
    function sock:receive(pattern)
      if pattern == "*l" then
        local e = data:find("\n", pos, true)
        if not e then
          local partial = data:sub(pos)
          pos = #data + 1
          return nil, script.end_err or "closed", partial
        end
        local line = data:sub(pos, e - 1):gsub("\r$", "")
        pos = e + 1
        return line
      end
      if pos + pattern - 1 > #data then
        local partial = data:sub(pos)
        pos = #data + 1
        return nil, script.end_err or "closed", partial
      end
      local s = data:sub(pos, pos + pattern - 1)
      pos = pos + pattern
      return s
    end
    function sock:setkeepalive() log.kept = log.kept + 1 return 1 end
    function sock:close() log.closed = log.closed + 1 return 1 end
    return sock
  end
  return ngx, log
end

local cosocket

local function with_ngx(ngx, fn)
  local saved = rawget(_G, "ngx")
  rawset(_G, "ngx", ngx)
  local ok, a, b = pcall(fn)
  rawset(_G, "ngx", saved)
  if not ok then error(a, 0) end
  return a, b
end

local function send(connections, req, opts, phase)
  local ngx, log = fake_ngx(connections, phase)
  local res, failure = with_ngx(ngx, function()
    req.method = req.method or "GET"
    req.url = req.url or "https://api.example.com/contacts/1"
    req.headers = req.headers or { Accept = "application/json" }
    return cosocket.new(opts or {})(req)
  end)
  return res, failure, log
end

local OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"id\":\"1\"}\n"

describe("cosocket transport", function()
  setup(function() cosocket = require "intercom.transport.cosocket" end)

  it("writes an HTTP/1.1 request with Host and Content-Length, and no Accept-Encoding", function()
    local res, _, log = send({ { answer = OK } }, { method = "POST", url = "http://127.0.0.1:8081/contacts?x=1",
      body = '{"a":1}', headers = { Authorization = "Bearer t", ["Accept-Encoding"] = "gzip" } })
    assert.equal(200, res.status)
    local sent = log.sent[1]
    assert.matches("^POST /contacts%?x=1 HTTP/1%.1\r\nHost: 127%.0%.0%.1:8081\r\n", sent)
    assert.matches("\r\nAuthorization: Bearer t\r\n", sent, 1, true)
    assert.matches("\r\nContent%-Length: 7\r\n\r\n{\"a\":1}$", sent)
    assert.is_nil(sent:lower():find("accept-encoding", 1, true))
  end)

  it("sends Content-Length: 0 for a POST without a body, and a bare Host on the default port", function()
    local _, _, log = send({ { answer = OK } }, { method = "POST", url = "https://api.example.com/x" })
    assert.matches("\r\nHost: api%.example%.com\r\n", log.sent[1])
    assert.matches("\r\nContent%-Length: 0\r\n\r\n$", log.sent[1])
  end)

  it("reads a Content-Length body and keeps the connection for the next request", function()
    local res, _, log = send({ { answer = OK } }, {})
    assert.same({ status = 200, body = '{"id":"1"}\n',
      headers = { ["content-type"] = "application/json", ["content-length"] = "11" } }, res)
    assert.equal(1, log.kept)
  end)

  it("reads a chunked body, skipping a 100 Continue first", function()
    local answer = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n"
      .. "4\r\n{\"a\"\r\n5;ext=1\r\n:\"b\"}\r\n0\r\nX-Trailer: 1\r\n\r\n"
    local res, _, log = send({ { answer = answer } }, {})
    assert.equal(201, res.status)
    assert.equal('{"a":"b"}', res.body)
    assert.equal(1, log.kept)
  end)

  it("reads a body to the connection's end when it has no length, and does not pool that connection", function()
    local res, _, log = send({ { answer = "HTTP/1.0 200 OK\r\n\r\nall of it" } }, {})
    assert.equal("all of it", res.body)
    assert.equal(0, log.kept)
  end)

  it("does not pool a connection the server closes", function()
    local _, _, log = send({ { answer = OK:gsub("\r\n\r\n", "\r\nConnection: close\r\n\r\n", 1) } }, {})
    assert.equal(0, log.kept)
  end)

  it("joins repeated headers and lowercases names", function()
    local res = send({ { answer = "HTTP/1.1 204 No Content\r\nX-A: 1\r\nx-a: 2\r\n\r\n" } }, {})
    assert.equal("1, 2", res.headers["x-a"])
    assert.equal("", res.body)
  end)

  it("refuses a body over 64 MB as too_large, before reading it", function()
    local _, failure = send({ { answer = "HTTP/1.1 200 OK\r\nContent-Length: 67108865\r\n\r\n" } }, {})
    assert.equal("too_large", failure.kind)
    local big = ("%x"):format(64 * 1024 * 1024 + 1)
    _, failure = send({ { answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" .. big .. "\r\n" } }, {})
    assert.equal("too_large", failure.kind)
  end)

  it("verifies TLS with the host as server name; verify_tls = false only when asked", function()
    local _, _, log = send({ { answer = OK } }, {})
    assert.same({ { sni = "api.example.com", verify = true } }, log.handshakes)
    assert.equal("intercom:api.example.com:443:tls", log.pools[1])
    _, _, log = send({ { answer = OK } }, {}, { verify_tls = false })
    assert.same({ { sni = "api.example.com", verify = false } }, log.handshakes)
    assert.equal("intercom:api.example.com:443:tls-noverify", log.pools[1]) -- never shared with verified ones
    _, _, log = send({ { answer = OK, reused = 1 } }, {})
    assert.same({}, log.handshakes) -- a pooled connection is already TLS
  end)

  it("maps failures to the transport's kinds", function()
    local cases = {
      { { connect_err = "connection refused" }, "connect" },
      { { connect_err = "timeout" }, "connect_timeout" },
      { { connect_err = "no resolver defined to resolve \"api.example.com\"" }, "dns" },
      { { connect_err = "api.example.com could not be resolved (3: Host not found)" }, "dns" },
      { { tls_err = "18: self signed certificate" }, "tls" },
      { { tls_err = "timeout" }, "connect_timeout" },
      { { answer = "", end_err = "timeout" }, "timeout" },
      { { answer = "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort", end_err = "timeout" }, "timeout" },
      { { answer = "" }, "dropped" },
      { { answer = "HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\nshort" }, "dropped" },
      { { send_err = "broken pipe" }, "dropped" },
      { { answer = "SSH-2.0-OpenSSH\r\n" }, "network" },
    }
    for _, case in ipairs(cases) do
      local res, failure = send({ case[1] }, {})
      assert.is_nil(res)
      assert.equal(case[2], failure.kind, failure.message)
      assert.is_string(failure.message)
    end
  end)

  it("hints at lua_ssl_trusted_certificate when verification fails", function()
    local _, failure = send({ { tls_err = "20: unable to get local issuer certificate: certificate verify failed" } },
      {})
    assert.matches("lua_ssl_trusted_certificate", failure.message, 1, true)
  end)

  it("replaces a dead pooled connection for a GET, once the answer never came", function()
    local res, _, log = send({ { reused = 3, answer = "" }, { answer = OK } }, { method = "GET" })
    assert.equal(200, res.status)
    assert.equal(2, #log.pools)
  end)

  it("never resends a POST on a pooled connection that died: it is dropped", function()
    local res, failure, log = send({ { reused = 3, answer = "" }, { answer = OK } },
      { method = "POST", body = "{}" })
    assert.is_nil(res)
    assert.equal("dropped", failure.kind)
    assert.equal(1, #log.pools)
    res, failure, log = send({ { reused = 3, send_err = "broken pipe" }, { answer = OK } },
      { method = "POST", body = "{}" })
    assert.is_nil(res)
    assert.equal("dropped", failure.kind)
    assert.equal(1, #log.pools)
  end)

  it("connects to 127.0.0.1 for localhost (nginx's resolver does not read /etc/hosts)", function()
    local _, _, log = send({ { answer = OK } }, { url = "http://localhost:9/x" })
    assert.equal("127.0.0.1", log.host)
    assert.equal(9, log.port)
  end)

  it("raises MisconfiguredClientError naming a phase that has no cosockets", function()
    for _, phase in ipairs { "init", "init_worker", "set", "header_filter", "body_filter", "log" } do
      local ok, err = pcall(send, { { answer = OK } }, {}, {}, phase)
      assert.is_false(ok)
      assert.equal("MisconfiguredClientError", err.class)
      assert.matches("nginx's " .. phase .. " phase (" .. phase .. "_by_lua*)", err.message, 1, true)
    end
  end)
end)

describe("the client inside nginx", function()
  local function new_in_nginx(opts, connections, phase)
    local ngx, log = fake_ngx(connections or {}, phase)
    local client = with_ngx(ngx, function() return intercom.new(opts) end)
    return client, ngx, log
  end

  it("goes over cosockets and waits with ngx.sleep, created in any phase", function()
    local client, ngx, log = new_in_nginx({ token = "t", base_url = "http://127.0.0.1:9", retry_delay = 0.1 },
      { { answer = "HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n" },
        { answer = "HTTP/1.1 200 OK\r\nContent-Length: 25\r\n\r\n{\"type\":\"admin\",\"id\":\"7\"}" } },
      "init")
    ngx.get_phase = function() return "content" end -- used later, in a content handler
    local me = with_ngx(ngx, function() return client:get("/me") end)
    assert.equal("7", me.id)
    assert.equal(2, #log.sent)
    assert.is_true(log.slept > 0)
  end)

  it("raises in init_by_lua, without retrying and without sending", function()
    local client, ngx, log = new_in_nginx({ token = "t", base_url = "http://127.0.0.1:9" }, {}, "init")
    ngx.get_phase = function() return "init" end
    local ok, err = with_ngx(ngx, function() return pcall(client.get, client, "/me") end)
    assert.is_false(ok)
    assert.equal("MisconfiguredClientError", err.class)
    assert.equal(0, #log.sent)
    local safe_client = with_ngx(ngx, function() return require("intercom.safe").new{ token = "t" } end)
    local none, serr = with_ngx(ngx, function() return safe_client:get("/me") end)
    assert.is_nil(none)
    assert.equal("MisconfiguredClientError", serr.class)
  end)

  it("keeps a transport and a sleep the user gives", function()
    local used = false
    local client, ngx = new_in_nginx({ token = "t", transport = function()
      used = true
      return { status = 200, body = "{}" }
    end })
    with_ngx(ngx, function() return client:get("/me") end)
    assert.is_true(used)
  end)

  it("rejects ca_file and ca_path, which nginx takes from lua_ssl_trusted_certificate", function()
    for _, name in ipairs { "ca_file", "ca_path" } do
      local ok, err = pcall(new_in_nginx, { token = "t", [name] = "/etc/ssl/certs" })
      assert.is_false(ok)
      assert.equal("MisconfiguredClientError", err.class)
      assert.matches("lua_ssl_trusted_certificate", err.message, 1, true)
    end
  end)

  it("uses libcurl outside nginx", function()
    assert.is_nil(rawget(_G, "ngx"))
    assert.is_false(require("intercom.runtime").in_nginx())
  end)
end)

describe("a Lua transport that raises", function()
  it("an intercom.Error: it is raised as it is, not retried", function()
    local calls = 0
    local client = intercom.new{ token = "t", transport = function()
      calls = calls + 1
      error(require("intercom.core").error("MisconfiguredClientError", { message = "not here" }))
    end }
    local ok, err = pcall(client.get, client, "/me")
    assert.is_false(ok)
    assert.equal("MisconfiguredClientError", err.class)
    assert.equal(1, calls)
  end)

  it("anything else: a network failure", function()
    local client = intercom.new{ token = "t", max_retries = 0, transport = function() error("boom") end }
    local ok, err = pcall(client.get, client, "/me")
    assert.is_false(ok)
    assert.equal("ServiceConnectionError", err.class)
    assert.matches("transport raised: .*boom", err.message)
  end)
end)
