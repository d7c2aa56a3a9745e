/* Response header parsing (see headers.h): plain bytes in, one Lua table out. */
#include <string.h>

#include "headers.h"

void ic_push_headers(lua_State *L, const char *data, size_t len) {
  const char *p = data, *end = data ? data + len : NULL;
  lua_newtable(L);
  while (p && p < end) {
    const char *eol = memchr(p, '\n', (size_t)(end - p));
    const char *colon, *v, *ve;
    if (!eol) eol = end;
    colon = memchr(p, ':', (size_t)(eol - p));
    if (colon && colon > p) {
      luaL_Buffer name;
      const char *k;
      v = colon + 1;
      ve = eol;
      while (v < ve && (*v == ' ' || *v == '\t')) v++;
      while (ve > v && (ve[-1] == '\r' || ve[-1] == ' ' || ve[-1] == '\t')) ve--;
      luaL_buffinit(L, &name);
      for (k = p; k < colon; k++)
        luaL_addchar(&name, (*k >= 'A' && *k <= 'Z') ? (char)(*k + 32) : *k);
      luaL_pushresult(&name);
      lua_pushlstring(L, v, (size_t)(ve - v));
      lua_rawset(L, -3);
    }
    p = eol + 1;
  }
}
