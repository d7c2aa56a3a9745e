-- intercom.verify_signature and intercom.user_hash: the core's HMACs (libcrypto)
-- against digests computed independently, by python3's hmac module and by
-- `openssl dgst -hmac`, from files holding the same bytes.
local intercom = require "intercom"
local safe = require "intercom.safe"

local function tmpfile(content)
  local name = os.tmpname()
  local f = assert(io.open(name, "wb"))
  f:write(content)
  f:close()
  return name
end

-- The reference tools run without the sanitizer runtime the ASan suite
-- preloads (it would report python's and openssl's own exit-time leaks).
local function run(cmd)
  local p = assert(io.popen("env -u LD_PRELOAD -u ASAN_OPTIONS " .. cmd, "r"))
  local out = p:read("a")
  p:close()
  return out
end

-- HMAC of a body read from a file by python3: no shell quoting of the bytes.
local function python_hmac(alg, secret, body)
  local sfile, bfile = tmpfile(secret), tmpfile(body)
  local out = run(("python3 -c 'import hmac,hashlib,sys; k=open(sys.argv[1],\"rb\").read(); "
    .. "b=open(sys.argv[2],\"rb\").read(); print(hmac.new(k,b,hashlib.%s).hexdigest())' %s %s")
    :format(alg, sfile, bfile))
  os.remove(sfile)
  os.remove(bfile)
  return (out:gsub("%s+$", ""))
end

-- openssl dgst -sha1 -hmac <key> (the key on the command line: plain ASCII only)
local function openssl_hmac(alg, secret, body)
  local bfile = tmpfile(body)
  local out = run(("openssl dgst -%s -hmac '%s' < %s"):format(alg, secret, bfile))
  os.remove(bfile)
  return out:match("(%x+)%s*$")
end

local SECRET = "a1b2c3-client-secret"
local BODY = '{"type":"notification_event","topic":"contact.user.created","id":"notif_1",'
  .. '"data":{"type":"notification_event_data","item":{"type":"contact","id":"6","name":"Zo\u{eb} \u{1F600}"}}}'

describe("intercom.verify_signature", function()
  local hex

  setup(function()
    hex = python_hmac("sha1", SECRET, BODY)
    assert.matches("^%x+$", hex)
    assert.equal(40, #hex)
    assert.equal(hex, openssl_hmac("sha1", SECRET, BODY)) -- the two references agree
  end)

  it("accepts the signature python3 and openssl compute for the raw body", function()
    assert.same({ true }, { intercom.verify_signature(SECRET, BODY, "sha1=" .. hex) })
    assert.is_true(intercom.verify_signature(SECRET, BODY, "sha1=" .. hex:upper())) -- hex in either case
    assert.is_true(intercom.verify_signature(SECRET, BODY, " sha1=" .. hex .. "\t")) -- as a proxy may pad it
  end)

  it("checks bodies with any bytes, NULs included, against python3's digest", function()
    local body = "\0\1\2" .. ("\255"):rep(300) .. "{}\0"
    local secret = "k\0ey"
    assert.is_true(intercom.verify_signature(secret, body, "sha1=" .. python_hmac("sha1", secret, body)))
    assert.is_true(intercom.verify_signature(SECRET, "", "sha1=" .. python_hmac("sha1", SECRET, "")))
  end)

  it("rejects a body with one byte changed, anywhere", function()
    for _, at in ipairs({ 1, #BODY // 2, #BODY }) do
      local b = BODY:byte(at)
      local changed = BODY:sub(1, at - 1) .. string.char((b + 1) % 256) .. BODY:sub(at + 1)
      local ok, why = intercom.verify_signature(SECRET, changed, "sha1=" .. hex)
      assert.is_false(ok)
      assert.equal("the signature does not match the body", why)
    end
    assert.is_false(intercom.verify_signature(SECRET, BODY .. "\n", "sha1=" .. hex))
  end)

  it("rejects a digest with one hex digit changed", function()
    local last = hex:sub(-1)
    local other = last == "0" and "1" or "0"
    assert.is_false(intercom.verify_signature(SECRET, BODY, "sha1=" .. hex:sub(1, -2) .. other))
  end)

  it("rejects a wrong secret", function()
    local ok, why = intercom.verify_signature(SECRET .. "x", BODY, "sha1=" .. hex)
    assert.is_false(ok)
    assert.equal("the signature does not match the body", why)
    assert.is_false(intercom.verify_signature("another", BODY, "sha1=" .. hex))
  end)

  it("rejects truncated and malformed headers with a reason, never raising", function()
    local cases = {
      ["sha1=" .. hex:sub(1, 39)] = "not 40 hex digits",
      ["sha1=" .. hex:sub(1, 20)] = "not 40 hex digits",
      ["sha1="] = "not 40 hex digits",
      ["sha1=" .. hex .. "00"] = "not 40 hex digits",
      ["sha1=" .. hex:sub(1, 39) .. "g"] = "not 40 hex digits",
      ["sha1"] = "no algorithm",
      [hex] = "no algorithm",
      [""] = "empty",
      ["   "] = "empty",
      ["sha256=" .. python_hmac("sha256", SECRET, BODY)] = "another algorithm",
      ["SHA1=" .. hex] = "another algorithm",
      ["md5=" .. hex] = "another algorithm",
      ["sha1 =" .. hex] = "another algorithm",
      ["sha1==" .. hex] = "not 40 hex digits",
    }
    for header, reason in pairs(cases) do
      local ok, why = intercom.verify_signature(SECRET, BODY, header)
      assert.is_false(ok, header)
      assert.matches(reason, why, 1, true)
    end
  end)

  it("rejects a missing header, and a repeated one (a table, as nginx gives it)", function()
    local ok, why = intercom.verify_signature(SECRET, BODY, nil)
    assert.is_false(ok)
    assert.equal("no X-Hub-Signature header", why)
    ok, why = intercom.verify_signature(SECRET, BODY)
    assert.is_false(ok)
    assert.equal("no X-Hub-Signature header", why)
    ok, why = intercom.verify_signature(SECRET, BODY, { "sha1=" .. hex, "sha1=" .. hex })
    assert.is_false(ok)
    assert.matches("not a single string", why)
    assert.is_false(intercom.verify_signature(SECRET, BODY, 12))
    assert.is_false(intercom.verify_signature(SECRET, BODY, false))
  end)

  it("raises ArgumentError for the caller's own mistakes: the secret and the body's type", function()
    for _, bad in ipairs({ { nil, BODY }, { "", BODY }, { 12, BODY }, { SECRET, nil }, { SECRET, {} } }) do
      local ok, err = pcall(intercom.verify_signature, bad[1], bad[2], "sha1=" .. hex)
      assert.is_false(ok)
      assert.is_true(err:is(intercom.errors.ArgumentError))
      assert.matches("intercom.verify_signature: argument '", err.message, 1, true)
    end
    -- the message never shows the secret
    local _, err = pcall(intercom.verify_signature, SECRET, 5, "x")
    assert.not_matches(SECRET, err.message, 1, true)
    assert.equal(intercom.verify_signature, safe.verify_signature)
  end)
end)

describe("intercom.user_hash", function()
  it("is the hex HMAC-SHA256 python3 and openssl compute, for a user_id or an email", function()
    for _, value in ipairs({ "25", "zoe@example.com", "\u{e9}l\u{e8}ve-7" }) do
      local want = python_hmac("sha256", "iv-secret", value)
      assert.equal(64, #want)
      assert.equal(want, intercom.user_hash("iv-secret", value))
      assert.equal(want, openssl_hmac("sha256", "iv-secret", value))
    end
  end)

  it("takes an integer user_id as its decimal text", function()
    assert.equal(intercom.user_hash("s", "1234567890123"), intercom.user_hash("s", 1234567890123))
  end)

  it("raises ArgumentError naming the argument", function()
    for _, bad in ipairs({ { nil, "x" }, { "", "x" }, { "s", nil }, { "s", "" }, { "s", 1.5 }, { "s", {} } }) do
      local ok, err = pcall(intercom.user_hash, bad[1], bad[2])
      assert.is_false(ok)
      assert.is_true(err:is(intercom.errors.ArgumentError))
      assert.matches("intercom.user_hash: argument '", err.message, 1, true)
    end
  end)
end)
