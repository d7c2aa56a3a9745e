local safe = require "intercom.safe"
local intercom = require "intercom"
local fake_transport = require "fake_transport"

local function not_found() return { status = 404, body = { type = "error.list",
  errors = { { code = "not_found", message = "Contact Not Found" } } } } end
local function contact() return { status = 200, body = { type = "contact", id = "1", role = "user" } } end

describe("intercom.safe", function()
  it("exports the same constants", function()
    assert.equal(intercom.null, safe.null)
    assert.equal(intercom.errors, safe.errors)
    assert.equal(intercom.VERSION, safe.VERSION)
  end)

  it("returns nil, err from new for bad options", function()
    local client, err = safe.new{ tokne = "x" }
    assert.is_nil(client)
    assert.equal("MisconfiguredClientError", err.class)
  end)

  it("returns nil, err from service methods", function()
    local fake = fake_transport.new({ not_found(), contact() })
    local client = fake_transport.client(fake, { safe_api = true })
    local c, err = client.contacts:find{ id = "nope" }
    assert.is_nil(c)
    assert.equal("ResourceNotFound", err.class)
    assert.equal("1", (client.contacts:find("1")).id)
  end)

  it("returns nil, err for bad input, before any request", function()
    local fake = fake_transport.new()
    local client = fake_transport.client(fake, { safe_api = true })
    local c, err = client.contacts:find{ id = false }
    assert.is_nil(c)
    assert.equal("ArgumentError", err.class)
    assert.equal(0, #fake.requests)
  end)

  it("returns nil, err from object methods and the escape hatch", function()
    local fake = fake_transport.new({ contact(), not_found(), not_found() })
    local client = fake_transport.client(fake, { safe_api = true })
    local c = client.contacts:find("1")
    local tag, err = c:add_tag{ id = "9" }
    assert.is_nil(tag)
    assert.equal("ResourceNotFound", err.class)
    local raw, err2 = client:get("/nothing")
    assert.is_nil(raw)
    assert.equal(404, err2.http_code)
  end)

  it("yields false, err once when paging fails, then stops", function()
    local fake = fake_transport.new({ not_found(), not_found() })
    local client = fake_transport.client(fake, { safe_api = true })
    local seen = {}
    for item, err in client.contacts:all() do seen[#seen + 1] = { item, err } end
    assert.equal(1, #seen)
    assert.is_false(seen[1][1])
    assert.equal("ResourceNotFound", seen[1][2].class)
    local first, err = client.contacts:all():first()
    assert.is_nil(first)
    assert.equal("ResourceNotFound", err.class)
  end)

  it("still raises errors that are bugs, not API failures", function()
    local client = fake_transport.client(fake_transport.new(), { safe_api = true })
    assert.has_error(function() client.contacts.find(nil, "1") end)
  end)
end)
