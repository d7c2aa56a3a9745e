-- A transport function for specs: records every request and answers from a
-- queue of responses (or failures), or from a handler function.
local core = require "intercom.core"

local _M = {}

-- fake = fake_transport.new{ {status = 200, body = {...}}, {fail = "connect"}, ... }
function _M.new(queue)
  local fake = { requests = {}, queue = queue or {} }
  fake.transport = function(req)
    fake.requests[#fake.requests + 1] = req
    local r = fake.handler and fake.handler(req, #fake.requests) or table.remove(fake.queue, 1)
    if r == nil then r = { status = 200, body = "{}" } end
    if r.fail then return nil, { kind = r.fail, message = "fake " .. r.fail } end
    local body = r.body
    if type(body) == "table" then body = core.json_encode(body) end
    return { status = r.status or 200, headers = r.headers or {}, body = body or "" }
  end
  return fake
end

-- A client on the fake transport; sleeps are recorded, not slept.
function _M.client(fake, opts)
  local intercom = require "intercom"
  opts = opts or {}
  fake.sleeps = {}
  local o = { token = "tok_fake_1234567890", base_url = "https://api.example.test", transport = fake.transport,
    sleep = function(s) fake.sleeps[#fake.sleeps + 1] = s end }
  for k, v in pairs(opts) do o[k] = v end
  local new = opts.safe_api and require("intercom.safe").new or intercom.new
  o.safe_api = nil
  return new(o)
end

return _M
