/* intercom.Client: configuration, and its requests on the engine (see client.c). */
#ifndef INTERCOM_CLIENT_H
#define INTERCOM_CLIENT_H

#include "compat.h"

#define IC_CLIENT_MT "intercom.Client"

#include "engine.h"

/* Pushes what client:perform returns for the finished transfer t. */
int ic_push_result(lua_State *L, const ic_transfer *t);

/* Takes back (or frees, once the client is closed) a task transfer's handle. */
void ic_client_give_easy(void *owner, CURL *easy);

/* Registers new_client, fields, sleep, now, client_methods into the table on top. */
void ic_client_open(lua_State *L);

#endif
