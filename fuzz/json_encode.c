/* Fuzz target: core.json_encode, two ways, chosen by the first byte.
 *
 * Even: a round trip. The rest is decoded; a value that decodes must encode
 * (or be refused with an intercom.Error, e.g. 1e400 read as infinity) to text
 * that decodes to the same value: same types and numbers (an integer still
 * an integer), the array marker, every byte of every string.
 *
 * Odd: the rest is a small program that builds a Lua value: nested tables
 * (hundreds deep in one step), integers of every size, raw doubles (NaN,
 * infinities, -0), strings starting with the core's sentinel byte, null,
 * numeric and string keys, cycles, functions and userdata. Encoding it must
 * return a string or raise an intercom.Error (ArgumentError), nothing else;
 * a shallow value it accepts must decode again. */
#include <math.h>
#include <string.h>

#include "harness.h"

#define MAX_OPEN 1200 /* deeper than any limit the core may set */

static const char ROUND_TRIP[] =
    "local decode, encode = core.json_decode, core.json_encode\n"
    "local type, pairs, getmetatable, math_type = type, pairs, getmetatable, math.type\n"
    "local function same(a, b)\n"
    "  if type(a) ~= type(b) then return false end\n"
    "  -- an integer stays one (ids beyond 2^53); an integral float may come back as an integer\n"
    "  if type(a) == 'number' then return a == b and (math_type(a) ~= 'integer' or math_type(b) == 'integer') end\n"
    "  if type(a) ~= 'table' then return a == b end\n"
    "  if getmetatable(a) ~= getmetatable(b) then return false end\n"
    "  for k, v in pairs(a) do if not same(v, b[k]) then return false end end\n"
    "  for k in pairs(b) do if a[k] == nil then return false end end\n"
    "  return true\n"
    "end\n"
    "return function(text)\n"
    "  local ok, v = pcall(decode, text)\n"
    "  if not ok then\n"
    "    if core.is_error(v) then return end\n"
    "    error(v, 0)\n"
    "  end\n"
    "  if v == nil then return end\n"
    "  local ok, out = pcall(encode, v)\n"
    "  if not ok then\n"
    "    if core.is_error(out) then return end\n"
    "    error(out, 0)\n"
    "  end\n"
    "  if type(out) ~= 'string' then fail('json_encode returned a ' .. type(out)) end\n"
    "  local back, why = decode(out)\n"
    "  if back == nil then fail(('decode refuses what encode wrote (%s): %q'):format(tostring(why), out)) end\n"
    "  if not same(v, back) then fail(('the round trip changed the value: %q -> %q'):format(text, out)) end\n"
    "end\n";

typedef struct {
  const uint8_t *p, *end;
} Input;

static int take(Input *in, void *out, size_t n) {
  if ((size_t)(in->end - in->p) < n) return 0;
  memcpy(out, in->p, n);
  in->p += n;
  return 1;
}

static int byte(Input *in) {
  uint8_t b = 0;
  return take(in, &b, 1) ? b : -1;
}

/* Stores the value on top into the table below it: under the pending key if
 * any (slot key), else appended. A NaN key cannot be stored: the value is dropped. */
static void store(lua_State *L, int key) {
  int t = key - 1;
  if (lua_isnil(L, key)) {
    lua_rawseti(L, t, (lua_Integer)lua_rawlen(L, t) + 1);
    return;
  }
  if (lua_type(L, key) == LUA_TNUMBER && lua_tonumber(L, key) != lua_tonumber(L, key)) {
    lua_pop(L, 1);
    return;
  }
  lua_pushvalue(L, key);
  lua_insert(L, -2);
  lua_rawset(L, t);
  lua_pushnil(L);
  lua_replace(L, key);
}

/* Builds the value: the stack holds pairs (table, its pending key), from the
 * root up. Returns the depth reached. */
static int build(lua_State *L, Input *in, int *open) {
  int deepest = 1, op, root = lua_gettop(L) + 1;
  lua_newtable(L);
  lua_pushnil(L);
  *open = 1;
  while ((op = byte(in)) >= 0) {
    int key = lua_gettop(L), t = key - 1;
    luaL_checkstack(L, 8, "fuzz build");
    switch (op % 16) {
    case 0: /* open a table */
      if (*open >= MAX_OPEN) break;
      lua_newtable(L);
      lua_pushnil(L);
      (*open)++;
      break;
    case 1: /* close the current table into its parent */
      if (*open == 1) break;
      lua_pop(L, 1);
      store(L, t - 1);
      (*open)--;
      break;
    case 2: { /* an integer, any size */
      lua_Integer v = 0;
      if (!take(in, &v, sizeof v)) break;
      lua_pushinteger(L, v);
      store(L, key);
      break;
    }
    case 3: { /* a raw double: NaN, infinities, -0, subnormals */
      double d = 0;
      if (!take(in, &d, sizeof d)) break;
      lua_pushnumber(L, d);
      store(L, key);
      break;
    }
    case 4: /* a string, possibly starting with the sentinel byte */
    case 7: { /* a string key */
      int n = byte(in);
      size_t len;
      if (n < 0) break;
      len = (size_t)n <= (size_t)(in->end - in->p) ? (size_t)n : (size_t)(in->end - in->p);
      lua_pushlstring(L, (const char *)in->p, len);
      in->p += len;
      if (op % 16 == 7) lua_replace(L, key);
      else store(L, key);
      break;
    }
    case 5:
      lua_pushboolean(L, op & 16);
      store(L, key);
      break;
    case 6:
      lua_getglobal(L, "core");
      lua_getfield(L, -1, "null");
      lua_remove(L, -2);
      store(L, key);
      break;
    case 8: { /* an integer key: small, or from the next 8 bytes */
      lua_Integer k = (signed char)byte(in);
      if (op & 16) take(in, &k, sizeof k);
      lua_pushinteger(L, k);
      lua_replace(L, key);
      break;
    }
    case 9: /* mark the current table as a JSON array */
      lua_getglobal(L, "core");
      lua_getfield(L, -1, "array_mt");
      lua_setmetatable(L, t);
      lua_pop(L, 1);
      break;
    case 10: /* a cycle: the root (or the parent) inside the current table */
      lua_pushvalue(L, (op & 16) || *open < 2 ? root : t - 2);
      store(L, key);
      break;
    case 11: /* values JSON cannot carry */
      if (op & 16) lua_getglobal(L, "print");
      else {
        lua_getglobal(L, "io");
        lua_getfield(L, -1, "stdout");
        lua_remove(L, -2);
      }
      store(L, key);
      break;
    case 12: { /* a float key */
      double d = 0;
      if (!take(in, &d, sizeof d)) break;
      lua_pushnumber(L, d);
      lua_replace(L, key);
      break;
    }
    case 13: { /* a chain of n nested tables in one step, n up to 1020 */
      int n = byte(in), i;
      if (n < 0) break;
      n *= 4;
      for (i = 0; i < n && *open < MAX_OPEN; i++) {
        luaL_checkstack(L, 4, "fuzz build");
        lua_newtable(L);
        lua_pushnil(L);
        (*open)++;
      }
      break;
    }
    case 14: { /* a long string */
      int n = byte(in), c = byte(in);
      luaL_Buffer b;
      if (n < 0 || c < 0) break;
      luaL_buffinit(L, &b);
      for (n *= 64; n > 0; n--) luaL_addchar(&b, (char)c);
      luaL_pushresult(&b);
      store(L, key);
      break;
    }
    default: /* 15: NaN or infinity, the values JSON has no text for */
      lua_pushnumber(L, (op & 16) ? (lua_Number)NAN : (lua_Number)-INFINITY);
      store(L, key);
      break;
    }
    if (*open > deepest) deepest = *open;
  }
  while (*open > 1) { /* close what is still open */
    lua_pop(L, 1);
    store(L, lua_gettop(L) - 1);
    (*open)--;
  }
  lua_pop(L, 1); /* the root's pending key */
  return deepest;
}

static int build_and_encode(lua_State *L, const uint8_t *data, size_t size) {
  Input in = {data, data + size};
  int open, depth;
  lua_getglobal(L, "core");
  lua_getfield(L, -1, "json_encode");
  lua_remove(L, -2);
  depth = build(L, &in, &open);
  if (!fuzz_pcall(L, 1, 1, FUZZ_RAISES_INTERCOM, "core.json_encode(built value)")) return 0;
  if (!lua_isstring(L, -1)) fuzz_fail("json_encode returned a %s", luaL_typename(L, -1));
  if (depth <= 32) { /* shallow enough for any depth limit: must read back */
    lua_getglobal(L, "core");
    lua_getfield(L, -1, "json_decode");
    lua_pushvalue(L, -3);
    if (fuzz_pcall(L, 1, 2, FUZZ_RAISES_NOTHING, "json_decode(json_encode(v))") && lua_isnil(L, -2))
      fuzz_fail("decode refuses what encode wrote (%s): %s", lua_tostring(L, -1), lua_tostring(L, -4));
  }
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int round_trip = LUA_NOREF;
  lua_State *L = fuzz_state();
  if (round_trip == LUA_NOREF) round_trip = fuzz_lua_function(L, "round_trip", ROUND_TRIP);
  if (size == 0) return 0;
  if (data[0] & 1) {
    build_and_encode(L, data + 1, size - 1);
  } else {
    lua_rawgeti(L, LUA_REGISTRYINDEX, round_trip);
    lua_pushlstring(L, (const char *)data + 1, size - 1);
    fuzz_pcall(L, 1, 0, FUZZ_RAISES_NOTHING, "the round trip");
  }
  fuzz_done(L);
  return 0;
}
