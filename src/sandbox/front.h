/* intercom.sandbox.front: the HTTP front of the local fake API (see front.c).
 * Built for Lua 5.4, as the sandbox's Lua is. */
#ifndef INTERCOM_SANDBOX_FRONT_H
#define INTERCOM_SANDBOX_FRONT_H

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#define IC_SANDBOX_MT "intercom.Sandbox"

/* require "intercom.sandbox.front" -> { start = function(options) -> intercom.Sandbox } */
int luaopen_intercom_sandbox_front(lua_State *L);

#endif
