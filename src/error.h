/* intercom.Error: structured error objects and the class tree (see error.c). */
#ifndef INTERCOM_ERROR_H
#define INTERCOM_ERROR_H

#include "compat.h"

#define IC_ERROR_MT "intercom.Error"

/* Registers error, error_class_for, errors and is_error into the table on top. */
void ic_error_open(lua_State *L);

/* Pushes a new error of class cls; fields_idx is a table of fields (or 0). */
void ic_error_push(lua_State *L, const char *cls, int fields_idx);

/* Raises an error of class cls with a formatted message. Never returns. */
int ic_raise(lua_State *L, const char *cls, const char *fmt, ...);

#endif
