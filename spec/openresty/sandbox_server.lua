-- The sandbox in a process of its own, for nginx to call (Lua 5.4):
--   lua5.4 spec/openresty/sandbox_server.lua
-- Prints its URL, then serves until killed. GET /contacts/{id} answers after
-- a 1 s delay (on libmicrohttpd's thread per connection, so ten such calls
-- take 1 s together, not 10 s).
local socket = require "socket"
local sandbox = require("intercom.sandbox").start{ port = 0 }
sandbox:fault{ route = "GET /contacts/{id}", delay = 1, times = 100000 }
io.stdout:write(sandbox.url, "\n")
io.stdout:flush()
while true do socket.sleep(3600) end
