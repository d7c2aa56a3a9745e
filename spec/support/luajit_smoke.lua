-- Run by make test under LuaJIT (OpenResty's Lua): the core built against
-- LuaJIT's headers loads, and the client package works on it.
local intercom = require "intercom"
local core = require "intercom.core"

local decoded = assert(core.json_decode('{"id":"1","n":42,"list":[],"obj":{"type":"contact","email":"a@b.c"}}'))
assert(decoded.n == 42)
assert(core.json_encode({ n = 42, list = intercom.array{} }):find('"list":[]', 1, true))
local contact = core.resource(decoded.obj)
assert(tostring(contact):find("intercom.Contact", 1, true))
local client = intercom.new{ token = "t", base_url = "http://127.0.0.1:9", max_retries = 0 }
local ok, err = pcall(function() return client.contacts:find("x") end)
assert(not ok and err:is(intercom.errors.ServiceConnectionError), tostring(err))
client:close()
local jit = rawget(_G, "jit")
print("luajit smoke: ok (" .. _VERSION .. ", " .. (jit and jit.version or "?") .. ")")
