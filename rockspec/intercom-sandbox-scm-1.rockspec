-- The sandbox: a local, stateful fake of the Intercom API for offline tests,
-- in the calling Lua state (require("intercom.sandbox").new(), through a
-- transport for intercom.new) or on an HTTP port of the calling process
-- (start{ port = 0 }: the C module intercom.sandbox.front, on libmicrohttpd).
-- Lua 5.4; it uses the client's intercom.core for JSON.
--   luarocks --lua-version=5.4 make --tree T --deps-mode=none rockspec/intercom-sandbox-scm-1.rockspec
package = "intercom-sandbox"
version = "scm-1"
rockspec_format = "3.0"

source = {
  url = "git+https://github.com/lua-intercom/lua-intercom.git",
}

description = {
  summary = "A local fake of the Intercom API, for testing lua-intercom integrations offline",
  detailed = [[
The Intercom API as a stateful fake: the shapes of the 2.15 schemas, cursor
pages, the search language, a working rate limiter, a journal of what was
sent, and faults on demand. Served in-process through a transport for
intercom.new, or over HTTP from a libmicrohttpd front for other processes.
With it comes the intercom command (when libedit is there): a REPL to explore
the API, a script runner, one-shot calls and a standalone sandbox server.
]],
  license = "MIT",
  labels = { "intercom", "testing", "sandbox", "fake" },
}

dependencies = {
  "lua >= 5.4",
  "intercom",
  "luasocket", -- webhook deliveries to subscribers (loaded only when delivering)
}

external_dependencies = {
  MICROHTTPD = { header = "microhttpd.h" },
}

build = {
  type = "cmake",
  variables = {
    CMAKE_BUILD_TYPE = "Release",
    CMAKE_INSTALL_PREFIX = "$(PREFIX)",
    LUA_INCDIR = "$(LUA_INCDIR)",
    LUA_LMOD_DIR = "$(LUADIR)",
    LUA_CMOD_DIR = "$(LIBDIR)",
    BUILD_CLIENT = "OFF",
    BUILD_SANDBOX = "ON",
    BUILD_EXAMPLES = "OFF",
    CMAKE_INSTALL_BINDIR = "$(BINDIR)", -- the intercom command (built when libedit-dev is there)
  },
}
