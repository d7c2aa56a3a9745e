/* intercom: the executable. A Lua 5.4 state with the core linked in and the
 * Lua package embedded, so it runs from any directory without LUA_PATH; the
 * command line is handled in Lua (intercom.cli.main), which returns the exit
 * status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>

#include "intercom.h"
#include "cli.h"
#include "front.h"

/* A package.preload loader: compiles the embedded module of the upvalue's
 * index and runs it with the module name, as a file loader would. */
static int load_embedded(lua_State *L) {
  const IcEmbedded *m = &ic_embedded_modules[lua_tointeger(L, lua_upvalueindex(1))];
  char chunkname[256];
  snprintf(chunkname, sizeof chunkname, "@%s", m->path);
  if (luaL_loadbufferx(L, (const char *)m->source, m->len, chunkname, "t") != LUA_OK) return lua_error(L);
  lua_pushstring(L, m->name);
  lua_pushliteral(L, ":embedded:");
  lua_call(L, 2, 1);
  return 1;
}

void ic_cli_preload(lua_State *L) {
  lua_Integer i;
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  for (i = 0; ic_embedded_modules[i].name; i++) {
    lua_pushinteger(L, i);
    lua_pushcclosure(L, load_embedded, 1);
    lua_setfield(L, -2, ic_embedded_modules[i].name);
  }
  lua_pushcfunction(L, luaopen_intercom_core);
  lua_setfield(L, -2, "intercom.core");
  lua_pushcfunction(L, luaopen_intercom_sandbox_front);
  lua_setfield(L, -2, "intercom.sandbox.front");
  lua_pushcfunction(L, luaopen_intercom_cli_edit);
  lua_setfield(L, -2, "intercom.cli.edit");
  lua_pushcfunction(L, luaopen_intercom_cli_sys);
  lua_setfield(L, -2, "intercom.cli.sys");
  lua_pop(L, 1);
}

/* The sandbox runs its app in a Lua state of its own, which registers the
 * core with luaL_requiref(luaopen_intercom_core). The executable is linked
 * with -Wl,--wrap=luaopen_intercom_core so that every state the core opens
 * in (the sandbox's too) also finds the embedded package. */
int __real_luaopen_intercom_core(lua_State *L);
int __wrap_luaopen_intercom_core(lua_State *L);
int __wrap_luaopen_intercom_core(lua_State *L) {
  ic_cli_preload(L);
  return __real_luaopen_intercom_core(L);
}

static int run(lua_State *L) {
  int argc = (int)lua_tointeger(L, 1), i;
  char **argv = (char **)lua_touserdata(L, 2);
  luaL_openlibs(L);
  ic_cli_preload(L);
  lua_getglobal(L, "require");
  lua_pushliteral(L, "intercom.cli.main");
  lua_call(L, 1, 1);
  lua_createtable(L, argc, 1);
  for (i = 0; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i);
  }
  lua_call(L, 1, 1);
  return 1;
}

int main(int argc, char **argv) {
  int status;
  lua_State *L = luaL_newstate();
  if (!L) {
    fputs("intercom: cannot create a Lua state (out of memory)\n", stderr);
    return 1;
  }
  lua_pushcfunction(L, run);
  lua_pushinteger(L, argc);
  lua_pushlightuserdata(L, argv);
  if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
    /* intercom.cli.main catches what a user can cause: this is a bug. */
    const char *msg = lua_tostring(L, -1);
    fprintf(stderr, "intercom: internal error: %s\n", msg ? msg : "(no message)");
    lua_close(L);
    return 1;
  }
  status = lua_isinteger(L, -1) ? (int)lua_tointeger(L, -1) : 0;
  fflush(stdout);
  lua_close(L); /* stops a sandbox left running, closes clients */
  return status;
}
