/* What every fuzz target shares: one lua_State with the core and the Lua
 * package loaded, and a protected call that tells expected Lua errors from
 * failures. A failure (a raw Lua error where only an intercom.Error may come,
 * a broken invariant) prints what happened and aborts, which libFuzzer records
 * as a crash, like an ASan report or a LUA_USE_APICHECK assertion. */
#ifndef FUZZ_HARNESS_H
#define FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

/* The shared state, created on first use: standard libraries, package.path
 * on the repository's lua/, intercom.core linked in (package.preload), lua-cjson
 * from the system. The stack is empty between inputs. */
lua_State *fuzz_state(void);

/* Ends an input: empties the stack and collects its garbage. Without the full
 * collection, Lua's deferred frees look to libFuzzer like a leak in every
 * input, and LeakSanitizer scans after each one (a hundred times slower). */
void fuzz_done(lua_State *L);

/* What a protected call may raise without that being a failure. */
enum {
  FUZZ_RAISES_NOTHING,    /* any error is a failure (out of memory excepted) */
  FUZZ_RAISES_INTERCOM,   /* an intercom.Error is fine; a raw error is a failure */
};

/* lua_pcall with a traceback. Returns 1 when the call returned (its results on
 * the stack), 0 when it raised an allowed error (nothing left on the stack);
 * aborts on any other error. */
int fuzz_pcall(lua_State *L, int nargs, int nresults, int allowed, const char *what);

/* Loads a chunk of Lua (the target's checks) once and returns a registry
 * reference to the function it returns. */
int fuzz_lua_function(lua_State *L, const char *name, const char *code);

/* Prints the message and the input, then aborts: a broken invariant. */
void fuzz_fail(const char *fmt, ...);

/* Visits every value of a decoded or built tree, reading each string's bytes
 * (so ASan checks them) and the table's metatable; bounded by depth. */
void fuzz_touch(lua_State *L, int idx, int depth);

#endif
