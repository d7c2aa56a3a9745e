/* intercom.Resource: API objects as userdata (see resource.c). */
#ifndef INTERCOM_RESOURCE_H
#define INTERCOM_RESOURCE_H

#include "compat.h"

#define IC_RESOURCE_MT "intercom.Resource"

/* Registers resource, register_class, changes, refresh, ... into the table on top. */
void ic_resource_open(lua_State *L);

/* If the value at idx is a resource, pushes its attribute table and returns 1. */
int ic_resource_push_attrs(lua_State *L, int idx);

#endif
