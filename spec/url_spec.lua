local url = require "intercom.url"

describe("intercom.url", function()
  it("encodes query parameters in a stable order, escaped", function()
    assert.equal("a=1&b=x%20y&c=true&d=%C3%A9%26%3D", url.query({ d = "é&=", c = true, b = "x y", a = 1 }))
    assert.equal("ids=1&ids=2", url.query({ ids = { 1, 2 } }))
    assert.equal("f=0.1", url.query({ f = 0.1 }))
    assert.equal("", url.query(nil))
  end)

  it("refuses query values that are not scalars", function()
    local ok, err = pcall(url.query, { q = { a = { 1 } } }, "where")
    assert.is_false(ok)
    assert.matches("query parameter 'q'", err.message)
  end)

  it("escapes path parameters, so an id cannot change the path", function()
    assert.equal("/contacts/a%2F..%2Fadmins", url.expand("/contacts/{id}", function() return "a/../admins" end))
  end)

  it("keeps only path and query of a next-page link", function()
    assert.equal("https://api.intercom.io/companies?page=2",
      url.build("https://api.intercom.io", "https://elsewhere.test/companies?page=2", ""))
    assert.equal("http://127.0.0.1:1/prefix/companies?page=2&per_page=5",
      url.build("http://127.0.0.1:1/prefix", "http://127.0.0.1:1/prefix/companies?page=2", "per_page=5"))
  end)

  it("parses a query string", function()
    assert.same({ starting_after = "WzE2", per_page = "5" }, url.parse_query("per_page=5&starting_after=WzE2"))
  end)
end)
