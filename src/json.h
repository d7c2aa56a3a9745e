/* Exact JSON on top of lua-cjson (see json.c). */
#ifndef INTERCOM_JSON_H
#define INTERCOM_JSON_H

#include "compat.h"

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
