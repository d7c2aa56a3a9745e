/* intercom.Resource: an API object as userdata.
 *
 * The decoded JSON object is kept as is, as the attribute table; reading a
 * field materializes nested values on first use and caches them: an object
 * becomes a Resource (typed by its "type"), a "*.list" object the array of its
 * items, an array keeps its place with its objects turned into Resources.
 * Assigning a field records it as changed; changes() returns the changed fields
 * plus the changes of nested objects, so obj.custom_attributes.x = y is seen.
 *
 * Methods defined for the object's type (register_class) win over attributes
 * of the same name, as in the Ruby gem: contact.tags is the method. */
#include <stdio.h>
#include <string.h>

#include "resource.h"
#include "error.h"
#include "json.h"

#define CLASSES_KEY "intercom.classes"

/* Slots of the user value table. */
enum { ATTRS = 1, CHANGED, CLIENT, CLASS, CACHE };

typedef struct {
  int unused; /* all state is in the user value table */
} Resource;

static int is_resource(lua_State *L, int idx) {
  return luaL_testudata(L, idx, IC_RESOURCE_MT) != NULL;
}

/* For metamethods, which Lua code can also call directly with anything. */
static void check_self(lua_State *L, int idx) {
  if (!is_resource(L, idx))
    ic_raise(L, "ArgumentError", "expected an intercom.Resource, got %s", luaL_typename(L, idx));
}

/* Raises the error of a walk that went deeper than JSON allows: only a value
 * built in Lua can, one that contains itself or nests past the limit. */
static int too_deep(lua_State *L, const char *what) {
  return ic_raise(L, "ArgumentError", "%s nested more than %d levels deep (or containing itself)", what,
                  IC_JSON_MAX_DEPTH);
}

int ic_resource_push_attrs(lua_State *L, int idx) {
  if (!is_resource(L, idx)) return 0;
  ic_getuservalue(L, idx);
  lua_rawgeti(L, -1, ATTRS);
  lua_remove(L, -2);
  return 1;
}

/* Pushes the class descriptor registered for the type name of table t, or false. */
static void push_class(lua_State *L, int t) {
  lua_getfield(L, LUA_REGISTRYINDEX, CLASSES_KEY);
  lua_pushliteral(L, "type");
  lua_rawget(L, t);
  if (lua_type(L, -1) == LUA_TSTRING) {
    lua_gettable(L, -2); /* may call the class loader (set_class_loader) */
  } else {
    lua_pop(L, 1);
    lua_pushnil(L);
  }
  lua_remove(L, -2);
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    lua_pushboolean(L, 0);
  }
}

/* Pushes a resource wrapping the table at t; client at c (0 for none). */
static void push_resource(lua_State *L, int t, int c) {
  t = lua_absindex(L, t);
  if (c) c = lua_absindex(L, c);
  ic_newuserdata(L, sizeof(Resource));
  luaL_setmetatable(L, IC_RESOURCE_MT);
  lua_createtable(L, 5, 0);
  lua_pushvalue(L, t);
  lua_rawseti(L, -2, ATTRS);
  if (c) {
    lua_pushvalue(L, c);
    lua_rawseti(L, -2, CLIENT);
  }
  push_class(L, t);
  lua_rawseti(L, -2, CLASS);
  ic_setuservalue(L, -2);
}

/* core.resource(table [, client]) -> Resource */
static int l_resource(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  push_resource(L, 1, lua_isnoneornil(L, 2) ? 0 : 2);
  return 1;
}

/* The key under which a "<x>.list" object keeps its items: "list" uses data,
 * "conversation_part.list" uses conversation_parts (the gem's rule). */
static void push_items_key(lua_State *L, const char *type, size_t len) {
  size_t n = len - 5; /* without ".list" */
  if (len == 4) {
    lua_pushliteral(L, "data");
  } else if (n > 1 && type[n - 1] == 'y' && !strchr("aeiou", type[n - 2])) {
    lua_pushlstring(L, type, n - 1);
    lua_pushliteral(L, "ies");
    lua_concat(L, 2);
  } else if (type[n - 1] == 's' || type[n - 1] == 'x' ||
             (n > 1 && type[n - 1] == 'h' && (type[n - 2] == 'c' || type[n - 2] == 's'))) {
    lua_pushlstring(L, type, n);
    lua_pushliteral(L, "es");
    lua_concat(L, 2);
  } else {
    lua_pushlstring(L, type, n);
    lua_pushliteral(L, "s");
    lua_concat(L, 2);
  }
}

static int is_list_type(const char *type, size_t len) {
  return (len == 4 && memcmp(type, "list", 4) == 0) ||
         (len > 5 && memcmp(type + len - 5, ".list", 5) == 0);
}

static int looks_like_array(lua_State *L, int t) {
  int yes;
  if (ic_json_is_array(L, t)) return 1;
  lua_rawgeti(L, t, 1);
  yes = !lua_isnil(L, -1);
  lua_pop(L, 1);
  return yes;
}

static void materialize(lua_State *L, int v, int client, int key, int depth);

/* Turns the objects of the array at t into resources, in place. Arrays in
 * arrays recurse; a decoded value is at most IC_JSON_MAX_DEPTH deep, so only a
 * table assigned from Lua (an array that contains itself) reaches the limit. */
static void materialize_array(lua_State *L, int t, int client, int key, int depth) {
  lua_Integer i, n = (lua_Integer)lua_rawlen(L, t);
  if (depth > IC_JSON_MAX_DEPTH)
    ic_raise(L, "ArgumentError",
             "field '%s' holds arrays nested more than %d levels deep (or an array that contains itself)",
             luaL_tolstring(L, key, NULL), IC_JSON_MAX_DEPTH);
  for (i = 1; i <= n; i++) {
    lua_rawgeti(L, t, i);
    if (lua_type(L, -1) == LUA_TTABLE) {
      materialize(L, lua_gettop(L), client, key, depth + 1);
      lua_rawseti(L, t, i);
    }
    lua_pop(L, 1);
  }
}

/* Pushes what the table at v reads as: an array, a list's items, a resource. */
static void materialize(lua_State *L, int v, int client, int key, int depth) {
  size_t len;
  const char *type;
  luaL_checkstack(L, IC_WALK_SLOTS, "nested attributes");
  if (looks_like_array(L, v)) {
    materialize_array(L, v, client, key, depth);
    lua_pushvalue(L, v);
    return;
  }
  lua_getfield(L, v, "type");
  type = lua_tolstring(L, -1, &len);
  if (type && lua_type(L, -1) == LUA_TSTRING && is_list_type(type, len)) {
    push_items_key(L, type, len);
    lua_rawget(L, v);
    lua_remove(L, -2);
    if (lua_type(L, -1) == LUA_TTABLE) {
      materialize_array(L, lua_gettop(L), client, key, depth);
      return;
    }
    lua_pop(L, 1); /* a list without its items: keep it an object */
  } else {
    lua_pop(L, 1);
  }
  push_resource(L, v, client);
}

/* Pushes slot of the user value table at uv. */
static void get_slot(lua_State *L, int uv, int slot) { lua_rawgeti(L, uv, slot); }

/* Pushes the slot table, creating it when absent. */
static void get_or_create_slot(lua_State *L, int uv, int slot) {
  lua_rawgeti(L, uv, slot);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_rawseti(L, uv, slot);
  }
}

/* For a field its class always has (custom_attributes on a contact), creates
 * the empty object; returns 1 if it did. */
static int autovivify(lua_State *L, int uv, int key) {
  int top = lua_gettop(L), made = 0;
  get_slot(L, uv, CLASS);
  if (lua_istable(L, -1)) {
    lua_getfield(L, -1, "autovivify");
    if (lua_istable(L, -1)) {
      lua_pushvalue(L, key);
      lua_rawget(L, -2);
      if (lua_toboolean(L, -1)) {
        get_slot(L, uv, ATTRS);
        lua_pushvalue(L, key);
        lua_newtable(L);
        lua_rawset(L, -3);
        made = 1;
      }
    }
  }
  lua_settop(L, top);
  return made;
}

/* Pushes attribute key of the resource whose user value is at uv, materialized. */
static void read_attr(lua_State *L, int uv, int key) {
  int attrs, v;
  get_slot(L, uv, ATTRS);
  attrs = lua_gettop(L);
  lua_pushvalue(L, key);
  lua_rawget(L, attrs);
  v = lua_gettop(L);
  if (lua_type(L, v) == LUA_TTABLE) {
    get_or_create_slot(L, uv, CACHE);
    lua_pushvalue(L, key);
    lua_rawget(L, -2);
    if (lua_isnil(L, -1)) {
      int cache = lua_gettop(L) - 1;
      lua_pop(L, 1);
      get_slot(L, uv, CLIENT);
      materialize(L, v, lua_isnil(L, -1) ? 0 : lua_gettop(L), key, 1);
      lua_remove(L, -2);
      lua_pushvalue(L, key);
      lua_pushvalue(L, -2);
      lua_rawset(L, cache);
    }
    lua_replace(L, attrs);
    lua_settop(L, attrs);
    return;
  }
  lua_settop(L, v);
  if (lua_isnil(L, v) && autovivify(L, uv, key)) {
    lua_settop(L, attrs - 1);
    read_attr(L, uv, key);
    return;
  }
  if (ic_json_is_null(L, v)) { /* JSON null reads as nil */
    lua_pushnil(L);
    lua_replace(L, v);
  }
  lua_replace(L, attrs);
}

static int resource_index(lua_State *L) {
  int uv;
  check_self(L, 1);
  ic_getuservalue(L, 1);
  uv = lua_gettop(L);
  if (lua_type(L, 2) == LUA_TSTRING) {
    get_slot(L, uv, CLASS);
    if (lua_istable(L, -1)) {
      lua_getfield(L, -1, "methods");
      lua_pushvalue(L, 2);
      lua_rawget(L, -2);
      if (!lua_isnil(L, -1)) return 1;
    }
    lua_settop(L, uv);
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1)); /* methods every resource has */
    if (!lua_isnil(L, -1)) return 1;
    lua_pop(L, 1);
  }
  read_attr(L, uv, 2);
  return 1;
}

static int resource_newindex(lua_State *L) {
  int uv, t = lua_type(L, 3);
  check_self(L, 1);
  if (lua_type(L, 2) != LUA_TSTRING)
    return ic_raise(L, "ArgumentError", "resource field names are strings, got %s", luaL_typename(L, 2));
  if (!(t == LUA_TNIL || t == LUA_TBOOLEAN || t == LUA_TNUMBER || t == LUA_TSTRING ||
        t == LUA_TTABLE || ic_json_is_null(L, 3) || is_resource(L, 3)))
    return ic_raise(L, "ArgumentError", "field '%s' cannot hold a %s (expected a JSON value)",
                    lua_tostring(L, 2), luaL_typename(L, 3));
  ic_getuservalue(L, 1);
  uv = lua_gettop(L);
  get_slot(L, uv, ATTRS);
  lua_pushvalue(L, 2);
  lua_pushvalue(L, 3);
  lua_rawset(L, -3);
  get_or_create_slot(L, uv, CHANGED);
  lua_pushvalue(L, 2);
  lua_pushboolean(L, 1);
  lua_rawset(L, -3);
  get_slot(L, uv, CACHE);
  if (lua_istable(L, -1)) {
    lua_pushvalue(L, 2);
    lua_pushnil(L);
    lua_rawset(L, -3);
  }
  return 0;
}

/* The pairs() iterator: next over the attributes, values materialized. */
static int resource_next(lua_State *L) {
  int uv;
  check_self(L, 1);
  lua_settop(L, 2);
  ic_getuservalue(L, 1);
  uv = lua_gettop(L);
  get_slot(L, uv, ATTRS);
  lua_pushvalue(L, 2);
  if (!lua_next(L, -2)) return 0;
  if (ic_json_is_null(L, -1)) { /* JSON null reads as nil here too; only a nil key ends the walk */
    lua_pushnil(L);
    lua_replace(L, -2);
    return 2;
  }
  lua_pop(L, 1);
  read_attr(L, uv, lua_gettop(L));
  return 2;
}

static int resource_pairs(lua_State *L) {
  luaL_checkudata(L, 1, IC_RESOURCE_MT);
  lua_pushcfunction(L, resource_next);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

/* Pushes a deep plain copy of the value at idx (resources become tables).
 * JSON null becomes the value at null_idx, or nil (left out) when it is 0. */
static void deep_copy(lua_State *L, int idx, int null_idx, int depth) {
  int src, out;
  if (depth > IC_JSON_MAX_DEPTH) {
    too_deep(L, "a value to copy");
    return;
  }
  luaL_checkstack(L, IC_WALK_SLOTS, "nested attributes");
  if (ic_json_is_null(L, idx)) {
    if (null_idx) lua_pushvalue(L, null_idx);
    else lua_pushnil(L);
    return;
  }
  if (ic_resource_push_attrs(L, idx)) {
    src = lua_gettop(L);
  } else if (lua_istable(L, idx)) {
    lua_pushvalue(L, idx);
    src = lua_gettop(L);
  } else {
    lua_pushvalue(L, idx);
    return;
  }
  lua_newtable(L);
  out = lua_gettop(L);
  if (ic_json_is_array(L, src)) luaL_setmetatable(L, IC_ARRAY_MT);
  lua_pushnil(L);
  while (lua_next(L, src)) {
    lua_pushvalue(L, -2);
    deep_copy(L, lua_gettop(L) - 1, null_idx, depth + 1);
    lua_rawset(L, out);
    lua_pop(L, 1);
  }
  lua_remove(L, src);
}

/* obj:to_table([{ null = v }]) -> a plain deep copy of the attributes. JSON
 * null reads as nil, as fields do, unless the caller names what it becomes
 * (intercom.null keeps the marker, e.g. to send the table back as JSON). */
static int resource_to_table(lua_State *L) {
  int null_idx = 0;
  luaL_checkudata(L, 1, IC_RESOURCE_MT);
  if (!lua_isnoneornil(L, 2)) {
    if (!lua_istable(L, 2))
      return ic_raise(L, "ArgumentError", "to_table: expected nil or a table of options ({ null = ... }), got %s",
                      luaL_typename(L, 2));
    lua_getfield(L, 2, "null");
    if (!lua_isnil(L, -1)) null_idx = lua_gettop(L);
  }
  deep_copy(L, 1, null_idx, 0);
  return 1;
}

static Resource *check_resource(lua_State *L, int idx) {
  return (Resource *)luaL_checkudata(L, idx, IC_RESOURCE_MT);
}

/* Pushes the changes of the resource at idx: changed fields with their values
 * (nil as JSON null), and for nested objects only their own changes. */
static void push_changes(lua_State *L, int idx, int depth) {
  int uv, attrs, changed, out;
  if (depth > IC_JSON_MAX_DEPTH) too_deep(L, "changes");
  luaL_checkstack(L, IC_WALK_SLOTS, "nested attributes");
  ic_getuservalue(L, idx);
  uv = lua_gettop(L);
  get_slot(L, uv, ATTRS);
  attrs = lua_gettop(L);
  get_slot(L, uv, CHANGED);
  changed = lua_gettop(L);
  lua_newtable(L);
  out = lua_gettop(L);
  if (lua_istable(L, changed)) {
    lua_pushnil(L);
    while (lua_next(L, changed)) {
      lua_pop(L, 1);
      lua_pushvalue(L, -1);
      lua_pushvalue(L, -1);
      lua_rawget(L, attrs);
      if (lua_isnil(L, -1)) lua_pop(L, 1), ic_json_push_null(L);
      lua_rawset(L, out);
    }
  }
  get_slot(L, uv, CACHE);
  if (lua_istable(L, -1)) {
    int cache = lua_gettop(L);
    lua_pushnil(L);
    while (lua_next(L, cache)) {
      int was_changed = 0;
      if (lua_istable(L, changed)) {
        lua_pushvalue(L, -2);
        lua_rawget(L, changed);
        was_changed = lua_toboolean(L, -1);
        lua_pop(L, 1);
      }
      if (!was_changed && is_resource(L, -1)) {
        push_changes(L, lua_gettop(L), depth + 1);
        lua_pushnil(L);
        if (lua_next(L, -2)) {
          lua_pop(L, 2);
          lua_pushvalue(L, -3);
          lua_insert(L, -2);
          lua_rawset(L, out);
        } else {
          lua_pop(L, 1);
        }
      }
      lua_pop(L, 1);
    }
  }
  lua_settop(L, out);
  lua_replace(L, uv);
  lua_settop(L, uv);
}

/* core.changes(obj) -> table of what save() must send */
static int l_changes(lua_State *L) {
  check_resource(L, 1);
  push_changes(L, 1, 1);
  return 1;
}

/* core.refresh(obj, table): obj now holds table's attributes, with no changes. */
static int l_refresh(lua_State *L) {
  check_resource(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  ic_getuservalue(L, 1);
  lua_pushvalue(L, 2);
  lua_rawseti(L, 3, ATTRS);
  lua_pushnil(L);
  lua_rawseti(L, 3, CHANGED);
  lua_pushnil(L);
  lua_rawseti(L, 3, CACHE);
  push_class(L, 2);
  lua_rawseti(L, 3, CLASS);
  lua_settop(L, 1);
  return 1;
}

/* core.client_of(obj) -> the client the object came from, or nil */
static int l_client_of(lua_State *L) {
  check_resource(L, 1);
  ic_getuservalue(L, 1);
  lua_rawgeti(L, -1, CLIENT);
  return 1;
}

/* core.is_resource(v) -> boolean */
static int l_is_resource(lua_State *L) {
  lua_pushboolean(L, is_resource(L, 1));
  return 1;
}

/* core.items_key(type) -> where a "<x>.list" (or "list") keeps its items, or nil */
static int l_items_key(lua_State *L) {
  size_t len;
  const char *type = luaL_checklstring(L, 1, &len);
  if (!is_list_type(type, len)) return 0;
  push_items_key(L, type, len);
  return 1;
}

/* core.register_class(type, {methods=, name=, autovivify=}) */
static int l_register_class(lua_State *L) {
  luaL_checkstring(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_getfield(L, LUA_REGISTRYINDEX, CLASSES_KEY);
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_rawset(L, -3);
  return 0;
}

/* core.set_class_loader(fn): fn(classes, type) is called for a type with no
 * class yet, so a service's methods load with the first object of its type. */
static int l_set_class_loader(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_getfield(L, LUA_REGISTRYINDEX, CLASSES_KEY);
  lua_createtable(L, 0, 1);
  lua_pushvalue(L, 1);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  return 0;
}

/* Deep equality of two attribute values (resources compare by attributes). */
static int deep_equal(lua_State *L, int a, int b, int depth) {
  int ta, tb, eq = 1;
  if (depth > IC_JSON_MAX_DEPTH) return 0; /* deeper than JSON: one contains itself */
  luaL_checkstack(L, IC_WALK_SLOTS, "nested attributes");
  if (lua_rawequal(L, a, b)) return 1;
  if (!ic_resource_push_attrs(L, a)) lua_pushvalue(L, a);
  ta = lua_gettop(L);
  if (!ic_resource_push_attrs(L, b)) lua_pushvalue(L, b);
  tb = lua_gettop(L);
  if (!lua_istable(L, ta) || !lua_istable(L, tb)) {
    eq = lua_rawequal(L, ta, tb);
  } else {
    lua_pushnil(L);
    while (eq && lua_next(L, ta)) {
      lua_pushvalue(L, -2);
      lua_rawget(L, tb);
      eq = !lua_isnil(L, -1) && deep_equal(L, lua_gettop(L) - 1, lua_gettop(L), depth + 1);
      lua_pop(L, eq ? 2 : 3);
    }
    if (eq) { /* b has no key a lacks */
      lua_pushnil(L);
      while (eq && lua_next(L, tb)) {
        lua_pushvalue(L, -2);
        lua_rawget(L, ta);
        eq = !lua_isnil(L, -1);
        lua_pop(L, eq ? 2 : 3);
      }
    }
  }
  lua_settop(L, ta - 1);
  return eq;
}

static int resource_eq(lua_State *L) {
  int eq;
  if (!is_resource(L, 1) || !is_resource(L, 2)) { /* Lua calls either operand's __eq */
    lua_pushboolean(L, 0);
    return 1;
  }
  ic_getuservalue(L, 1);
  lua_rawgeti(L, -1, ATTRS);
  lua_getfield(L, -1, "type");
  ic_getuservalue(L, 2);
  lua_rawgeti(L, -1, ATTRS);
  lua_getfield(L, -1, "type");
  eq = lua_rawequal(L, -1, -4) && deep_equal(L, 1, 2, 0);
  lua_pushboolean(L, eq);
  return 1;
}

/* Pushes the class name for tostring: "Contact" from "contact", and so on. */
static void push_class_name(lua_State *L, int attrs) {
  luaL_Buffer b;
  const char *type;
  int upper = 1;
  lua_getfield(L, attrs, "type");
  type = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "object";
  luaL_buffinit(L, &b);
  for (; *type; type++) {
    if (*type == '_' || *type == '.') {
      upper = 1;
      continue;
    }
    luaL_addchar(&b, upper && *type >= 'a' && *type <= 'z' ? (char)(*type - 32) : *type);
    upper = 0;
  }
  luaL_pushresult(&b);
  lua_remove(L, -2);
}

/* Length of at most max bytes of s, not cutting a UTF-8 sequence. */
static size_t utf8_cut(const char *s, size_t len, size_t max) {
  if (len <= max) return len;
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
  return max;
}

/* intercom.Contact<6329…> ann@example.com: class, short id, a telling field. */
static int resource_tostring(lua_State *L) {
  static const char *const display[] = {"email", "name", "title", "display_name", NULL};
  char id[32] = "", shown[80] = "";
  int attrs, i;
  check_self(L, 1);
  ic_resource_push_attrs(L, 1);
  attrs = lua_gettop(L);
  lua_getfield(L, attrs, "id");
  if (lua_type(L, -1) == LUA_TSTRING || lua_type(L, -1) == LUA_TNUMBER) {
    size_t len;
    const char *s = luaL_tolstring(L, -1, &len);
    if (len > 8) snprintf(id, sizeof id, "<%.*s\xe2\x80\xa6>", (int)utf8_cut(s, len, 4), s);
    else snprintf(id, sizeof id, "<%s>", s);
  }
  for (i = 0; display[i]; i++) {
    lua_getfield(L, attrs, display[i]);
    if (lua_type(L, -1) == LUA_TSTRING) {
      size_t len, cut;
      const char *s = lua_tolstring(L, -1, &len);
      cut = utf8_cut(s, len, 60);
      snprintf(shown, sizeof shown, " %.*s%s", (int)cut, s, cut < len ? "\xe2\x80\xa6" : "");
      break;
    }
  }
  push_class_name(L, attrs);
  lua_pushfstring(L, "intercom.%s%s%s", lua_tostring(L, -1), id, shown);
  return 1;
}

void ic_resource_open(lua_State *L) {
  static const luaL_Reg meta[] = {
    {"__newindex", resource_newindex},
    {"__pairs", resource_pairs},
    {"__eq", resource_eq},
    {"__tostring", resource_tostring},
    {NULL, NULL},
  };
  static const luaL_Reg methods[] = {
    {"to_table", resource_to_table},
    {NULL, NULL},
  };
  static const luaL_Reg funcs[] = {
    {"resource", l_resource},
    {"register_class", l_register_class},
    {"set_class_loader", l_set_class_loader},
    {"changes", l_changes},
    {"refresh", l_refresh},
    {"client_of", l_client_of},
    {"is_resource", l_is_resource},
    {"items_key", l_items_key},
    {NULL, NULL},
  };
  int lib = lua_gettop(L);

  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, CLASSES_KEY);

  luaL_newmetatable(L, IC_RESOURCE_MT);
  luaL_setfuncs(L, meta, 0);
  luaL_newlib(L, methods); /* methods every resource has */
  lua_pushcclosure(L, resource_index, 1);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);

  lua_pushvalue(L, lib);
  luaL_setfuncs(L, funcs, 0);
  lua_pop(L, 1);
}
