/* Webhook signatures and identity verification hashes (see webhook.c). */
#ifndef INTERCOM_WEBHOOK_H
#define INTERCOM_WEBHOOK_H

#include "compat.h"

/* Registers verify_signature, user_hash and hmac_hex into the table on top. */
void ic_webhook_open(lua_State *L);

#endif
