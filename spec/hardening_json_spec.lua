-- Hostile JSON and hostile values against the C core: nesting, cycles, bad
-- numbers, wrong operands of resource metamethods. Cases that used to crash
-- the process run in a child lua5.4, so a regression fails one test instead of
-- killing the run.
local core = require "intercom.core"
local intercom = require "intercom"
local http = require "http"
local fake_transport = require "fake_transport"
require "intercom.service" -- the class loader

local decode, encode = core.json_decode, core.json_encode
local LIMIT = 128 -- the nesting limit the README documents

-- Runs Lua code in a child lua5.4 with this run's module paths. The code must
-- print "OK" at its end. Returns the child's output and whether it said OK.
local function child(code)
  local file = os.tmpname()
  local f = assert(io.open(file, "w"))
  f:write(("package.path = %q\npackage.cpath = %q\n"):format(package.path, package.cpath), code)
  f:close()
  local p = assert(io.popen("lua5.4 " .. file .. " 2>&1; echo \"exit=$?\""))
  local out = p:read("a")
  p:close()
  os.remove(file)
  return out, out:find("\nOK\nexit=0\n", 1, true) ~= nil or out:find("^OK\nexit=0\n") ~= nil
end

local function nested_arrays(n, inner) return ("["):rep(n) .. (inner or "1") .. ("]"):rep(n) end

local function class_of(fn, ...)
  local ok, err = pcall(fn, ...)
  assert.is_false(ok, "expected an error")
  assert.is_true(core.is_error(err), "not an intercom.Error: " .. tostring(err))
  return err.class, err.message
end

describe("deeply nested JSON", function()
  it("a response nested 100-400 deep reads up to the limit, then is an UnexpectedResponseError", function()
    local out, ok = child([[
      local intercom = require "intercom"
      local sb = require("intercom.sandbox").start { port = 0 }
      local client = intercom.new { token = "t", base_url = sb.url }
      for _, depth in ipairs { 100, 128, 129, 400 } do
        sb:fault { route = "GET /me", status = 200, times = 3,
          body = ("["):rep(depth) .. "1" .. ("]"):rep(depth) }
        for _ = 1, 3 do
          local fine, err = pcall(client.get, client, "/me")
          if depth <= 128 then
            assert(fine, tostring(err))
            for _ = 2, depth do err = err[1] end
            assert(err[1] == 1)
          else
            assert(not fine and err.class == "UnexpectedResponseError", tostring(err))
            assert(err.message:find("nested more than 128", 1, true), err.message)
          end
        end
      end
      assert(client:get("/me").type == "admin")
      sb:stop()
      print("OK")
    ]])
    assert.is_true(ok, out)
  end)

  it("a request body nested 30-200 deep gets a 400 from the sandbox, which keeps running", function()
    local out, ok = child([[
      local http = require "http"
      local sb = require("intercom.sandbox").start { port = 0 }
      for _, depth in ipairs { 30, 50, 129, 200 } do
        for _, body in ipairs { ("["):rep(depth) .. "1" .. ("]"):rep(depth),
                                ('{"custom_attributes":'):rep(depth) .. "1" .. ("}"):rep(depth) } do
          local res = http.post(sb, "/contacts", body)
          assert(res.status == 400 or res.status == 422 or res.status == 200, res.status)
          if depth > 128 then assert(res.status == 400, depth .. ": " .. res.status) end
        end
      end
      assert(http.get(sb, "/me").status == 200)
      assert(#sb:requests() > 0)
      sb:stop()
      print("OK")
    ]])
    assert.is_true(ok, out)
  end)

  it("decodes up to the limit and refuses one level more, naming the limit", function()
    local out, ok = child([[
      local core = require "intercom.core"
      local function arrays(n) return ("["):rep(n) .. "1" .. ("]"):rep(n) end
      local function objects(n) return ('{"a":'):rep(n) .. "1" .. ("}"):rep(n) end
      local function mixed(n) return ('{"a":['):rep(n) .. "1" .. ("]}"):rep(n) end
      for _, make in ipairs { arrays, objects } do
        local v = assert(core.json_decode(make(128)))
        for _ = 1, 127 do v = v[1] or v.a end
        assert((v[1] or v.a) == 1)
        for _, n in ipairs { 129, 1000, 100000 } do
          local r, msg = core.json_decode(make(n))
          assert(r == nil and msg:find("nested more than 128", 1, true), tostring(msg))
        end
      end
      assert(core.json_decode(mixed(64)))
      assert(core.json_decode(mixed(65)) == nil)
      assert(core.json_decode(arrays(127):gsub("1", "[]", 1)))           -- an empty array is a level too
      assert(core.json_decode(arrays(128):gsub("1", "[]", 1)) == nil)
      assert(core.json_decode(arrays(127):gsub("1", '"\31x"', 1)))      -- sentinel strings deep down
      print("OK")
    ]])
    assert.is_true(ok, out)
  end)

  it("encoding a table nested deeper than the limit is an ArgumentError naming the limit", function()
    local out, ok = child([[
      local core = require "intercom.core"
      local function deep(n, leaf)
        local t = {}
        local x = t
        for _ = 2, n do x[1] = {} x = x[1] end
        x[1] = leaf
        return t
      end
      assert(core.json_encode(deep(128, 1)))
      for _, n in ipairs { 129, 200, 5000 } do
        local fine, err = pcall(core.json_encode, deep(n, 1))
        assert(not fine and err.class == "ArgumentError", tostring(err))
        assert(err.message:find("nested more than 128 levels", 1, true), err.message)
      end
      print("OK")
    ]])
    assert.is_true(ok, out)
  end)

  it("a NaN deep down is an ArgumentError with its path, not a heap corruption", function()
    local out, ok = child([[
      local core = require "intercom.core"
      for _, depth in ipairs { 60, 127 } do
        local t = {}
        local x = t
        for _ = 1, depth do x.a = {} x = x.a end
        x.n = 0 / 0
        local fine, err = pcall(core.json_encode, t)
        assert(not fine and err.class == "ArgumentError", tostring(err))
        assert(err.message:find("NaN at " .. ("a."):rep(depth) .. "n", 1, true), err.message)
      end
      local t = {}
      local x = t
      for i = 1, 100 do x[i % 3 == 0 and "k" or 1] = {} x = x[i % 3 == 0 and "k" or 1] end
      x[1] = print
      local fine, err = pcall(core.json_encode, t)
      assert(not fine and err.class == "ArgumentError", tostring(err))
      assert(err.message:find("function at [1][1].k[1][1].k", 1, true), err.message)
      print("OK")
    ]])
    assert.is_true(ok, out)
  end)

  it("posting a value nested 200 deep raises ArgumentError and sends nothing", function()
    local fake = fake_transport.new()
    local client = fake_transport.client(fake)
    local t = {}
    local x = t
    for _ = 1, 200 do x.a = {} x = x.a end
    assert.equal("ArgumentError", class_of(client.post, client, "/contacts", t))
    assert.equal(0, #fake.requests)
  end)
end)

describe("resources holding hostile values", function()
  it("reading a field holding an array that contains itself is an ArgumentError", function()
    local out, ok = child([[
      require "intercom.service"
      local core = require "intercom.core"
      local intercom = require "intercom"
      local c = core.resource(core.json_decode('{"type":"contact","id":"c1"}'))
      local t = intercom.array {}
      t[1] = t
      c.list = t
      local fine, err = pcall(function() return c.list end)
      assert(not fine and err.class == "ArgumentError", tostring(err))
      assert(err.message:find("list", 1, true), err.message)
      fine, err = pcall(tostring, c)
      assert(fine)
      fine, err = pcall(c.to_table, c)
      assert(not fine and err.class == "ArgumentError", tostring(err))
      fine, err = pcall(core.json_encode, c)
      assert(not fine and err.class == "ArgumentError", tostring(err))
      print("OK")
    ]])
    assert.is_true(ok, out)
  end)

  it("reads arrays nested as deep as JSON allows", function()
    local text = '{"type":"x","a":' .. nested_arrays(LIMIT - 2, '{"type":"y","k":2}') .. "}"
    local r = core.resource(assert(decode(text)))
    local x = r.a
    for _ = 1, LIMIT - 3 do x = x[1] end
    assert.equal(2, x[1].k)
    assert.same(decode(text), r:to_table())
    assert.is_true(r == core.resource(decode(text)))
    assert.same(decode(text), decode(encode(r)))
  end)

  it("changes nested deeper than JSON allows are an ArgumentError", function()
    local t = {}
    t.self = t
    local c = core.resource({ type = "contact", x = t })
    local r = c.x
    for _ = 1, LIMIT + 10 do r = r.self end
    r.leaf = 1
    assert.equal("ArgumentError", class_of(core.changes, c))
  end)

  it("== with something that is not a resource is false, never a crash", function()
    local out, ok = child([[
      require "intercom.service"
      local core = require "intercom.core"
      local intercom = require "intercom"
      local c = core.resource(core.json_decode('{"type":"contact","id":"c1"}'))
      local client = intercom.new { token = "t", base_url = "http://127.0.0.1:1" }
      assert(not (c == io.stdout) and not (io.stdout == c))
      assert(not (c == client) and not (client == c))
      assert(c == core.resource(core.json_decode('{"type":"contact","id":"c1"}')))
      print("OK")
    ]])
    assert.is_true(ok, out)
  end)

  it("metamethods called on something else raise ArgumentError", function()
    local out, ok = child([[
      require "intercom.service"
      local core = require "intercom.core"
      local c = core.resource(core.json_decode('{"type":"contact","id":"c1"}'))
      local mt = getmetatable(c)
      local iter = pairs(c)
      local calls = {
        function() return mt.__index(io.stdout, "email") end,
        function() return mt.__index({}, "email") end,
        function() return mt.__newindex(io.stdout, "email", "x") end,
        function() return mt.__tostring(io.stdout) end,
        function() return mt.__eq(io.stdout, io.stderr) end,
        function() return iter(io.stdout, nil) end,
      }
      for i, f in ipairs(calls) do
        local fine, err = pcall(f)
        if i == 5 then
          assert(fine and err == false, "__eq: " .. tostring(err))
        else
          assert(not fine and core.is_error(err) and err.class == "ArgumentError", i .. ": " .. tostring(err))
          assert(err.message:find("intercom.Resource", 1, true), err.message)
        end
      end
      print("OK")
    ]])
    assert.is_true(ok, out)
  end)
end)

describe("JSON numbers, strictly", function()
  it("refuses number tokens JSON does not allow instead of reading a prefix", function()
    for _, text in ipairs { "[1..0]", "[1.0.0]", "[1.]", "[-92233720368-54775808]", "[1e]", "[1e+]",
                            "[-]", "[01]", "[-01]", "[.5]", "[1.5e3.2]", "[12345678901234567890.]",
                            "[--1]", "[1-2]", "[1e5e5]", "[00000000000000000001]" } do
      local v, msg = decode(text)
      assert.is_nil(v, text)
      assert.is_string(msg, text)
    end
  end)

  it("keeps reading every valid number form", function()
    local v = assert(decode("[-0, 0, 1E+2, 1e-2, 2.5E-3, -0.0, 1e-400, 9223372036854775807, 123456789012345678901]"))
    assert.equal(0, v[1])
    assert.equal("float", math.type(v[3]))
    assert.equal(100.0, v[3])
    assert.equal(0.01, v[4])
    assert.equal(0.0025, v[5])
    assert.equal(0.0, v[7])
    assert.equal(math.maxinteger, v[8])
    assert.equal(1.2345678901234568e20, v[9])
  end)

  it("refuses numbers beyond a double's range, as it refuses to encode them", function()
    for _, text in ipairs { "[1e400]", "[-1e400]", '{"x":1.5e309}', "[" .. ("9"):rep(400) .. "]" } do
      local v, msg = decode(text)
      assert.is_nil(v, text)
      assert.matches("out of range", msg)
    end
  end)

  it("encodes number keys exactly, as object keys", function()
    assert.equal('{"123456789012345":"x"}', encode({ [123456789012345] = "x" }))
    assert.equal('{"9007199254740993":"x"}', encode({ [(1 << 53) + 1] = "x" }))
    assert.equal('{"-9223372036854775808":1}', encode({ [math.mininteger] = 1 }))
    assert.same({ ["1"] = "a", b = 2 }, decode(encode({ [1] = "a", b = 2 })))
    assert.same({ ["0.1"] = "x" }, decode(encode({ [0.1] = "x" })))
    assert.same({ ["0"] = "x", ["-3"] = "y" }, decode(encode({ [0] = "x", [-3] = "y" })))
    assert.same({ ["1"] = "a", ["1000"] = "b" }, decode(encode({ [1] = "a", [1000] = "b" })))
  end)

  it("keeps sequences arrays", function()
    assert.equal('["a","b"]', encode({ "a", "b" }))
    assert.equal('[1,null,3]', encode({ 1, nil, 3 }))
    assert.equal('{"x":[[1],[]]}', encode({ x = { { 1 }, intercom.array {} } }))
  end)

  it("refuses a table with the same key as a number and as a string", function()
    local class, message = class_of(encode, { a = { [1] = "x", ["1"] = "y", z = 0 } })
    assert.equal("ArgumentError", class)
    assert.matches("key 1 twice", message, 1, true)
    assert.matches("at a", message, 1, true)
    assert.equal("ArgumentError", (class_of(encode, { [math.huge] = 1, a = 1 })))
  end)
end)

describe("the sandbox journal", function()
  it("keeps working after a request body with a number out of range", function()
    local sb = require("intercom.sandbox").start { port = 0 }
    finally(function() sb:stop() end)
    local res = http.post(sb, "/contacts", '{"email":"big@example.com","custom_attributes":{"n":1e400}}')
    assert.equal(400, res.status)
    local reqs = sb:requests()
    assert.equal(1, #reqs)
    assert.matches("1e400", reqs[1].body, 1, true)
    assert.is_nil(reqs[1].json)
    assert.equal(200, http.get(sb, "/me").status)
    assert.equal(2, #sb:requests())
  end)

  it("keeps working after a request body nested as deep as JSON allows", function()
    local sb = require("intercom.sandbox").start { port = 0 }
    finally(function() sb:stop() end)
    local body = ('{"custom_attributes":'):rep(LIMIT) .. "1" .. ("}"):rep(LIMIT)
    http.post(sb, "/contacts", body)
    http.post(sb, "/contacts", nested_arrays(LIMIT))
    local reqs = sb:requests()
    assert.equal(2, #reqs)
    assert.equal(body, reqs[1].body)
    local v = reqs[1].json
    for _ = 1, LIMIT - 1 do v = v.custom_attributes end
    assert.equal(1, v.custom_attributes)
    assert.equal(200, http.get(sb, "/me").status)
  end)
end)

describe("object classes", function()
  it("do not keep memory for every unknown type a server sends", function()
    local fake, sent = fake_transport.new(), 0
    fake.handler = function()
      fake.requests = {}
      sent = sent + 1
      return { status = 200, body = ('{"type":"unknown_type_%d_%s","id":"x"}'):format(sent, ("p"):rep(64)) }
    end
    local client = fake_transport.client(fake)
    local function run(n)
      for _ = 1, n do assert(tostring(client:get("/x")):find("UnknownType", 1, true)) end
      collectgarbage("collect")
      collectgarbage("collect")
      return collectgarbage("count")
    end
    local before = run(2000)
    local after = run(20000)
    assert.is_true(after - before < 1024, ("grew by %.0f KB"):format(after - before))
  end)
end)
