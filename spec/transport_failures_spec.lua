-- Transport failures over the real libcurl transport: each is its own error
-- kind, carrying curl's message. (spec/errors_spec.lua maps the kinds; this
-- checks that libcurl's failures arrive as those kinds.)
local intercom = require "intercom"
local sandbox_module = require "intercom.sandbox"
local socket = require "socket"

local function failure(opts, path)
  local o = { token = "t", max_retries = 0 }
  for k, v in pairs(opts) do o[k] = v end
  local client = intercom.new(o)
  local ok, err = pcall(client.get, client, path or "/me")
  client:close()
  assert.is_false(ok, "expected the request to fail")
  return err
end

describe("libcurl failures", function()
  it("a host that does not resolve is a DnsResolutionError", function()
    local err = failure({ base_url = "https://no-such-host.invalid", allow_http = true })
    assert.equal("DnsResolutionError", err.class)
    assert.equal("dns", err.kind)
    assert.matches("resolve", err.message)
    assert.is_true(err:is(intercom.errors.ServiceConnectionError))
  end)

  it("a refused connection is a ServiceConnectionError", function()
    local probe = assert(socket.bind("127.0.0.1", 0))
    local _, port = probe:getsockname()
    probe:close() -- nothing listens there now
    local err = failure({ base_url = "http://127.0.0.1:" .. port })
    assert.equal("ServiceConnectionError", err.class)
    assert.equal("connect", err.kind)
    assert.matches("onnect", err.message)
  end)

  it("a connection that cannot be opened in time is a ConnectTimeoutError", function()
    -- A listener whose accept queue is full: Linux drops further SYNs.
    local server = assert(socket.tcp())
    assert(server:bind("127.0.0.1", 0))
    assert(server:listen(0))
    local _, port = server:getsockname()
    local fillers = {}
    for i = 1, 4 do
      fillers[i] = socket.tcp()
      fillers[i]:settimeout(0.2)
      fillers[i]:connect("127.0.0.1", port)
    end
    local err = failure({ base_url = "http://127.0.0.1:" .. port, connect_timeout = 0.3 })
    for _, f in ipairs(fillers) do f:close() end
    server:close()
    assert.equal("ConnectTimeoutError", err.class)
    assert.equal("connect_timeout", err.kind)
    assert.matches("[Tt]imeout", err.message)
  end)

  describe("against the sandbox", function()
    local sandbox
    setup(function() sandbox = sandbox_module.start{ port = 0 } end)
    teardown(function() sandbox:stop() end)
    before_each(function() sandbox:reset() end)

    it("an answer slower than the timeout is a ReadTimeoutError", function()
      sandbox:fault{ route = "GET /me", delay = 1 }
      local err = failure({ base_url = sandbox.url, timeout = 0.3 })
      assert.equal("ReadTimeoutError", err.class)
      assert.equal("timeout", err.kind)
      assert.is_true(err:is(intercom.errors.ServiceUnavailableError))
    end)

    it("TLS spoken to a plain HTTP port is a TlsError", function()
      local err = failure({ base_url = "https" .. sandbox.url:sub(5) })
      assert.equal("TlsError", err.class)
      assert.equal("tls", err.kind)
    end)

    it("a connection closed without an answer is a ConnectionDroppedError", function()
      sandbox:fault{ route = "GET /me", drop = true, times = 5 }
      local err = failure({ base_url = sandbox.url })
      assert.equal("ConnectionDroppedError", err.class)
      assert.equal("dropped", err.kind)
    end)

    it("asks for compressed responses, which libcurl decodes", function()
      local client = intercom.new{ token = "t", base_url = sandbox.url }
      client:get("/me")
      local sent = sandbox:requests()[1].headers["accept-encoding"]
      assert.matches("gzip", sent)
      assert.matches("deflate", sent)
    end)
  end)
end)
