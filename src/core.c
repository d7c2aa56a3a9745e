/* luaopen_intercom_core: registers the core's types and functions.
 * Users require "intercom"; this module is its C half. */
#include "intercom.h"

#include "client.h"
#include "compat.h"
#include "error.h"
#include "json.h"
#include "resource.h"
#include "transfer.h"
#include "webhook.h"

int luaopen_intercom_core(lua_State *L) {
  lua_newtable(L);
  ic_error_open(L); /* first: the others raise intercom.Error */
  ic_json_open(L);
  ic_resource_open(L);
  ic_client_open(L);
  ic_transfer_open(L);
  ic_webhook_open(L);
  lua_pushliteral(L, INTERCOM_VERSION);
  lua_setfield(L, -2, "VERSION");
  return 1;
}
