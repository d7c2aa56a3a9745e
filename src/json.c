/* Exact JSON numbers over lua-cjson.
 *
 * Debian's lua-cjson 2.1.0 decodes every number as a double and prints numbers
 * with 14 significant digits, so under Lua 5.4 it would hand users floats and
 * corrupt an integer such as 2^53 + 1 on the way out. cjson still does all the
 * parsing and printing here; this file only marks the tokens cjson would get
 * wrong as sentinel strings and restores them exactly:
 *
 *   decode: a lexer pass rewrites integers too long for a double, integral
 *           float literals (1.0), empty arrays and strings that begin with the
 *           sentinel byte; cjson decodes; a walk turns integral doubles into
 *           integers, sentinels back into values, and tags arrays.
 *   encode: a walk copies the value, replacing numbers cjson would print
 *           inexactly (and empty arrays) with sentinels; cjson encodes; a
 *           lexer pass splices the exact text in place of each sentinel.
 *
 * The sentinel is a string that starts with byte 0x1F; a real string starting
 * with that byte is itself escaped (kind 's'), so no input can be mistaken for
 * one. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "error.h"
#include "resource.h"

#define SENTINEL '\x1f'
#define SENTINEL_ESC "\\u001f" /* how cjson writes the sentinel byte */
#define SENTINEL_ESC_LEN 6
#define IC_STR_(x) #x
#define IC_STR(x) IC_STR_(x) /* IC_STR(IC_JSON_MAX_DEPTH) is "128" */

/* Upvalue slots shared by json_decode and json_encode. */
#define UV_DECODE lua_upvalueindex(1)
#define UV_ENCODE lua_upvalueindex(2)

int ic_json_is_array(lua_State *L, int idx) {
  int is;
  if (lua_type(L, idx) != LUA_TTABLE || !lua_getmetatable(L, idx)) return 0;
  luaL_getmetatable(L, IC_ARRAY_MT);
  is = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return is;
}

void ic_json_push_null(lua_State *L) { lua_pushlightuserdata(L, NULL); }

int ic_json_is_null(lua_State *L, int idx) {
  return lua_type(L, idx) == LUA_TLIGHTUSERDATA && lua_touserdata(L, idx) == NULL;
}

/* ---- decode ------------------------------------------------------------ */

typedef struct {
  size_t pos, len; /* the span of input the edit replaces */
  char kind;       /* 'i' long integer, 'f' integral float, '[' empty array, 's' string */
} Edit;

typedef struct {
  Edit *items;
  size_t n, cap;
} Edits;

static int edits_add(Edits *e, size_t pos, size_t len, char kind) {
  if (e->n == e->cap) {
    size_t cap = e->cap ? e->cap * 2 : 16;
    Edit *items = realloc(e->items, cap * sizeof *items);
    if (!items) return 0;
    e->items = items;
    e->cap = cap;
  }
  e->items[e->n].pos = pos;
  e->items[e->n].len = len;
  e->items[e->n].kind = kind;
  e->n++;
  return 1;
}

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static int is_num_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

static int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Length of the JSON number (RFC 8259) at the start of tok, 0 if none. */
static size_t number_len(const char *tok, size_t len) {
  size_t i = 0;
  if (i < len && tok[i] == '-') i++;
  if (i < len && tok[i] == '0') i++;
  else if (i < len && is_digit(tok[i])) while (i < len && is_digit(tok[i])) i++;
  else return 0;
  if (i < len && tok[i] == '.') {
    if (++i >= len || !is_digit(tok[i])) return 0;
    while (i < len && is_digit(tok[i])) i++;
  }
  if (i < len && (tok[i] == 'e' || tok[i] == 'E')) {
    if (++i < len && (tok[i] == '+' || tok[i] == '-')) i++;
    if (i >= len || !is_digit(tok[i])) return 0;
    while (i < len && is_digit(tok[i])) i++;
  }
  return i;
}

/* strtod of exactly the token (the text after it may read on: "0x1"). */
static int token_double(const char *tok, size_t len, double *d) {
  char buf[64], *p = len < sizeof buf ? buf : malloc(len + 1);
  if (!p) return 0;
  memcpy(p, tok, len);
  p[len] = '\0';
  *d = strtod(p, NULL);
  if (p != buf) free(p);
  return 1;
}

/* Classifies one valid number token: does cjson's double lose or change it?
 * Returns 0 (cjson is exact), 'i', 'f', 'r' (beyond a double's range, which
 * cjson would read as an infinity), or 'm' (out of memory). */
static char classify_number(const char *tok, size_t len) {
  size_t i, digits = 0;
  int is_float = 0;
  double d;
  for (i = 0; i < len; i++) {
    if (is_digit(tok[i])) digits++;
    else if (tok[i] != '-') is_float = 1;
  }
  if (!is_float && digits <= 15) return 0; /* 15 digits are exact in a double */
  if (!token_double(tok, len, &d)) return 'm';
  if (!isfinite(d)) return 'r';
  if (!is_float) return 'i';
  return d == floor(d) ? 'f' : 0; /* keep 1.0 a float */
}

static int starts_with_sentinel(const char *s, size_t n, size_t i) {
  if (i < n && s[i] == SENTINEL) return 1;
  return i + 5 < n && s[i] == '\\' && s[i + 1] == 'u' && s[i + 2] == '0' && s[i + 3] == '0' &&
         s[i + 4] == '1' && (s[i + 5] == 'f' || s[i + 5] == 'F');
}

/* Why scan refused the text, and where (a 1-based character, as cjson says). */
typedef struct {
  const char *what; /* NULL: the text may go to cjson */
  size_t at;
} ScanError;

/* One pass over the text, outside strings, recording what cjson would get wrong
 * and refusing what it would get wrong silently: numbers that are not JSON
 * (cjson reads "1." and strtod would read "1..0" as 1), numbers beyond a double,
 * and nesting deeper than IC_JSON_MAX_DEPTH. Returns 0 on allocation failure.
 * Other malformed JSON is left for cjson to reject. */
static int scan(const char *s, size_t n, Edits *e, ScanError *err) {
  size_t i = 0;
  int depth = 0;
  err->what = NULL;
  while (i < n) {
    char c = s[i];
    if (c == '"') {
      if (starts_with_sentinel(s, n, i + 1) && !edits_add(e, i + 1, 0, 's')) return 0;
      for (i++; i < n; i++) {
        if (s[i] == '\\') i++;
        else if (s[i] == '"') break;
      }
      i++;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = i;
      char kind;
      while (i < n && is_num_char(s[i])) i++;
      if (number_len(s + start, i - start) != i - start) {
        err->what = "invalid number";
        err->at = start + 1;
        return 1;
      }
      kind = classify_number(s + start, i - start);
      if (kind == 'm') return 0;
      if (kind == 'r') {
        err->what = "number out of range";
        err->at = start + 1;
        return 1;
      }
      if (kind && !edits_add(e, start, i - start, kind)) return 0;
    } else if (c == '[' || c == '{') {
      size_t j = i + 1;
      if (++depth > IC_JSON_MAX_DEPTH) {
        err->what = "JSON nested more than " IC_STR(IC_JSON_MAX_DEPTH) " levels deep";
        err->at = i + 1;
        return 1;
      }
      while (c == '[' && j < n && is_ws(s[j])) j++;
      if (c == '[' && j < n && s[j] == ']') {
        if (!edits_add(e, i, j + 1 - i, '[')) return 0;
        depth--;
        i = j + 1;
      } else {
        i++;
      }
    } else {
      if ((c == ']' || c == '}') && depth > 0) depth--;
      i++;
    }
  }
  return 1;
}

/* Bytes an edit adds: the quoted sentinel (and kind) around what it replaces. */
static size_t edit_growth(const Edit *ed) {
  switch (ed->kind) {
  case 's': return SENTINEL_ESC_LEN + 1;
  case '[': return SENTINEL_ESC_LEN + 3 - ed->len; /* "\u001f[" replaces "[ ... ]" */
  default: return SENTINEL_ESC_LEN + 3;            /* the quotes and the kind byte */
  }
}

/* Applies the edits, leaving the rewritten text on the stack. The buffer is
 * sized once: a list page is hundreds of KB, and a doubling buffer would
 * leave about twice that behind as garbage on every page. */
static void rewrite(lua_State *L, const char *s, size_t n, const Edits *e) {
  luaL_Buffer b;
  size_t i, at = 0, size = n;
  for (i = 0; i < e->n; i++) size += edit_growth(&e->items[i]);
  luaL_buffinitsize(L, &b, size);
  for (i = 0; i < e->n; i++) {
    const Edit *ed = &e->items[i];
    luaL_addlstring(&b, s + at, ed->pos - at);
    switch (ed->kind) {
    case 's':
      luaL_addstring(&b, SENTINEL_ESC "s");
      break;
    case '[':
      luaL_addstring(&b, "\"" SENTINEL_ESC "[\"");
      break;
    default: /* 'i', 'f': the token, quoted, after the sentinel and its kind */
      luaL_addstring(&b, "\"" SENTINEL_ESC);
      luaL_addchar(&b, ed->kind);
      luaL_addlstring(&b, s + ed->pos, ed->len);
      luaL_addchar(&b, '"');
    }
    at = ed->pos + ed->len;
  }
  luaL_addlstring(&b, s + at, n - at);
  luaL_pushresult(&b);
}

/* Replaces the sentinel string on top of the stack by the value it stands for. */
static void unsentinel(lua_State *L) {
  size_t len;
  const char *s = lua_tolstring(L, -1, &len);
  char kind = len > 1 ? s[1] : 0;
  lua_pop(L, 1);
  if (kind == 'i') {
#if LUA_VERSION_NUM >= 503
    char *end;
    long long v;
    errno = 0;
    v = strtoll(s + 2, &end, 10);
    if (errno == 0 && *end == '\0') {
      lua_pushinteger(L, (lua_Integer)v);
      return;
    }
#endif
    lua_pushnumber(L, strtod(s + 2, NULL)); /* beyond 64 bits: the nearest double */
  } else if (kind == 'f') {
    lua_pushnumber(L, strtod(s + 2, NULL));
  } else if (kind == '[') {
    lua_newtable(L);
    luaL_setmetatable(L, IC_ARRAY_MT);
  } else { /* 's': a real string that began with the sentinel byte */
    lua_pushlstring(L, s + 2, len - 2);
  }
}

static int is_sentinel(lua_State *L, int idx) {
  size_t len;
  const char *s;
  if (lua_type(L, idx) != LUA_TSTRING) return 0;
  s = lua_tolstring(L, idx, &len);
  return len > 1 && s[0] == SENTINEL;
}

/* Walks a decoded table (on top): integral doubles become integers, sentinels
 * become values, arrays get the array metatable. scan bounds the depth; the
 * check here keeps the walk safe on its own. Returns 0 when too deep. */
static int fix_table(lua_State *L, int has_sentinels, int depth) {
  int t = lua_gettop(L);
  int rekey = 0, is_array;
  if (depth > IC_JSON_MAX_DEPTH) return 0;
  luaL_checkstack(L, IC_WALK_SLOTS, "nested JSON");
  lua_rawgeti(L, t, 1); /* cjson gives objects string keys only */
  is_array = !lua_isnil(L, -1);
  lua_pop(L, 1);
  if (is_array) luaL_setmetatable(L, IC_ARRAY_MT);
  lua_pushnil(L);
  while (lua_next(L, t)) {
    int type = lua_type(L, -1);
    if (has_sentinels && is_sentinel(L, -2)) rekey = 1;
#if LUA_VERSION_NUM >= 503
    if (type == LUA_TNUMBER && !lua_isinteger(L, -1)) {
      lua_Integer i;
      if (lua_numbertointeger(lua_tonumber(L, -1), &i) && (lua_Number)i == lua_tonumber(L, -1)) {
        lua_pop(L, 1);
        lua_pushvalue(L, -1);
        lua_pushinteger(L, i);
        lua_rawset(L, t);
        continue;
      }
    }
#endif
    if (type == LUA_TTABLE) {
      if (!fix_table(L, has_sentinels, depth + 1)) return 0;
    } else if (has_sentinels && type == LUA_TSTRING && is_sentinel(L, -1)) {
      unsentinel(L);
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, t);
      continue;
    }
    lua_pop(L, 1);
  }
  if (rekey) { /* keys that began with the sentinel byte: move their values */
    int moved;
    lua_newtable(L);
    moved = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, t)) {
      if (is_sentinel(L, -2)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, moved);
      } else {
        lua_pop(L, 1);
      }
    }
    lua_pushnil(L);
    while (lua_next(L, moved)) {
      lua_pushvalue(L, -2); /* key, value, key */
      lua_pushnil(L);
      lua_rawset(L, t); /* drop the sentinel key */
      lua_pushvalue(L, -2);
      unsentinel(L); /* key, value, real key */
      lua_insert(L, -2);
      lua_rawset(L, t);
    }
    lua_pop(L, 1);
  }
  return 1;
}

/* core.json_decode(text) -> value | nil, message. Never raises on bad input,
 * like cjson.safe: a response body that is not JSON is an expected event. */
static int json_decode(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  Edits e = {NULL, 0, 0};
  ScanError err;
  int ok = scan(s, n, &e, &err);
  if (!ok) {
    free(e.items);
    return luaL_error(L, "out of memory");
  }
  if (err.what) {
    free(e.items);
    lua_pushnil(L);
    char where[32];
    snprintf(where, sizeof where, "%lu", (unsigned long)err.at);
    lua_pushfstring(L, "%s at character %s", err.what, where);
    return 2;
  }
  lua_settop(L, 1);
  lua_pushvalue(L, UV_DECODE);
  if (e.n) rewrite(L, s, n, &e);
  else lua_pushvalue(L, 1);
  free(e.items);
  if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
    lua_pushnil(L);
    lua_insert(L, -2);
    return 2;
  }
  if (lua_type(L, -1) == LUA_TTABLE) {
    if (!fix_table(L, e.n > 0, 1)) {
      lua_pushnil(L);
      lua_pushliteral(L, "JSON nested more than " IC_STR(IC_JSON_MAX_DEPTH) " levels deep");
      return 2;
    }
  } else if (e.n && is_sentinel(L, -1)) unsentinel(L);
  return 1;
}

/* ---- encode ------------------------------------------------------------ */

typedef struct {
  int depth;
  int sentinels;    /* did the copy use any? then the output needs splicing */
  int seen;         /* stack index of the table of tables being visited */
  int path[IC_JSON_MAX_DEPTH + 1]; /* stack indices of the keys leading to the current value */
} Enc;

/* Raises an ArgumentError naming where in the value the problem is. The path
 * is built in one buffer: the error comes from deep in the walk, where pushing
 * a string per level would overrun the Lua stack. */
static int enc_error(lua_State *L, Enc *c, const char *what) {
  int i;
  luaL_Buffer b;
  luaL_checkstack(L, IC_WALK_SLOTS, "json error");
  luaL_buffinit(L, &b);
  luaL_addstring(&b, "cannot encode ");
  luaL_addstring(&b, what);
  if (c->depth > 0) luaL_addstring(&b, " at ");
  for (i = 0; i < c->depth; i++) {
    int k = c->path[i];
    if (lua_type(L, k) == LUA_TSTRING) {
      size_t len;
      const char *key = lua_tolstring(L, k, &len);
      if (i > 0) luaL_addchar(&b, '.');
      luaL_addlstring(&b, key, len);
    } else {
      luaL_addchar(&b, '[');
      luaL_tolstring(L, k, NULL);
      luaL_addvalue(&b);
      luaL_addchar(&b, ']');
    }
  }
  luaL_pushresult(&b);
  return ic_raise(L, "ArgumentError", "%s", lua_tostring(L, -1));
}

static void push_sentinel(lua_State *L, Enc *c, char kind, const char *text) {
  char buf[2] = {SENTINEL, 0};
  buf[1] = kind;
  lua_pushlstring(L, buf, 2);
  lua_pushstring(L, text);
  lua_concat(L, 2);
  c->sentinels = 1;
}

/* Formats d with the fewest digits that read back as the same double. */
static void shortest(char *buf, size_t size, double d) {
  int prec;
  for (prec = 15; prec <= 17; prec++) {
    snprintf(buf, size, "%.*g", prec, d);
    if (strtod(buf, NULL) == d) return;
  }
}

static void prepare(lua_State *L, int idx, Enc *c);

/* The exact text of the finite double d, for when cjson's 14 digits are not. */
static void exact_double(char *buf, size_t size, double d) {
  if (d == floor(d) && fabs(d) < 9007199254740992.0) snprintf(buf, size, "%.0f", d);
  else shortest(buf, size, d);
}

static void prepare_number(lua_State *L, int idx, Enc *c) {
  char buf[40];
  double d;
#if LUA_VERSION_NUM >= 503
  if (lua_isinteger(L, idx)) {
    lua_Integer v = lua_tointeger(L, idx);
    if (v > -100000000000000LL && v < 100000000000000LL) { /* 14 digits: cjson is exact */
      lua_pushvalue(L, idx);
    } else {
      snprintf(buf, sizeof buf, LUA_INTEGER_FMT, v);
      push_sentinel(L, c, 'i', buf);
    }
    return;
  }
#endif
  d = lua_tonumber(L, idx);
  if (!isfinite(d)) {
    enc_error(L, c, isnan(d) ? "NaN" : "an infinite number");
    return;
  }
  snprintf(buf, sizeof buf, "%.14g", d);
  if (strtod(buf, NULL) == d) {
    lua_pushvalue(L, idx); /* cjson's own 14 digits are exact */
    return;
  }
  exact_double(buf, sizeof buf, d);
  push_sentinel(L, c, 'n', buf);
}

/* Pushes the exact decimal text of the number key at idx: cjson would print
 * an object's number keys with 14 digits ({[123456789012345] = x} as
 * "1.2345678901234e+14"). */
static void push_key_text(lua_State *L, int idx, Enc *c) {
  char buf[40];
  double d;
#if LUA_VERSION_NUM >= 503
  if (lua_isinteger(L, idx)) {
    snprintf(buf, sizeof buf, LUA_INTEGER_FMT, lua_tointeger(L, idx));
    lua_pushstring(L, buf);
    return;
  }
#endif
  d = lua_tonumber(L, idx);
  if (!isfinite(d)) {
    enc_error(L, c, "an infinite number as a table key");
    return;
  }
  exact_double(buf, sizeof buf, d);
  lua_pushstring(L, buf);
}

/* Turns the number keys of the copy at out (an object, not an array) into
 * their exact text. A key that is there both as a number and as a string
 * ({[1] = a, ["1"] = b}) would lose one of the two values: refused. */
static void rekey_numbers(lua_State *L, int out, Enc *c) {
  int moved;
  luaL_checkstack(L, IC_WALK_SLOTS, "json keys");
  lua_newtable(L);
  moved = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, out)) {
    if (lua_type(L, -2) == LUA_TNUMBER) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, moved); /* out is only read while walked */
    } else {
      lua_pop(L, 1);
    }
  }
  lua_pushnil(L);
  while (lua_next(L, moved)) { /* key, value */
    lua_pushvalue(L, -2);
    lua_pushnil(L);
    lua_rawset(L, out);
    push_key_text(L, -2, c); /* key, value, text */
    lua_pushvalue(L, -1);
    lua_rawget(L, out);
    if (!lua_isnil(L, -1)) {
      lua_pushfstring(L, "a table with key %s twice (as a number and as a string)", lua_tostring(L, -2));
      enc_error(L, c, lua_tostring(L, -1));
    }
    lua_pop(L, 1);
    lua_insert(L, -2); /* key, text, value */
    lua_rawset(L, out);
  }
  lua_pop(L, 1);
}

static void prepare_string(lua_State *L, int idx, Enc *c) {
  size_t len;
  const char *s = lua_tolstring(L, idx, &len);
  if (len > 0 && s[0] == SENTINEL) {
    char buf[2] = {SENTINEL, 's'};
    lua_pushlstring(L, buf, 2);
    lua_pushvalue(L, idx);
    lua_concat(L, 2);
    c->sentinels = 1;
  } else {
    lua_pushvalue(L, idx);
  }
}

/* Copies the table at idx (a plain table or a resource's attributes). cjson
 * makes a JSON array of a table whose keys are all positive integers, unless
 * it is sparse (its largest key over 10 and over twice its count of keys);
 * any other table with number keys is an object, and its keys are rewritten
 * exactly here. (A sparse intercom.array is left to cjson, which refuses it.) */
static void prepare_table(lua_State *L, int idx, Enc *c) {
  int out, number_keys = 0, all_indices = 1;
  double max_index = 0, count = 0;
  int is_array = ic_json_is_array(L, idx);
  if (c->depth >= IC_JSON_MAX_DEPTH) {
    enc_error(L, c, "a value nested more than " IC_STR(IC_JSON_MAX_DEPTH) " levels deep");
    return;
  }
  luaL_checkstack(L, IC_WALK_SLOTS, "json nesting");
  lua_pushvalue(L, idx);
  lua_rawget(L, c->seen);
  if (!lua_isnil(L, -1)) {
    enc_error(L, c, "a table that contains itself");
    return;
  }
  lua_pop(L, 1);
  if (is_array && lua_rawlen(L, idx) == 0) {
    lua_pushnil(L);
    if (!lua_next(L, idx)) {
      push_sentinel(L, c, '[', "");
      return;
    }
    lua_pop(L, 2);
  }
  lua_pushvalue(L, idx);
  lua_pushboolean(L, 1);
  lua_rawset(L, c->seen);
  lua_newtable(L);
  out = lua_gettop(L);
  lua_pushnil(L);
  while (lua_next(L, idx)) {
    int kt = lua_type(L, -2);
    int vi = lua_gettop(L);
    c->path[c->depth++] = vi - 1;
    count++;
    if (kt == LUA_TSTRING) {
      all_indices = 0;
      prepare_string(L, vi - 1, c);
    } else if (kt == LUA_TNUMBER) {
      double k = lua_tonumber(L, vi - 1);
      number_keys = 1;
      if (k >= 1 && k == floor(k)) {
        if (k > max_index) max_index = k;
      } else {
        all_indices = 0;
      }
      lua_pushvalue(L, vi - 1);
    } else {
      enc_error(L, c, "a table key that is not a string or a number");
      return;
    }
    prepare(L, vi, c);
    lua_rawset(L, out);
    c->depth--;
    lua_pop(L, 1);
  }
  if (number_keys && (!all_indices || (!is_array && max_index > 10 && max_index > 2 * count)))
    rekey_numbers(L, out, c);
  lua_pushvalue(L, idx);
  lua_pushnil(L);
  lua_rawset(L, c->seen);
}

/* Pushes the cjson-ready copy of the value at idx. */
static void prepare(lua_State *L, int idx, Enc *c) {
  luaL_checkstack(L, IC_WALK_SLOTS, "json nesting");
  switch (lua_type(L, idx)) {
  case LUA_TNIL:
    ic_json_push_null(L);
    break;
  case LUA_TBOOLEAN:
    lua_pushvalue(L, idx);
    break;
  case LUA_TNUMBER:
    prepare_number(L, idx, c);
    break;
  case LUA_TSTRING:
    prepare_string(L, idx, c);
    break;
  case LUA_TTABLE:
    prepare_table(L, idx, c);
    break;
  case LUA_TLIGHTUSERDATA:
    if (ic_json_is_null(L, idx)) {
      lua_pushvalue(L, idx);
      break;
    }
    enc_error(L, c, "a light userdata");
    break;
  case LUA_TUSERDATA:
    if (ic_resource_push_attrs(L, idx)) {
      int t = lua_gettop(L);
      prepare_table(L, t, c);
      lua_remove(L, t);
      break;
    }
    /* fall through */
  default:
    lua_pushfstring(L, "a %s", luaL_typename(L, idx));
    enc_error(L, c, lua_tostring(L, -1));
  }
}

/* Splices the exact text of each sentinel into cjson's output (on top). */
static void splice(lua_State *L) {
  size_t n, i = 0;
  const char *s = lua_tolstring(L, -1, &n);
  int in_string = 0;
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  while (i < n) {
    char ch = s[i];
    if (in_string) {
      if (ch == '\\' && i + 1 < n) {
        luaL_addlstring(&b, s + i, 2);
        i += 2;
        continue;
      }
      if (ch == '"') in_string = 0;
      luaL_addchar(&b, ch);
      i++;
      continue;
    }
    if (ch == '"' && i + 1 + SENTINEL_ESC_LEN < n &&
        memcmp(s + i + 1, SENTINEL_ESC, SENTINEL_ESC_LEN) == 0) {
      size_t k = i + 1 + SENTINEL_ESC_LEN; /* the kind byte */
      char kind = s[k];
      if (kind == 'i' || kind == 'n') {
        size_t end = k + 1;
        while (end < n && s[end] != '"') end++;
        luaL_addlstring(&b, s + k + 1, end - k - 1);
        i = end + 1;
        continue;
      }
      if (kind == '[') {
        luaL_addstring(&b, "[]");
        i = k + 2;
        continue;
      }
      if (kind == 's') {
        luaL_addchar(&b, '"');
        in_string = 1;
        i = k + 1;
        continue;
      }
    }
    if (ch == '"') in_string = 1;
    luaL_addchar(&b, ch);
    i++;
  }
  luaL_pushresult(&b);
}

/* core.json_encode(value) -> text. Raises an ArgumentError naming the path of a
 * value JSON cannot carry (NaN, a function, a cycle) before anything is sent. */
static int json_encode(lua_State *L) {
  Enc c;
  int top;
  c.depth = 0;
  c.sentinels = 0;
  lua_settop(L, 1);
  lua_newtable(L);
  c.seen = lua_gettop(L);
  prepare(L, 1, &c);
  top = lua_gettop(L);
  lua_pushvalue(L, UV_ENCODE);
  lua_pushvalue(L, top);
  if (lua_pcall(L, 1, 1, 0) != LUA_OK)
    return ic_raise(L, "ArgumentError", "cannot encode: %s", lua_tostring(L, -1));
  if (c.sentinels) splice(L);
  return 1;
}

/* intercom.array(t): marks t as a JSON array, so an empty one encodes as []. */
static int json_array(lua_State *L) {
  if (lua_isnoneornil(L, 1)) lua_newtable(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  luaL_setmetatable(L, IC_ARRAY_MT);
  return 1;
}

void ic_json_open(lua_State *L) {
  int lib = lua_gettop(L);
  if (luaL_newmetatable(L, IC_ARRAY_MT)) {
    lua_pushliteral(L, "array");
    lua_setfield(L, -2, "__jsontype");
  }
  lua_pop(L, 1);

  /* A private cjson instance, so our settings never change the user's cjson. */
  lua_getglobal(L, "require");
  lua_pushliteral(L, "cjson");
  lua_call(L, 1, 1);
  lua_getfield(L, -1, "new");
  lua_call(L, 0, 1);
  lua_getfield(L, -1, "decode_invalid_numbers");
  lua_pushboolean(L, 0);
  lua_call(L, 1, 0);
  lua_getfield(L, -1, "encode_invalid_numbers");
  lua_pushboolean(L, 0);
  lua_call(L, 1, 0);
  /* scan and prepare_table refuse deeper values first; cjson's own limit (1000
   * by default) is set to the same, should anything reach it. */
  lua_getfield(L, -1, "decode_max_depth");
  lua_pushinteger(L, IC_JSON_MAX_DEPTH);
  lua_call(L, 1, 0);
  lua_getfield(L, -1, "encode_max_depth");
  lua_pushinteger(L, IC_JSON_MAX_DEPTH);
  lua_call(L, 1, 0);
  lua_getfield(L, -1, "decode");
  lua_getfield(L, -2, "encode");
  lua_pushvalue(L, -2);
  lua_pushvalue(L, -2);
  lua_pushcclosure(L, json_decode, 2);
  lua_setfield(L, lib, "json_decode");
  lua_pushcclosure(L, json_encode, 2);
  lua_setfield(L, lib, "json_encode");
  lua_settop(L, lib);

  lua_pushcfunction(L, json_array);
  lua_setfield(L, lib, "array");
  ic_json_push_null(L);
  lua_setfield(L, lib, "null");
  luaL_getmetatable(L, IC_ARRAY_MT);
  lua_setfield(L, lib, "array_mt");
}
