-- What goes over the wire, checked at the sandbox: the libcurl transport's
-- headers, and how it behaves when a connection dies.
local harness = require "sandbox_harness"

describe("the libcurl transport", function()
  local sandbox, client
  harness.new({ token = "wire_spec_token_123456" }, function(c, s) client, sandbox = c, s end)
  after_each(function() client:close() end)

  it("sends the API headers and a JSON body", function()
    client.contacts:create{ email = "wire@example.com" }
    local req = sandbox:requests()[1]
    assert.equal("POST", req.method)
    assert.equal("/contacts", req.path)
    assert.equal("Bearer \u{2026}3456", req.headers.authorization)
    assert.equal("application/json", req.headers.accept)
    assert.equal("2.15", req.headers["intercom-version"])
    assert.equal("application/json", req.headers["content-type"])
    assert.matches("^lua%-intercom/", req.headers["user-agent"])
    assert.same({ email = "wire@example.com" }, req.json)
  end)

  it("lets a request replace a common header instead of sending it twice", function()
    local request = require "intercom.request"
    request.send(client, "GET", "/me", nil, nil, { headers = { "Accept: application/octet-stream" } })
    assert.equal("application/octet-stream", sandbox:requests()[1].headers.accept)
    client:get("/me") -- and the next request has the usual one again
    assert.equal("application/json", sandbox:requests()[2].headers.accept)
  end)

  it("never sends a POST twice when a kept-alive connection dies", function()
    client.contacts:create{ email = "first@example.com" } -- opens the connection
    sandbox:fault{ route = "POST /contacts", drop = true, times = 1 }
    local ok, err = pcall(client.contacts.create, client.contacts, { email = "second@example.com" })
    local posts = 0
    for _, req in ipairs(sandbox:requests()) do
      if req.method == "POST" then posts = posts + 1 end
    end
    assert.equal(2, posts, "the dropped POST went out more than once")
    assert.is_false(ok)
    assert.equal("ConnectionDroppedError", err.class)
  end)
end)
