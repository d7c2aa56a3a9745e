/* A C host that links lua-intercom statically: it registers the core in
 * package.preload, then runs a Lua script that uses `require "intercom"`.
 *
 *   build/examples/c-host examples/c-host/hello.lua
 *
 * The Lua package (lua/intercom/) and lua-cjson must be on package.path and
 * package.cpath, as for any Lua program; the sandbox's front
 * (intercom/sandbox/front.so, a module of its own) too for hello.lua. */
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
  /* The core is linked in: register its loader so require "intercom.core"
   * finds it (preload rather than luaL_requiref: the sandbox copies a
   * preloaded core into the Lua state it starts). */
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  lua_pushcfunction(L, luaopen_intercom_core);
  lua_setfield(L, -2, "intercom.core");
  lua_pop(L, 1);
  status = luaL_dofile(L, argv[1]);
  if (status != LUA_OK) {
    fprintf(stderr, "%s\n", luaL_tolstring(L, -1, NULL));
  }
  lua_close(L);
  return status == LUA_OK ? 0 : 1;
}
