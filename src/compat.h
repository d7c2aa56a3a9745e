/* One source for Lua 5.4 and LuaJIT 2.1 (OpenResty): the few API differences
 * the core touches are absorbed here, with Debian's lua-compat-5.3 headers
 * supplying the 5.3 API on top of LuaJIT's 5.1 one. */
#ifndef INTERCOM_COMPAT_H
#define INTERCOM_COMPAT_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#if LUA_VERSION_NUM == 501
#define COMPAT53_PREFIX intercom_compat53
#include "compat-5.3.h"
#endif

/* lua_newuserdatauv is 5.4; older APIs have one environment/user value. */
#if LUA_VERSION_NUM >= 504
#define ic_newuserdata(L, size) lua_newuserdatauv((L), (size), 1)
#define ic_getuservalue(L, idx) lua_getiuservalue((L), (idx), 1)
#define ic_setuservalue(L, idx) lua_setiuservalue((L), (idx), 1)
#else
#define ic_newuserdata(L, size) lua_newuserdata((L), (size))
#define ic_getuservalue(L, idx) lua_getuservalue((L), (idx))
#define ic_setuservalue(L, idx) lua_setuservalue((L), (idx))
#endif

/* True when the number at idx is stored as a Lua integer (always false on 5.1,
 * where every number is a double). */
#if LUA_VERSION_NUM >= 503
#define ic_isinteger(L, idx) lua_isinteger((L), (idx))
#else
#define ic_isinteger(L, idx) 0
#endif

#endif
