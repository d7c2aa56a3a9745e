-- luacheck: the client (lua/intercom, not its sandbox) must also run on LuaJIT
-- (OpenResty), so it is checked against LuaJIT's standard library; the
-- sandbox, specs, scripts' helpers, examples and benchmarks run on Lua 5.4.
std = "lua54"
max_line_length = 120
files["lua/intercom"] = { std = "luajit" }
files["lua/intercom/sandbox"] = { std = "lua54" }
files["spec"] = { std = "lua54+busted" }
exclude_files = { "build*/**", ".luarocks*/**" }
