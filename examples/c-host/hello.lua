-- Run by the C host (examples/c-host/host.c), which linked the core in.
-- It shows the linked core serving the whole Lua package, sandbox included.
local intercom = require "intercom"
local sandbox = require("intercom.sandbox").start{ port = 0 }
local client = intercom.new{ token = "c-host", base_url = sandbox.url }

local contact = client.contacts:create{ email = "host@example.com", role = "user" }
print("c-host: created " .. tostring(contact))
print("c-host: " .. #client.contacts:all():to_array() .. " contacts in the sandbox")

client:close()
sandbox:stop()
