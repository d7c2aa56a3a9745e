/* The intercom executable: Lua 5.4 with the core linked in and the Lua
 * package embedded (cmake/embed_lua.cmake writes the module table). */
#ifndef INTERCOM_CLI_H
#define INTERCOM_CLI_H

#include <stddef.h>

#include <lua.h>

typedef struct {
  const char *name; /* module name, "intercom.services.contacts" */
  const char *path; /* file it came from, for error messages: "intercom/services/contacts.lua" */
  const unsigned char *source;
  size_t len;
} IcEmbedded;

extern const IcEmbedded ic_embedded_modules[]; /* ends with a NULL name */

/* Puts every embedded module and the core into package.preload of L. */
void ic_cli_preload(lua_State *L);

/* Line editing, history and completion with libedit: require "intercom.cli.edit". */
int luaopen_intercom_cli_edit(lua_State *L);

/* The terminal, signals and files: require "intercom.cli.sys". */
int luaopen_intercom_cli_sys(lua_State *L);

#endif
