/* Fuzz target: core.json_decode on arbitrary bytes, the path every response
 * body takes. json_decode never raises on bad input (it returns nil and a
 * reason), so a raw Lua error is a failure; so is a crash, an ASan report, or
 * a LUA_USE_APICHECK assertion (a C walk pushing past its Lua stack). The
 * decoded value is walked, every string read.
 *
 * The input is decoded as it is, then once more inside 1 to 64 arrays (the
 * input's length picks how many): a value sits as often deep in a response as
 * at its top, and two balanced mutations ("[" here, "]" there) are rare for
 * libFuzzer to make. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static void decode(lua_State *L, const char *text, size_t len) {
  lua_getglobal(L, "core");
  lua_getfield(L, -1, "json_decode");
  lua_remove(L, -2);
  lua_pushlstring(L, text, len);
  if (fuzz_pcall(L, 1, 2, FUZZ_RAISES_INTERCOM, "core.json_decode")) {
    if (lua_isnil(L, -2) && lua_isnil(L, -1)) fuzz_fail("json_decode returned nil without a reason");
    fuzz_touch(L, -2, 0);
    lua_pop(L, 2);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  lua_State *L = fuzz_state();
  size_t depth = 1 + size % 64;
  char *wrapped = malloc(size + 2 * depth);
  decode(L, (const char *)data, size);
  if (wrapped) {
    memset(wrapped, '[', depth);
    memcpy(wrapped + depth, data, size);
    memset(wrapped + depth + size, ']', depth);
    decode(L, wrapped, size + 2 * depth);
    free(wrapped);
  }
  fuzz_done(L);
  return 0;
}
