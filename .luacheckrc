-- luacheck: lua/ must also run on LuaJIT (OpenResty); specs use busted.
std = "lua54"
max_line_length = 120
files["spec"] = { std = "+busted" }
files["lua/intercom/sandbox"] = { std = "lua54" }
exclude_files = { "build*/**", ".luarocks*/**" }
