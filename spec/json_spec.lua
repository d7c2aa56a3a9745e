local core = require "intercom.core"
local intercom = require "intercom"

local decode, encode = core.json_decode, core.json_encode

describe("JSON numbers", function()
  it("decodes JSON integers as Lua integers", function()
    local v = decode('{"a":1,"t":1700000000,"neg":-5,"zero":0}')
    for _, k in ipairs({ "a", "t", "neg", "zero" }) do assert.equal("integer", math.type(v[k])) end
    assert.equal(1700000000, v.t)
  end)

  it("keeps integers beyond 2^53 exact", function()
    local v = decode('[9007199254740993, -9223372036854775808, 9223372036854775807]')
    assert.equal((1 << 53) + 1, v[1])
    assert.equal(math.mininteger, v[2])
    assert.equal(math.maxinteger, v[3])
    assert.equal("integer", math.type(v[1]))
  end)

  it("keeps floats floats, including integral ones written as floats", function()
    local v = decode('[1.5, 1.0, 2e3, 0.1]')
    assert.equal("float", math.type(v[1]))
    assert.equal("float", math.type(v[2]))
    assert.equal(1.0, v[2])
    assert.equal("float", math.type(v[3]))
    assert.equal(0.1, v[4])
  end)

  it("encodes integers exactly, however large", function()
    assert.equal("[9007199254740993]", encode({ (1 << 53) + 1 }))
    assert.equal("[-9223372036854775808]", encode({ math.mininteger }))
    assert.equal("[123456789012345]", encode({ 123456789012345 }))
    assert.equal("[1700000000]", encode({ 1700000000 }))
  end)

  it("encodes floats so they read back as the same number", function()
    for _, x in ipairs({ 0.1, 1 / 3, 2 / 3 * 1e-300, 123456.789012345, -0.5 }) do
      local back = decode(encode({ x }))[1]
      assert.equal(x, back)
    end
  end)

  it("round-trips a deep structure unchanged", function()
    local text = '{"a":[1,2,{"b":[]}],"c":{},"d":9007199254740993,"e":0.25,"f":"x"}'
    local once = encode(decode(text))
    assert.same(decode(text), decode(once))
    assert.truthy(once:find('"b":[]', 1, true))
    assert.truthy(once:find('"c":{}', 1, true))
  end)

  it("refuses NaN and infinities, naming where they are", function()
    local ok, err = pcall(encode, { custom = { score = 0 / 0 } })
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.matches("NaN at custom.score", err.message, 1, true)
    ok, err = pcall(encode, { list = { 1, math.huge } })
    assert.is_false(ok)
    assert.matches("infinite number at list[2]", err.message, 1, true)
  end)
end)

describe("JSON structure", function()
  it("marks arrays, so an empty array stays an array", function()
    local v = decode('{"a":[],"b":{},"c":[1]}')
    assert.equal(core.array_mt, getmetatable(v.a))
    assert.is_nil(getmetatable(v.b))
    assert.equal('{"a":[]}', encode({ a = v.a }))
    assert.equal('{"b":{}}', encode({ b = v.b }))
    assert.equal('{"x":[]}', encode({ x = intercom.array{} }))
  end)

  it("decodes null as intercom.null and encodes it back", function()
    local v = decode('{"a":null}')
    assert.equal(intercom.null, v.a)
    assert.equal('{"a":null}', encode(v))
  end)

  it("carries strings that begin with the marker byte unchanged", function()
    local s = "\31i123"
    assert.equal(s, decode(encode({ s }))[1])
    local v = decode('{"\\u001fkey":"\\u001fvalue","n":1}')
    assert.equal("\31value", v["\31key"])
    assert.equal('["\\u001fi123"]', encode({ s }))
  end)

  it("returns nil and a message for text that is not JSON", function()
    local v, err = decode("<html>")
    assert.is_nil(v)
    assert.is_string(err)
  end)

  it("refuses what JSON cannot carry, naming the path", function()
    local t = {}
    t.self = t
    local ok, err = pcall(encode, t)
    assert.is_false(ok)
    assert.matches("contains itself", err.message)
    ok, err = pcall(encode, { hook = print })
    assert.is_false(ok)
    assert.matches("cannot encode a function at hook", err.message, 1, true)
    ok, err = pcall(encode, { [true] = 1 })
    assert.is_false(ok)
    assert.matches("key that is not a string", err.message)
  end)

  it("encodes resources by their attributes", function()
    local r = core.resource(decode('{"type":"tag","id":"7","name":"vip"}'))
    assert.same({ type = "tag", id = "7", name = "vip" }, decode(encode({ tag = r })).tag)
  end)
end)
