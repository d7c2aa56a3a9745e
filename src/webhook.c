/* Webhook signatures and identity verification, with libcrypto.
 *
 *   core.verify_signature(secret, raw_body, header) -> true | false, reason
 *     Intercom signs a delivery with "X-Hub-Signature: sha1=<hex HMAC-SHA1 of
 *     the raw body, keyed with the app's client secret>". The header and the
 *     body come from whoever sent the request: nothing about them raises, a
 *     missing or malformed header is false with a reason. Only the caller's
 *     own mistakes (a secret that is not a non-empty string, a body that is
 *     not a string) raise ArgumentError.
 *   core.user_hash(secret, value) -> hex HMAC-SHA256 (Identity Verification)
 *   core.hmac_hex(algorithm, key, data) -> hex; "sha1" or "sha256" (the
 *     sandbox signs its deliveries with it)
 *
 * The digests are compared as bytes with CRYPTO_memcmp, whose time does not
 * depend on where they differ. */
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "error.h"
#include "webhook.h"

#define SHA1_LEN 20
#define PREFIX "sha1="

static const char HEX[] = "0123456789abcdef";

static void to_hex(const unsigned char *in, size_t n, char *out) {
  size_t i;
  for (i = 0; i < n; i++) {
    out[2 * i] = HEX[in[i] >> 4];
    out[2 * i + 1] = HEX[in[i] & 15];
  }
  out[2 * n] = '\0';
}

static int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* A secret the caller gave: a non-empty string, or ArgumentError naming it. */
static const char *check_secret(lua_State *L, int idx, const char *where, size_t *len) {
  const char *s = lua_type(L, idx) == LUA_TSTRING ? lua_tolstring(L, idx, len) : NULL;
  if (!s || *len == 0)
    ic_raise(L, "ArgumentError", "%s: argument 'secret' must be a non-empty string, got %s", where,
             s ? "an empty string" : luaL_typename(L, idx));
  return s;
}

/* HMAC of data with key; 0 when libcrypto fails (it should not). */
static unsigned int hmac(const EVP_MD *md, const char *key, size_t klen, const char *data, size_t dlen,
                         unsigned char *out) {
  unsigned int n = 0;
  if (klen > 0x7fffffff) return 0; /* HMAC() takes the key length as an int */
  if (!HMAC(md, key, (int)klen, (const unsigned char *)data, dlen, out, &n)) return 0;
  return n;
}

static int refuse(lua_State *L, const char *reason) {
  lua_pushboolean(L, 0);
  lua_pushstring(L, reason);
  return 2;
}

static int l_verify_signature(lua_State *L) {
  static const char *where = "intercom.verify_signature";
  size_t klen, blen, hlen, i;
  const char *key = check_secret(L, 1, where, &klen);
  const char *body, *header, *eq;
  unsigned char want[EVP_MAX_MD_SIZE], got[SHA1_LEN];

  if (lua_type(L, 2) != LUA_TSTRING)
    return ic_raise(L, "ArgumentError", "%s: argument 'raw_body' must be the request body as a string, got %s",
                    where, luaL_typename(L, 2));
  body = lua_tolstring(L, 2, &blen);

  /* From here on everything is the sender's: answer, never raise. */
  if (lua_isnoneornil(L, 3)) return refuse(L, "no X-Hub-Signature header");
  if (lua_type(L, 3) != LUA_TSTRING) /* a table: nginx gives one for a repeated header */
    return refuse(L, "the X-Hub-Signature header is not a single string");
  header = lua_tolstring(L, 3, &hlen);
  while (hlen > 0 && (*header == ' ' || *header == '\t')) header++, hlen--;
  while (hlen > 0 && (header[hlen - 1] == ' ' || header[hlen - 1] == '\t')) hlen--;
  if (hlen == 0) return refuse(L, "the X-Hub-Signature header is empty");
  eq = memchr(header, '=', hlen);
  if (!eq) return refuse(L, "the X-Hub-Signature header has no algorithm (expected sha1=<hex>)");
  if ((size_t)(eq - header) != sizeof PREFIX - 2 || strncmp(header, PREFIX, sizeof PREFIX - 1) != 0)
    return refuse(L, "the X-Hub-Signature header names another algorithm than sha1");
  header += sizeof PREFIX - 1;
  hlen -= sizeof PREFIX - 1;
  if (hlen != 2 * SHA1_LEN) return refuse(L, "the X-Hub-Signature digest is not 40 hex digits");
  for (i = 0; i < SHA1_LEN; i++) {
    int hi = hex_digit(header[2 * i]), lo = hex_digit(header[2 * i + 1]);
    if (hi < 0 || lo < 0) return refuse(L, "the X-Hub-Signature digest is not 40 hex digits");
    got[i] = (unsigned char)(hi << 4 | lo);
  }
  if (hmac(EVP_sha1(), key, klen, body, blen, want) != SHA1_LEN)
    return refuse(L, "libcrypto could not compute HMAC-SHA1");
  if (CRYPTO_memcmp(want, got, SHA1_LEN) != 0) return refuse(L, "the signature does not match the body");
  lua_pushboolean(L, 1);
  return 1;
}

static int push_hex_hmac(lua_State *L, const char *where, const EVP_MD *md, const char *key, size_t klen,
                         const char *data, size_t dlen) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  char hex[2 * EVP_MAX_MD_SIZE + 1];
  unsigned int n = hmac(md, key, klen, data, dlen, digest);
  if (n == 0) return ic_raise(L, "IntercomError", "%s: libcrypto could not compute the HMAC", where);
  to_hex(digest, n, hex);
  lua_pushlstring(L, hex, 2 * (size_t)n);
  return 1;
}

/* user_hash(secret, value): value is the user_id or email, a string or an integer. */
static int l_user_hash(lua_State *L) {
  static const char *where = "intercom.user_hash";
  size_t klen, vlen;
  const char *key = check_secret(L, 1, where, &klen);
  const char *value;
  int t = lua_type(L, 2);
  if (t == LUA_TNUMBER && ic_isinteger(L, 2)) {
    char num[32];
    snprintf(num, sizeof num, "%lld", (long long)lua_tointeger(L, 2));
    lua_pushstring(L, num);
    lua_replace(L, 2);
  } else if (t != LUA_TSTRING) {
    return ic_raise(L, "ArgumentError", "%s: argument 'value' must be a user_id or an email (a string), got %s",
                    where, t == LUA_TNUMBER ? "a non-integer number" : luaL_typename(L, 2));
  }
  value = lua_tolstring(L, 2, &vlen);
  if (vlen == 0)
    return ic_raise(L, "ArgumentError", "%s: argument 'value' must be a user_id or an email, got an empty string",
                    where);
  return push_hex_hmac(L, where, EVP_sha256(), key, klen, value, vlen);
}

static int l_hmac_hex(lua_State *L) {
  static const char *where = "hmac_hex";
  const char *alg = luaL_checkstring(L, 1);
  size_t klen, dlen;
  const char *key = luaL_checklstring(L, 2, &klen);
  const char *data = luaL_checklstring(L, 3, &dlen);
  const EVP_MD *md = strcmp(alg, "sha1") == 0 ? EVP_sha1() : strcmp(alg, "sha256") == 0 ? EVP_sha256() : NULL;
  if (!md) return ic_raise(L, "ArgumentError", "%s: algorithm must be \"sha1\" or \"sha256\"", where);
  return push_hex_hmac(L, where, md, key, klen, data, dlen);
}

void ic_webhook_open(lua_State *L) {
  static const luaL_Reg funcs[] = {
    {"verify_signature", l_verify_signature},
    {"user_hash", l_user_hash},
    {"hmac_hex", l_hmac_hex},
    {NULL, NULL},
  };
  luaL_setfuncs(L, funcs, 0);
}
