/* lua-intercom: the C entry point, for hosts that link the static library.
 *
 *   #include <intercom.h>
 *   luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
 *   lua_pushcfunction(L, luaopen_intercom_core);
 *   lua_setfield(L, -2, "intercom.core");
 *   lua_pop(L, 1);
 *   // then, from Lua: local intercom = require "intercom"
 *
 * (luaL_requiref works for the host's state too; package.preload also lets
 * the sandbox's HTTP front give the core to the Lua state it runs in.)
 *
 * The Lua package (lua/intercom/) and lua-cjson must be on the host's
 * package.path / package.cpath. */
#ifndef INTERCOM_H
#define INTERCOM_H

#include <lua.h>

#ifdef __cplusplus
extern "C" {
#endif

#define INTERCOM_VERSION "0.1.0"

int luaopen_intercom_core(lua_State *L);

#ifdef __cplusplus
}
#endif

#endif
