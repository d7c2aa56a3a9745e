-- luarocks --lua-version=5.4 make --tree T --deps-mode=none rockspec/intercom-scm-1.rockspec
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
structured errors, retries and rate-limit handling, and a local stateful
sandbox of the API for offline tests.
]],
  license = "MIT",
  labels = { "intercom", "http", "api", "client" },
}

dependencies = {
  "lua >= 5.1",
  "lua-cjson >= 2.1.0",
}

-- libcurl is found by CMake through pkg-config: Debian keeps curl/curl.h in a
-- multiarch directory that LuaRocks' header search does not look in.
external_dependencies = {
  MICROHTTPD = { header = "microhttpd.h" },
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
    INSTALL_C_LIBRARY = "OFF",
    CMAKE_INSTALL_BINDIR = "$(BINDIR)", -- the intercom command (built when libedit-dev is there)
  },
}
