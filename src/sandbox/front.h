/* intercom.Sandbox: the HTTP front of the local fake API (see front.c). */
#ifndef INTERCOM_SANDBOX_FRONT_H
#define INTERCOM_SANDBOX_FRONT_H

#include "compat.h"

#define IC_SANDBOX_MT "intercom.Sandbox"

/* Registers sandbox_start into the table on top and the intercom.Sandbox metatable. */
void ic_sandbox_open(lua_State *L);

#endif
