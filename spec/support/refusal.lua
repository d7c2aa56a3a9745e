-- The assertion the bad-input specs share: a call with bad input raises an
-- intercom.Error of the expected class, naming what it should, and sends
-- nothing; through intercom.safe the same call returns nil, err with the same
-- class. Each call runs twice, on fresh clients over recording transports.
--
--   refusal.expect(function(client) return client.tags:find(print) end,
--     { class = "ArgumentError", names = { "tags:find" } })
local busted = require "busted"
local core = require "intercom.core"
local fake_transport = require "fake_transport"

local assert = busted.assert

local _M = {}

_M.TOKEN = "tok_fake_1234567890"

-- A body every endpoint can live with, should a bad call get through.
local function answer()
  return { status = 200, body = { type = "admin", id = "1" } }
end

-- Runs call(client) on a fresh client ("raise" or "safe" mode).
-- Returns ok, first, second (pcall's results) and the recorded requests.
function _M.run(call, mode, opts)
  local fake = fake_transport.new()
  fake.handler = answer
  local o = { safe_api = mode == "safe" }
  for k, v in pairs(opts or {}) do o[k] = v end
  local client = fake_transport.client(fake, o)
  local ok, a, b = pcall(call, client)
  return ok, a, b, fake.requests
end

local function check_error(err, expect, mode)
  assert.is_true(core.is_error(err), ("%s: expected an intercom.Error, got %s"):format(mode, tostring(err)))
  assert.equal(expect.class or "ArgumentError", err.class, tostring(err))
  for _, part in ipairs(expect.names or {}) do
    assert.is_truthy(err.message:find(part, 1, true),
      ("%s: the message should name %s: %s"):format(mode, part, err.message))
  end
  assert.is_nil(tostring(err):find(_M.TOKEN, 1, true), "the token is in the message")
end

-- expect: { class = "ArgumentError", names = { plain strings the message holds } }
function _M.expect(call, expect)
  local ok, err, _, sent = _M.run(call, "raise")
  assert.is_false(ok, "expected an error, the call returned " .. tostring(err))
  check_error(err, expect, "raised")
  assert.equal(0, #sent, "a request was sent: " .. (sent[1] and sent[1].method .. " " .. sent[1].url or ""))

  local safe_ok, value, safe_err, safe_sent = _M.run(call, "safe")
  assert.is_true(safe_ok, "intercom.safe raised: " .. tostring(value))
  assert.is_nil(value, "intercom.safe returned a value")
  check_error(safe_err, expect, "intercom.safe")
  assert.equal(0, #safe_sent, "intercom.safe sent a request")
end

-- Like expect, but raised through intercom.safe too: for a call that gives
-- the method no client to know it is safe (client.get("/me"), a dot for a
-- colon, passes "/me" where the client should be).
function _M.expect_raised(call, expect)
  for _, mode in ipairs({ "raise", "safe" }) do
    local ok, err, _, sent = _M.run(call, mode)
    assert.is_false(ok, mode .. ": expected an error, the call returned " .. tostring(err))
    check_error(err, expect, mode)
    assert.equal(0, #sent, mode .. ": a request was sent")
  end
end

-- Does a URL's path have a "." or ".." segment (which servers and libcurl
-- resolve, reaching another endpoint)?
local function has_dot_segment(u)
  local path = u:match("^https?://[^/]+([^?#]*)") or u
  for segment in (path .. "/"):gmatch("/([^/]*)") do
    if segment == "." or segment == ".." then return true end
  end
  return false
end
_M.has_dot_segment = has_dot_segment

-- An id that would be a dot segment is either refused (as expect() checks)
-- or sent so that no dot segment reaches the wire (percent-encoded).
function _M.no_dot_segment(call, expect)
  for _, mode in ipairs({ "raise", "safe" }) do
    local ok, a, b, sent = _M.run(call, mode)
    local err = mode == "raise" and (not ok and a) or b
    if not ok and mode == "safe" then error(a, 0) end
    if err then
      check_error(err, expect, mode)
      assert.equal(0, #sent, "a request was sent with a refused id")
    else
      for _, req in ipairs(sent) do
        assert.is_false(has_dot_segment(req.url), "a dot segment was sent: " .. req.method .. " " .. req.url)
      end
    end
  end
end

return _M
