/* Fuzz target: ic_push_headers, the parser of every response's header block
 * (libcurl hands it the raw bytes, status line and folded lines included).
 * Each field must come out as the parser promises: a non-empty lowercase name
 * without ':' or a line break, a value without a line break and without blanks
 * at either end. */
#include <string.h>

#include "harness.h"
#include "headers.h"

static int push(lua_State *L) {
  size_t len;
  const char *s = lua_tolstring(L, 1, &len);
  /* NULL and zero length when empty: the client passes an unused buffer so */
  ic_push_headers(L, len ? s : NULL, len);
  return 1;
}

static void check_field(lua_State *L) {
  size_t nlen, vlen, i;
  const char *name, *value;
  if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING)
    fuzz_fail("a header field that is not string = string");
  name = lua_tolstring(L, -2, &nlen);
  value = lua_tolstring(L, -1, &vlen);
  if (nlen == 0) fuzz_fail("an empty header name");
  for (i = 0; i < nlen; i++)
    if ((name[i] >= 'A' && name[i] <= 'Z') || name[i] == ':' || name[i] == '\n')
      fuzz_fail("header name %s: uppercase, ':' or a line break", name);
  if (memchr(value, '\n', vlen)) fuzz_fail("header value with a line break");
  if (vlen && (value[0] == ' ' || value[0] == '\t')) fuzz_fail("header value with a leading blank");
  if (vlen && (value[vlen - 1] == ' ' || value[vlen - 1] == '\t' || value[vlen - 1] == '\r'))
    fuzz_fail("header value with a trailing blank");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  lua_State *L = fuzz_state();
  lua_pushcfunction(L, push);
  lua_pushlstring(L, (const char *)data, size);
  if (fuzz_pcall(L, 1, 1, FUZZ_RAISES_NOTHING, "ic_push_headers")) {
    if (!lua_istable(L, -1)) fuzz_fail("ic_push_headers pushed no table");
    lua_pushnil(L);
    while (lua_next(L, -2)) {
      check_field(L);
      lua_pop(L, 1);
    }
  }
  fuzz_done(L);
  return 0;
}
