/* intercom.Transfer, and the engine as Lua sees it (see transfer.c). */
#ifndef INTERCOM_TRANSFER_H
#define INTERCOM_TRANSFER_H

#include "compat.h"
#include "engine.h"

#define IC_TRANSFER_MT "intercom.Transfer"

/* The engine of this Lua state, made on first use. */
ic_engine *ic_engine_of(lua_State *L);

/* Pushes a new, empty Transfer for the client at client_idx, not anchored:
 * if anything raises before ic_transfer_anchor, its __gc frees what it got. */
ic_transfer *ic_transfer_push(lua_State *L, int client_idx);

/* Anchors t (on top of the stack) in the registry until the engine reports
 * it finished. */
void ic_transfer_anchor(lua_State *L, ic_transfer *t);

/* Pushes the finished transfers (an array, or nil for none) and the number
 * still running. */
int ic_engine_push_finished(lua_State *L, ic_engine *e);

/* Registers engine_wait, engine_action, engine_watches, engine_timeout and
 * engine_running into the table on top. */
void ic_transfer_open(lua_State *L);

#endif
