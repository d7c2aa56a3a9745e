-- The client: intercom.core (libcurl, and libcrypto for HMAC) and the Lua
-- package, for Lua 5.4 and LuaJIT (OpenResty), which LuaRocks calls 5.1. The
-- sandbox is the rock intercom-sandbox (rockspec/intercom-sandbox-scm-1.rockspec).
--   luarocks --lua-version=5.4 make --tree T --deps-mode=none rockspec/intercom-scm-1.rockspec
--   luarocks --lua-version=5.1 make --tree T --deps-mode=none rockspec/intercom-scm-1.rockspec
package = "intercom"
version = "scm-1"
rockspec_format = "3.0"

source = {
  url = "git+https://github.com/lua-intercom/lua-intercom.git",
}

description = {
  summary = "Intercom REST API client for Lua, with a C core on libcurl",
  detailed = [[
A client for the Intercom REST API for Lua 5.4 (and LuaJIT/OpenResty): the Ruby
gem's services and methods, lazy paging, typed objects with change tracking,
structured errors, retries and rate-limit handling. The local fake of the API
for offline tests is the rock intercom-sandbox.
]],
  license = "MIT",
  labels = { "intercom", "http", "api", "client" },
}

-- Lua 5.4, or the 5.1 API of LuaJIT (CMake picks the flavour from the lua.h
-- in LUA_INCDIR); not 5.2 or 5.3.
dependencies = {
  "lua >= 5.1, ~= 5.2, ~= 5.3, < 5.5",
  "lua-cjson >= 2.1.0",
}

-- libcurl is found by CMake through pkg-config: Debian keeps curl/curl.h in a
-- multiarch directory that LuaRocks' header search does not look in.
external_dependencies = {
  OPENSSL = { header = "openssl/evp.h" },
}

build = {
  type = "cmake",
  variables = {
    CMAKE_BUILD_TYPE = "Release",
    CMAKE_INSTALL_PREFIX = "$(PREFIX)",
    LUA_INCDIR = "$(LUA_INCDIR)",
    LUA_LMOD_DIR = "$(LUADIR)",
    LUA_CMOD_DIR = "$(LIBDIR)",
    BUILD_CLIENT = "ON",
    BUILD_SANDBOX = "OFF",
    BUILD_EXAMPLES = "OFF",
    INSTALL_C_LIBRARY = "OFF",
  },
}
