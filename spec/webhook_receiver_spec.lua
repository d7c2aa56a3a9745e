-- examples/webhooks/receiver.lua, the plain Lua 5.4 receiver, in a process of
-- its own, receiving the HTTP sandbox's deliveries.
local intercom = require "intercom"
local sandbox = require "intercom.sandbox"
local socket = require "socket"

local SECRET = "receiver-spec-secret"

local function post(url, body, signature)
  local host, port, path = url:match("^http://([^:/]+):(%d+)(/.*)$")
  local c = assert(socket.connect(host, tonumber(port)))
  c:settimeout(5)
  local sig = signature and ("X-Hub-Signature: " .. signature .. "\r\n") or ""
  c:send(("POST %s HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n%s\r\n%s"):format(path, #body, sig, body))
  local data = c:receive("*a")
  c:close()
  return tonumber(data:match("^HTTP/1%.1 (%d+)"))
end

describe("examples/webhooks/receiver.lua", function()
  local pipe, pid, url, sb, client

  setup(function()
    pipe = io.popen(("INTERCOM_CLIENT_SECRET=%s LUA_PATH='%s' LUA_CPATH='%s' exec sh -c '%s'")
      :format(SECRET, package.path, package.cpath, "echo $$; exec lua5.4 examples/webhooks/receiver.lua 2>/dev/null"))
    pid = assert(tonumber(pipe:read("l")))
    url = assert(pipe:read("l"))
    assert.matches("^http://127%.0%.0%.1:%d+/$", url)
    sb = sandbox.start{ port = 0, webhooks = { client_secret = SECRET, backoff = 0.05 } }
    client = intercom.new{ token = "t", base_url = sb.url }
  end)

  teardown(function()
    if sb then sb:stop() end
    if pid then os.execute("kill " .. pid) end
    if pipe then pipe:close() end
  end)

  it("verifies and reads the sandbox's deliveries", function()
    sb:subscribe{ url = url .. "hooks", topics = { "contact.user.created", "company.created" } }
    local contact = client.contacts:create{ role = "user", email = "receiver@example.com" }
    local company = client.companies:create{ company_id = "rcv", name = "Receiver Inc" }
    local first = pipe:read("l")
    local second = pipe:read("l")
    assert.matches("^contact%.user%.created contact " .. contact.id .. " notif_", first)
    assert.matches("^company%.created company " .. company.id .. " notif_", second)
    local journal = sb:deliver()
    assert.equal(2, #journal)
    for _, d in ipairs(journal) do
      assert.equal("delivered", d.status)
      assert.equal(200, d.responses[1].status)
    end
  end)

  it("answers 401 to a changed body or a missing signature, 200 to a signed one", function()
    local body = '{"type":"notification_event","topic":"ping","id":"notif_x",'
      .. '"data":{"type":"notification_event_data","item":{"type":"ping","message":"hi"}}}'
    local signature = "sha1=" .. require("intercom.core").hmac_hex("sha1", SECRET, body)
    assert.equal(401, post(url, body:gsub("hi", "ho"), signature))
    assert.equal(401, post(url, body, nil))
    assert.equal(401, post(url, body, "sha256=" .. signature:sub(6)))
    assert.equal(200, post(url, body, signature))
    assert.matches("^ping ping nil notif_x$", pipe:read("l"))
  end)

  it("is retried by the sandbox when it refuses: a wrong secret fails every attempt", function()
    local other = sandbox.start{ port = 0, webhooks = { client_secret = "not-the-secret", backoff = 0.01 } }
    other:subscribe{ url = url, topics = { "tag.created" } }
    intercom.new{ token = "t", base_url = other.url }.tags:create{ name = "Refused" }
    local d = other:deliver()[1]
    other:stop()
    assert.equal("failed", d.status)
    assert.equal(3, d.attempts)
    assert.same({ 401, 401, 401 }, { d.responses[1].status, d.responses[2].status, d.responses[3].status })
  end)
end)
