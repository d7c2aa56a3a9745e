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
    assert.equal("/contacts/...", url.expand("/contacts/{id}", function() return "..." end))
  end)

  it("refuses '.' and '..' as path parameters, naming the argument", function()
    for _, id in ipairs({ ".", ".." }) do
      local ok, err = pcall(url.expand, "/tags/{tag_id}", function() return id, "id" end, "tags:delete")
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class)
      assert.matches("^tags:delete: argument 'id' cannot be", err.message)
    end
  end)

  it("keeps path and query of a next-page link on the configured origin", function()
    assert.equal("https://api.intercom.io/companies?page=2",
      url.build("https://api.intercom.io", "https://API.intercom.io:443/companies?page=2", ""))
    assert.equal("http://127.0.0.1:1/prefix/companies?page=2&per_page=5",
      url.build("http://127.0.0.1:1/prefix", "http://127.0.0.1:1/prefix/companies?page=2", "per_page=5"))
    assert.equal("http://[::1]:8080/me", url.build("http://[::1]:8080", "http://[::1]:8080/me", ""))
  end)

  it("refuses a link elsewhere, with userinfo, without '/', or with dot segments", function()
    for _, link in ipairs({ "https://elsewhere.test/companies", "https://api.intercom.io.elsewhere.test/x",
      "https://u@api.intercom.io/x", "@127.0.0.1:1/steal", ".evil.example/x", "//evil.example/x",
      "/a/../b", "/a/%2e", "/a\n", "http://api.intercom.io/x", "https://api.intercom.io:444/x" }) do
      local p, why = url.resolve("https://api.intercom.io", link)
      assert.is_nil(p, link)
      assert.is_string(why)
      local ok, err = pcall(url.build, "https://api.intercom.io", link, "", "where")
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class)
      assert.matches("^where: argument 'path' ", err.message)
    end
  end)

  it("parses the real host of a URL", function()
    local u = url.parse("HTTP://LocalHost:8080/p?q=1#f")
    assert.same({ "http", "localhost", 8080, "/p", "q=1", true, true },
      { u.scheme, u.host, u.port, u.path, u.query, u.has_query, u.has_fragment })
    assert.equal("[::1]", url.parse("http://[::1]").host)
    assert.equal(443, url.parse("https://[2001:db8::1]/").port)
    assert.is_nil(url.parse("http://localhost:80@192.0.2.10"))
    assert.is_nil(url.parse("http://localhost:0"))
  end)

  it("parses a query string", function()
    assert.same({ starting_after = "WzE2", per_page = "5" }, url.parse_query("per_page=5&starting_after=WzE2"))
  end)
end)
