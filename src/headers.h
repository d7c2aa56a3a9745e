/* Response header parsing, on its own so a fuzz target can reach it. */
#ifndef INTERCOM_HEADERS_H
#define INTERCOM_HEADERS_H

#include <stddef.h>

#include "compat.h"

/* Pushes a table of the header block's fields: lowercased names, values
 * without surrounding blanks, the last of a repeated name wins. Lines without
 * a name and a colon (the status line, the blank line) are skipped. */
void ic_push_headers(lua_State *L, const char *data, size_t len);

#endif
