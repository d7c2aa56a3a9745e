-- Bodies nested too deep, with NaN far down, or containing themselves: an
-- ArgumentError before anything is sent, never a crash. Each case runs in a
-- child process (spec/support/isolated.lua), since a stack overflow in the
-- encoder corrupts the heap of whoever runs it.
local isolated = require "isolated"

local PRELUDE = [[
local fake_transport = require "fake_transport"
local fake = fake_transport.new()
local client = fake_transport.client(fake)
local safe_fake = fake_transport.new()
local safe_client = fake_transport.client(safe_fake, { safe_api = true })
local function nest(depth, leaf)
  local t = leaf
  for _ = 1, depth do t = { t } end
  return t
end
local function nest_objects(depth, leaf)
  local t = leaf
  for _ = 1, depth do t = { a = t } end
  return t
end
local function cycle()
  local t = {}
  t[1] = { t }
  return t
end
local function report(call)
  local ok, err = pcall(call, client)
  local _, nothing, safe_err = pcall(call, safe_client)
  print(("RESULT %s %s %d %s %s %d"):format(tostring(ok), ok and "-" or tostring(err.class), #fake.requests,
    tostring(nothing), safe_err and tostring(safe_err.class) or "-", #safe_fake.requests))
  if not ok then print("MESSAGE " .. tostring(err.message)) end
end
]]

-- { label, Lua expression of the call (a function of client) }
local CASES = {
  { "a body of arrays 300 deep", "function(c) return c:post('/contacts', { a = nest(300, 1) }) end" },
  { "a body of arrays 129 deep", "function(c) return c:post('/contacts', { a = nest(129, 1) }) end" },
  { "a body of arrays 1000 deep", "function(c) return c:post('/contacts', nest(1000, 1)) end" },
  { "a body of objects 300 deep", "function(c) return c:put('/contacts/1', nest_objects(300, 1)) end" },
  { "NaN 60 levels down", "function(c) return c:post('/contacts', nest_objects(60, 0/0)) end" },
  { "NaN 200 levels down", "function(c) return c:post('/contacts', nest(200, 0/0)) end" },
  { "a function 150 levels down", "function(c) return c:post('/contacts', nest(150, print)) end" },
  { "a table that contains itself two levels down", "function(c) return c:post('/contacts', cycle()) end" },
  { "custom_attributes 300 deep to contacts:create",
    "function(c) return c.contacts:create{ email = 'a@b.c', custom_attributes = { x = nest(300, 1) } } end" },
  { "a query of a search 300 deep to contacts:search",
    "function(c) local coll, err = c.contacts:search{ query = nest_objects(300, 1) } "
      .. "if not coll then return nil, err end return coll:first() end" },
  { "ticket_attributes 300 deep to tickets:create",
    "function(c) return c.tickets:create{ ticket_type_id = '1', contacts = { { id = '1' } }, "
      .. "ticket_attributes = { x = nest(300, 'x') } } end" },
}

describe("deeply nested bodies", function()
  for _, case in ipairs(CASES) do
    it(("are refused, not crashed on: %s"):format(case[1]), function()
      local out, exited = isolated.run(PRELUDE .. "report(" .. case[2] .. ")\n")
      assert.is_true(exited, "the process crashed:\n" .. out)
      local ok, class, sent, nothing, safe_class, safe_sent = out:match("RESULT (%S+) (%S+) (%d+) (%S+) (%S+) (%d+)")
      assert.is_not_nil(ok, out)
      assert.equal("false", ok, "the body was accepted")
      assert.equal("ArgumentError", class, out)
      assert.equal("0", sent, "a request was sent")
      assert.equal("nil", nothing)
      assert.equal("ArgumentError", safe_class, "through intercom.safe: " .. out)
      assert.equal("0", safe_sent, "intercom.safe sent a request")
    end)
  end
end)
