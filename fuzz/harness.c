/* The shared fuzz harness (see harness.h). */
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intercom.h"
#include "error.h"

#ifndef FUZZ_ROOT
#error "FUZZ_ROOT: the repository's directory (set by fuzz/CMakeLists.txt)"
#endif

static lua_State *state;

void fuzz_fail(const char *fmt, ...) {
  va_list ap;
  fputs("\n== fuzz: invariant broken: ", stderr);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  abort();
}

/* fail(message) from a target's Lua checks. */
static int lua_fail(lua_State *L) {
  fuzz_fail("%s", luaL_tolstring(L, 1, NULL));
  return 0;
}

static int traceback(lua_State *L) {
  if (luaL_testudata(L, 1, IC_ERROR_MT)) return 1; /* keep intercom.Error as it is */
  luaL_traceback(L, L, luaL_tolstring(L, 1, NULL), 1);
  return 1;
}

lua_State *fuzz_state(void) {
  lua_State *L;
  if (state) return state;
  L = luaL_newstate();
  if (!L) abort();
  luaL_openlibs(L);
  lua_getglobal(L, "package");
  lua_pushstring(L, FUZZ_ROOT "/lua/?.lua;" FUZZ_ROOT "/lua/?/init.lua");
  lua_setfield(L, -2, "path");
  lua_getfield(L, -1, "preload");
  lua_pushcfunction(L, luaopen_intercom_core); /* the instrumented core, never a core.so */
  lua_setfield(L, -2, "intercom.core");
  lua_pop(L, 2);
  lua_pushcfunction(L, lua_fail);
  lua_setglobal(L, "fail");
  lua_getglobal(L, "require");
  lua_pushliteral(L, "intercom.core");
  if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
    fprintf(stderr, "fuzz: cannot load intercom.core: %s\n", lua_tostring(L, -1));
    abort();
  }
  lua_setglobal(L, "core");
  state = L;
  return L;
}

void fuzz_done(lua_State *L) {
  lua_settop(L, 0);
  lua_gc(L, LUA_GCCOLLECT, 0);
}

int fuzz_pcall(lua_State *L, int nargs, int nresults, int allowed, const char *what) {
  int base = lua_gettop(L) - nargs - 1, rc;
  lua_pushcfunction(L, traceback);
  lua_insert(L, base + 1);
  rc = lua_pcall(L, nargs, nresults, base + 1);
  lua_remove(L, base + 1);
  if (rc == LUA_OK) return 1;
  if (rc == LUA_ERRMEM || (allowed == FUZZ_RAISES_INTERCOM && luaL_testudata(L, -1, IC_ERROR_MT))) {
    lua_settop(L, base);
    return 0;
  }
  fuzz_fail("%s raised %s", what, luaL_tolstring(L, -1, NULL));
  return 0;
}

int fuzz_lua_function(lua_State *L, const char *name, const char *code) {
  if (luaL_loadbuffer(L, code, strlen(code), name) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK) {
    fprintf(stderr, "fuzz: %s: %s\n", name, lua_tostring(L, -1));
    abort();
  }
  return luaL_ref(L, LUA_REGISTRYINDEX);
}

void fuzz_touch(lua_State *L, int idx, int depth) {
  volatile unsigned char sink = 0;
  idx = lua_absindex(L, idx);
  switch (lua_type(L, idx)) {
  case LUA_TSTRING: {
    size_t n, i;
    const char *s = lua_tolstring(L, idx, &n);
    for (i = 0; i < n; i++) sink ^= (unsigned char)s[i];
    if (s[n] != '\0') fuzz_fail("a Lua string without its terminating NUL");
    break;
  }
  case LUA_TNUMBER:
    (void)lua_tonumber(L, idx);
    break;
  case LUA_TTABLE:
    if (depth > 2000) fuzz_fail("a value nested more than 2000 deep");
    luaL_checkstack(L, 4, "fuzz_touch");
    if (lua_getmetatable(L, idx)) lua_pop(L, 1);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
      fuzz_touch(L, -2, depth + 1);
      fuzz_touch(L, -1, depth + 1);
      lua_pop(L, 1);
    }
    break;
  default:
    break;
  }
  (void)sink;
}
