/* Exact JSON on top of lua-cjson (see json.c). */
#ifndef INTERCOM_JSON_H
#define INTERCOM_JSON_H

#include "compat.h"

/* The deepest nesting of arrays and objects decoded or encoded (the README's
 * "JSON and numbers" says so). Every recursive walk of JSON values in the core
 * stops there: the walks recurse in C, and a hostile body must not be able to
 * exhaust the C stack or the Lua stack. */
/* Lua stack slots each level of a recursive walk reserves (luaL_checkstack):
 * its own values plus what the helpers it calls push (luaL_testudata pushes
 * two), with room to spare; cheap, and an overflow would corrupt the heap. */
#define IC_WALK_SLOTS 20

#define IC_JSON_MAX_DEPTH 128

/* Registry name of the metatable that marks a table as a JSON array. */
#define IC_ARRAY_MT "intercom.array"

/* Registers json_decode, json_encode, array and null into the table on top. */
void ic_json_open(lua_State *L);

/* True when the value at idx is a table carrying the array metatable. */
int ic_json_is_array(lua_State *L, int idx);

/* Pushes the null sentinel (cjson.null, a NULL light userdata). */
void ic_json_push_null(lua_State *L);
int ic_json_is_null(lua_State *L, int idx);

#endif
