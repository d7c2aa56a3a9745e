-- The client inside nginx (Debian's nginx + lua module, LuaJIT), run by
-- scripts/test as its own step (not by the main busted run):
--   lua5.4 /usr/bin/busted --ignore-lua spec/openresty/nginx_check.lua
-- nginx runs examples/openresty/nginx.conf and its handler, the README's
-- example, with this spec's ports and paths and the locations of
-- spec/openresty/{http,server}.conf added; the sandbox runs in another
-- process, answering GET /contacts/{id} after 1 s.
-- Needs: nginx, libnginx-mod-http-lua (scripts/bootstrap openresty) and the
-- LuaJIT build of the core in build-luajit/ (the luajit step of make test).
local socket = require "socket"
local intercom = require "intercom"

local ROOT = io.popen("pwd"):read("l")
local NGINX = os.getenv("NGINX") or "/usr/sbin/nginx"
local LUAJIT_BUILD = os.getenv("INTERCOM_LUAJIT_BUILD") or (ROOT .. "/build-luajit")

local function read_file(path)
  local f = assert(io.open(path, "r"))
  local s = f:read("a")
  f:close()
  return s
end

local function write_file(path, s)
  local f = assert(io.open(path, "w"))
  f:write(s)
  f:close()
end

local function free_port()
  local probe = assert(socket.bind("127.0.0.1", 0))
  local _, port = probe:getsockname()
  probe:close()
  return tonumber(port)
end

local function replace(s, old, new)
  local i, j = s:find(old, 1, true)
  assert(i, "examples/openresty/nginx.conf no longer has: " .. old)
  return s:sub(1, i - 1) .. new .. s:sub(j + 1)
end

-- examples/openresty/nginx.conf with this run's port and paths, and the
-- spec's locations; returns the text.
local function nginx_conf(port)
  local conf = read_file("examples/openresty/nginx.conf")
  conf = replace(conf, "listen 127.0.0.1:8080;",
    ("listen 127.0.0.1:%d;\n    include %s/spec/openresty/server.conf;"):format(port, ROOT))
  conf = replace(conf, "http {", ("http {\n  include %s/spec/openresty/http.conf;"):format(ROOT))
  conf = replace(conf, "/usr/local/share/lua/5.1/?.lua;/usr/local/share/lua/5.1/?/init.lua;$prefix/?.lua;",
    ("%s/lua/?.lua;%s/lua/?/init.lua;%s/examples/openresty/?.lua;%s/spec/openresty/?.lua;")
      :format(ROOT, ROOT, ROOT, ROOT))
  conf = replace(conf, "/usr/local/lib/lua/5.1/?.so;", LUAJIT_BUILD .. "/?.so;")
  -- As root, nginx's workers would run as nobody, who may not read this tree.
  if io.popen("id -u"):read("l") == "0" then conf = "user root;\n" .. conf end
  return conf
end

-- One HTTP/1.0 exchange, started now and read later: start(path) -> finish() -> status, body.
local function start(port, path, method)
  local c = assert(socket.tcp())
  c:settimeout(10)
  assert(c:connect("127.0.0.1", port))
  assert(c:send(("%s %s HTTP/1.0\r\nHost: localhost\r\n\r\n"):format(method or "GET", path)))
  return function()
    local data = assert(c:receive("*a"))
    c:close()
    local status = tonumber(data:match("^HTTP/%d%.%d (%d+)"))
    return status, data:match("\r\n\r\n(.*)$")
  end
end

local function get(port, path, method)
  return start(port, path, method)()
end

local function timed(fn)
  local t0 = socket.gettime()
  local a, b = fn()
  return socket.gettime() - t0, a, b
end

describe("inside nginx (cosockets)", function()
  local dir, nginx_pid, sandbox_pid, sandbox_pipe, sandbox_url, port, ids

  local function error_log()
    local f = io.open(dir .. "/logs/error.log", "r")
    if not f then return "" end
    local s = f:read("a")
    f:close()
    return s
  end

  setup(function()
    dir = io.popen("mktemp -d"):read("l")
    assert(os.execute("mkdir -p " .. dir .. "/logs && chmod 755 " .. dir))
    -- The sandbox in its own process; its first line is its PID (the shell's, which exec keeps).
    sandbox_pipe = io.popen(("LUA_PATH='%s' LUA_CPATH='%s' exec sh -c '%s'"):format(package.path, package.cpath,
      "echo $$; exec lua5.4 spec/openresty/sandbox_server.lua"))
    sandbox_pid = assert(tonumber(sandbox_pipe:read("l")))
    sandbox_url = assert(sandbox_pipe:read("l"), "the sandbox did not start")
    assert(sandbox_url:match("^http://127%.0%.0%.1:%d+$"), sandbox_url)

    -- Ten contacts, for ten concurrent calls with ten different answers.
    local client = intercom.new{ token = "spec", base_url = sandbox_url }
    ids = {}
    for i = 1, 10 do
      ids[i] = client.contacts:create{ email = ("c%d@nginx.example"):format(i), role = "user" }.id
    end
    client:close()

    port = free_port()
    write_file(dir .. "/nginx.conf", nginx_conf(port))
    local cmd = ("cd %s && INTERCOM_TOKEN=spec-token INTERCOM_CLIENT_SECRET=sandbox-client-secret "
      .. "INTERCOM_BASE_URL=%s %s -p %s -c %s/nginx.conf")
      :format(ROOT, sandbox_url, NGINX, dir, dir)
    assert(os.execute(cmd), "nginx did not start:\n" .. error_log())
    nginx_pid = assert(tonumber(read_file(dir .. "/nginx.pid")))
    for _ = 1, 50 do -- until it answers
      local c = socket.tcp()
      c:settimeout(0.1)
      local ok = c:connect("127.0.0.1", port)
      c:close()
      if ok then break end
      socket.sleep(0.1)
    end
  end)

  teardown(function()
    if nginx_pid then os.execute("kill " .. nginx_pid) end
    if sandbox_pid then os.execute("kill " .. sandbox_pid) end
    if sandbox_pipe then sandbox_pipe:close() end
    if nginx_pid then -- the master removes its pid file when it is done
      for _ = 1, 50 do
        if not io.open(dir .. "/nginx.pid") then break end
        socket.sleep(0.1)
      end
    end
    if os.getenv("KEEP_NGINX_DIR") then print("nginx dir: " .. dir) else os.execute("rm -rf " .. dir) end
  end)

  it("is the example the README shows", function()
    local readme = read_file("README.md")
    assert.truthy(readme:find("```nginx\n" .. read_file("examples/openresty/nginx.conf") .. "```\n", 1, true))
    assert.truthy(readme:find("```lua\n" .. read_file("examples/openresty/intercom_handler.lua") .. "```\n", 1, true))
  end)

  -- The sandbox (its default client_secret) delivers to the example's
  -- /intercom/webhook, which verifies and reads each delivery.
  it("receives the sandbox's signed webhooks in content_by_lua_block, and refuses forged ones", function()
    local http_call = function(method, path, body)
      local c = assert(socket.connect("127.0.0.1", tonumber(sandbox_url:match(":(%d+)$"))))
      c:settimeout(5)
      c:send(("%s %s HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s")
        :format(method, path, #(body or ""), body or ""))
      local data = c:receive("*a")
      c:close()
      return require("intercom.core").json_decode(data:match("\r\n\r\n(.*)$"))
    end
    http_call("POST", "/_sandbox/subscriptions", require("intercom.core").json_encode{
      url = ("http://127.0.0.1:%d/intercom/webhook"):format(port), topics = { "contact.user.created" } })
    local client = intercom.new{ token = "spec", base_url = sandbox_url }
    local contact = client.contacts:create{ email = "hook@nginx.example", role = "user" }
    client:close()
    local d
    for _ = 1, 100 do
      d = http_call("GET", "/_sandbox/deliveries").data[1]
      if d.status ~= "pending" and d.status ~= "sending" then break end
      socket.sleep(0.05)
    end
    assert.equal("delivered", d.status)
    assert.equal(200, d.responses[1].status)
    assert.equal(contact.id, intercom.notification(d.body).model.id)

    -- the same body, replayed: accepted; changed or unsigned: 401
    local function replay(body, signature)
      local c = assert(socket.connect("127.0.0.1", port))
      c:settimeout(5)
      local sig = signature and ("X-Hub-Signature: " .. signature .. "\r\n") or ""
      c:send(("POST /intercom/webhook HTTP/1.0\r\nContent-Length: %d\r\n%s\r\n%s"):format(#body, sig, body))
      local data = c:receive("*a")
      c:close()
      return tonumber(data:match("^HTTP/%d%.%d (%d+)")), data:match("\r\n\r\n(.*)$")
    end
    local signature = "sha1=" .. require("intercom.core").hmac_hex("sha1", "sandbox-client-secret", d.body)
    local status, body = replay(d.body, signature)
    assert.equal(200, status)
    assert.equal("received contact.user.created " .. contact.id .. "\n", body)
    assert.equal(401, (replay(d.body .. " ", signature)))
    assert.equal(401, (replay(d.body, nil)))
    assert.equal(401, (replay(d.body, signature:sub(1, -2))))
  end)

  it("serves the example's /ping", function()
    local status, body = get(port, "/ping")
    assert.equal(200, status)
    assert.equal("pong\n", body)
  end)

  it("runs 10 calls of 1 s each at once in one worker, and /ping stays quick", function()
    local log_before = #error_log()
    local t0 = socket.gettime()
    local pending = {}
    for i, id in ipairs(ids) do pending[i] = start(port, "/contact?id=" .. id) end
    socket.sleep(0.3) -- all ten are now waiting on the sandbox
    local ping_time, ping_status = timed(function() return get(port, "/ping") end)
    for i, finish in ipairs(pending) do
      local status, body = finish()
      assert.equal(200, status, body)
      assert.equal(("%s c%d@nginx.example\n"):format(ids[i], i), body)
    end
    local total = socket.gettime() - t0
    print(("\n  10 concurrent calls (1 s upstream each): %.3f s; /ping meanwhile: %.1f ms")
      :format(total, ping_time * 1000))
    assert.equal(200, ping_status)
    assert.is_true(total < 2, ("10 calls took %.2f s"):format(total))
    assert.is_true(ping_time < 0.1, ("/ping took %.1f ms"):format(ping_time * 1000))
    local new_log = error_log():sub(log_before + 1)
    assert.is_nil(new_log:find("[error]", 1, true), new_log)
  end)

  it("lets init_by_lua create a client but not make a request, naming the phase", function()
    local status, body = get(port, "/spec/init?id=" .. ids[1])
    assert.equal(200, status)
    assert.matches("created: ok\n", body, 1, true)
    assert.matches("request: MisconfiguredClientError nil intercom: no request can be made in nginx's init phase "
      .. "(init_by_lua*): it has no cosockets; create the client there and use it in a rewrite, access, content "
      .. "or timer phase\n", body, 1, true)
    assert.matches("later: c1@nginx.example\n", body, 1, true) -- the same client, in a content handler
  end)

  it("maps a refused connection to ServiceConnectionError", function()
    local _, body = get(port, "/spec/failure?case=refused&port=" .. free_port())
    assert.matches("^ServiceConnectionError connect cannot connect to 127%.0%.0%.1:%d+: connection refused\n$", body)
  end)

  it("maps a slow answer to ReadTimeoutError", function()
    local elapsed, _, body = timed(function() return get(port, "/spec/failure?case=timeout&id=" .. ids[1]) end)
    assert.matches("^ReadTimeoutError timeout no answer within 0%.3 s\n$", body)
    assert.is_true(elapsed < 0.9, ("the timeout took %.2f s"):format(elapsed))
  end)

  it("maps TLS spoken to a plain HTTP port to TlsError", function()
    local _, body = get(port, "/spec/failure?case=tls")
    assert.matches("^TlsError tls TLS handshake with 127%.0%.0%.1 failed: ", body)
  end)

  it("never resends a POST whose connection dropped", function()
    local http = require "socket.http"
    local ltn12 = require "ltn12"
    local fault = '{"route":"POST /contacts","drop":true,"times":1}'
    assert(http.request{ url = sandbox_url .. "/_sandbox/faults", method = "POST",
      headers = { ["content-type"] = "application/json", ["content-length"] = #fault },
      source = ltn12.source.string(fault) })
    local _, body = get(port, "/spec/create?email=dropped@nginx.example", "GET")
    assert.matches("^ConnectionDroppedError dropped ", body)
    local client = intercom.new{ token = "spec", base_url = sandbox_url }
    local found = client.contacts:search{ query = { field = "email", operator = "=", value = "dropped@nginx.example" } }
    assert.is_nil(found:first()) -- sent once, dropped, not sent again
    client:close()
  end)

  it("waits between retries with ngx.sleep, leaving the worker free", function()
    local http = require "socket.http"
    local ltn12 = require "ltn12"
    local fault = '{"route":"GET /me","status":503,"times":1}'
    assert(http.request{ url = sandbox_url .. "/_sandbox/faults", method = "POST",
      headers = { ["content-type"] = "application/json", ["content-length"] = #fault },
      source = ltn12.source.string(fault) })
    local t0 = socket.gettime()
    local finish = start(port, "/spec/retry")
    socket.sleep(0.1)
    local ping_time = timed(function() return get(port, "/ping") end)
    local _, body = finish()
    local total = socket.gettime() - t0
    assert.equal("ok admin after 1 wait\n", body)
    assert.is_true(total >= 0.3, ("the retry waited only %.2f s"):format(total))
    assert.is_true(ping_time < 0.1, ("/ping took %.1f ms during the wait"):format(ping_time * 1000))
  end)

  it("pages a lazy collection inside a content handler", function()
    local _, body = get(port, "/spec/list")
    assert.matches("^contacts: %d+\n$", body)
    assert.is_true(tonumber(body:match("%d+")) >= 10)
  end)
end)
