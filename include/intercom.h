/* lua-intercom: the C entry point, for hosts that link the static library.
 *
 *   #include <intercom.h>
 *   luaL_requiref(L, "intercom.core", luaopen_intercom_core, 0);
 *   lua_pop(L, 1);
 *   // then, from Lua: local intercom = require "intercom"
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
