/* A C host that links lua-intercom statically: it registers the core with
 * luaL_requiref, then runs a Lua script that uses `require "intercom"`.
 *
 *   build/examples/c-host examples/c-host/hello.lua
 *
 * The Lua package (lua/intercom/) and lua-cjson must be on package.path and
 * package.cpath, as for any Lua program. */
#include <stdio.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <intercom.h>

int main(int argc, char **argv) {
  lua_State *L;
  int status;
  if (argc < 2) {
    fprintf(stderr, "usage: %s script.lua\n", argv[0]);
    return 2;
  }
  L = luaL_newstate();
  luaL_openlibs(L);
  /* The core is linked in: register it so require "intercom.core" finds it. */
  luaL_requiref(L, "intercom.core", luaopen_intercom_core, 0);
  lua_pop(L, 1);
  status = luaL_dofile(L, argv[1]);
  if (status != LUA_OK) {
    fprintf(stderr, "%s\n", luaL_tolstring(L, -1, NULL));
  }
  lua_close(L);
  return status == LUA_OK ? 0 : 1;
}
