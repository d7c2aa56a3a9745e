/* intercom.Client: configuration and the libcurl transport (see client.c). */
#ifndef INTERCOM_CLIENT_H
#define INTERCOM_CLIENT_H

#include "compat.h"

#define IC_CLIENT_MT "intercom.Client"

/* Registers new_client, fields, sleep, now, client_methods into the table on top. */
void ic_client_open(lua_State *L);

#endif
