-- The escape hatch (client:get/post/put/delete), collections and next-page
-- links under bad input: an ArgumentError naming the method and the
-- argument, nothing sent; and the token never goes to another host.
local refusal = require "refusal"

local VERBS = { "get", "post", "put", "delete" }
local BASE = "https://api.example.test/"

local BAD_PATHS = {
  { "nil", nil }, { "\"\"", "" }, { "\"contacts\" (no leading slash)", "contacts" }, { "5", 5 },
  { "a table", {} }, { "a function", print }, { "\"?x=1\"", "?x=1" },
}

-- Paths that would reach another endpoint than the one written.
local DOT_PATHS = { { "\"/../x\"", "/../x" }, { "\"/contacts/../admins\"", "/contacts/../admins" },
  { "\"/contacts/./1\"", "/contacts/./1" } }

-- Absolute URLs to another host: refused, or sent to the configured host.
local OTHER_HOSTS = { "https://other.host/x", "http://other.host/x", "https://api.example.test@other.host/x",
  "https://other.host/?u=https://api.example.test/x" }

local BAD_PARAMS = {
  { "the string \"x\"", "x", "'params'" }, { "a number", 5, "'params'" }, { "a function", print, "'params'" },
  { "a parameter that is a function", { a = print }, "'a'" },
  { "a parameter that is a coroutine", { a = coroutine.create(print) }, "'a'" },
  { "a parameter that is a nested table", { a = { b = 1 } }, "'a'" },
  { "a parameter that is NaN", { a = 0 / 0 }, "'a'" },
  { "a parameter that is math.huge", { a = math.huge }, "'a'" },
  { "a parameter named by a boolean", { [true] = 1 }, "names" },
  { "an array of parameters holding a table", { a = { { 1 } } }, "'a'" },
}

local BAD_BODIES = {
  { "the string \"x\"", "x", "'body'" }, { "a number", 5, "'body'" }, { "a boolean", true, "'body'" },
  { "a function", print, "'body'" }, { "a coroutine", coroutine.create(print), "'body'" },
  { "a field that is a function", { a = print }, "function" },
  { "a field that is a coroutine", { a = coroutine.create(print) }, "thread" },
  { "a field that is a file handle", { a = io.stdout }, "userdata" },
  { "a field that is NaN", { a = 0 / 0 }, "NaN" },
  { "a field that is math.huge", { a = math.huge }, "infinite" },
  { "a field that is -math.huge", { a = -math.huge }, "infinite" },
  { "a key that is a boolean", { [true] = 1 }, "key" },
  { "a key that is a table", { [{}] = 1 }, "key" },
  { "a table that contains itself", "cycle", "itself" },
  { "NaN three levels down", { a = { b = { c = 0 / 0 } } }, "NaN" },
}

local function body_value(v)
  if v == "cycle" then
    local t = {}
    t.a = t
    return t
  end
  return v
end

describe("the escape hatch", function()
  for _, verb in ipairs(VERBS) do
    local where = "client:" .. verb
    for _, p in ipairs(BAD_PATHS) do
      it(("%s refuses the path %s"):format(where, p[1]), function()
        refusal.expect(function(client) return client[verb](client, p[2]) end, { names = { where, "'path'" } })
      end)
    end
    for _, p in ipairs(DOT_PATHS) do
      it(("%s refuses the path %s"):format(where, p[1]), function()
        refusal.expect(function(client) return client[verb](client, p[2]) end, { names = { where, "'path'" } })
      end)
    end
    for _, u in ipairs(OTHER_HOSTS) do
      it(("%s never sends the token to the host of %s"):format(where, u), function()
        for _, mode in ipairs({ "raise", "safe" }) do
          local ok, a, b, sent = refusal.run(function(client) return client[verb](client, u) end, mode)
          local err = mode == "raise" and (not ok and a) or b
          if err then
            assert.equal("ArgumentError", err.class, tostring(err))
            assert.equal(0, #sent)
          end
          for _, req in ipairs(sent) do
            assert.equal(BASE, req.url:sub(1, #BASE), "sent to " .. req.url)
          end
        end
      end)
    end
  end

  for _, verb in ipairs({ "get", "delete" }) do
    local where = "client:" .. verb
    for _, p in ipairs(BAD_PARAMS) do
      it(("%s refuses %s"):format(where, p[1]), function()
        refusal.expect(function(client) return client[verb](client, "/contacts", p[2]) end,
          { names = { where, p[3] } })
      end)
    end
  end

  for _, verb in ipairs({ "post", "put" }) do
    local where = "client:" .. verb
    for _, b in ipairs(BAD_BODIES) do
      it(("%s refuses a body with %s"):format(where, b[1]), function()
        refusal.expect(function(client) return client[verb](client, "/contacts", body_value(b[2])) end,
          { names = { where, b[3] } })
      end)
    end
  end
end)

describe("collections", function()
  local BAD_LIMITS = { { "-1", -1 }, { "0/0", 0 / 0 }, { "\"x\"", "x" }, { "a table", {} }, { "a function", print },
    { "-math.huge", -math.huge } }
  for _, l in ipairs(BAD_LIMITS) do
    it(("to_array refuses the limit %s"):format(l[1]), function()
      refusal.expect(function(client) return client.admins:all():to_array(l[2]) end,
        { names = { "to_array", "limit" } })
    end)
  end
end)

-- A next-page link is data from the server: it may not move the token to
-- another host or port, however it is written.
describe("next-page links", function()
  local LINKS = { "https://evil.example/steal", "@evil.example/steal", ".evil.example/steal", ":8443/steal",
    "//evil.example/steal", "https://api.example.test@evil.example/steal", "https://api.example.test.evil.example/x" }
  for _, link in ipairs(LINKS) do
    it(("are followed only on the configured host: %q"):format(link), function()
      for _, mode in ipairs({ "raise", "safe" }) do
        local fake = require("fake_transport").new()
        fake.handler = function(_, n)
          if n == 1 then
            return { status = 200, body = { type = "list", data = { { type = "call", id = "1" } },
              pages = { type = "pages", page = 1, total_pages = 2, next = link } } }
          end
          return { status = 200, body = { type = "list", data = {} } }
        end
        local client = require("fake_transport").client(fake, { safe_api = mode == "safe" })
        pcall(function()
          for _ in client.calls:all() do end
        end)
        assert.is_true(#fake.requests >= 1)
        for _, req in ipairs(fake.requests) do
          assert.equal(BASE, req.url:sub(1, #BASE), "sent to " .. req.url)
        end
      end
    end)
  end
end)

describe("the escape hatch and collections, found by the suite", function()
  local CONTROL_PATHS = { { "CR", "/me\r/x" }, { "LF", "/me\nX-Injected: 1" }, { "CR LF", "/me\r\nX: y" },
    { "NUL", "/me\0/../contacts" } }
  for _, verb in ipairs(VERBS) do
    local where = "client:" .. verb
    for _, p in ipairs(CONTROL_PATHS) do
      it(("%s refuses a path with %s"):format(where, p[1]), function()
        refusal.expect(function(client) return client[verb](client, p[2]) end, { names = { where, "'path'" } })
      end)
    end
    it(("client.%s (a dot for a colon) is an ArgumentError saying to use %s"):format(verb, where), function()
      refusal.expect_raised(function(client) return client[verb]("/me") end, { names = { where, "colon" } })
    end)
  end

  it("to_array refuses a limit of 1.5", function()
    refusal.expect(function(client) return client.admins:all():to_array(1.5) end,
      { names = { "to_array", "limit" } })
  end)

  for _, name in ipairs({ "first", "to_array" }) do
    it(("collection.%s (a dot for a colon) is an ArgumentError saying to use a colon"):format(name), function()
      refusal.expect_raised(function(client) return client.admins:all()[name](5) end,
        { names = { name, "colon" } })
    end)
  end
end)
