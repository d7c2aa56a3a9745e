/* intercom.Client: configuration, and its requests on the engine.
 *
 * A client holds what every request shares (the credentials, the common
 * header lists, timeouts and TLS options on a configured easy handle); the
 * transfers themselves run on the engine (engine.c), one libcurl multi handle
 * per Lua state, each client keeping its own connections. client:perform is
 * the blocking call; client:start begins a transfer a task waits for
 * (transfer.c). libcurl callbacks (engine.c) only copy bytes: no Lua call
 * ever happens inside one. The credentials live only in C memory, are never
 * pushed into a message, and every copy we make (the Authorization value and
 * each header list holding its line) is zeroed before it is freed; Lua sees
 * them only through _authorization(), for Lua transports. libcurl's own
 * request buffers are beyond our reach.
 *
 * Everything above the wire (URLs, retries, rate limits, errors, paging) is in
 * lua/intercom/, once for every transport. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>
#include <openssl/evp.h>

#include "client.h"
#include "engine.h"
#include "error.h"
#include "headers.h"
#include "transfer.h"

#define MAX_SECONDS 86400.0 /* the longest sleep or timeout (config.lua's bound) */
#define IC_POOL 8           /* spare easy handles a client keeps for tasks */

typedef struct {
  CURL *easy;                      /* the configured handle: the blocking call's, and the template of the pool */
  struct curl_slist *headers;      /* for requests without a body */
  struct curl_slist *body_headers; /* the same plus Content-Type */
  char *authorization;             /* "Bearer <token>" or "Basic <...>": secret */
  char *base_url;                  /* every URL sent must be under it (NULL: any, a raw core client) */
  size_t base_len;
  ic_engine *engine;               /* shared by every client of the Lua state */
  ic_transfer own;                 /* the blocking call's transfer, reused */
  CURLSH *share;                   /* this client's connection and DNS caches */
  CURL *pool[IC_POOL];             /* spare handles for tasks' transfers */
  int npool, lent;                 /* lent: handles tasks' transfers still hold */
} Client;

/* ---- helpers ----------------------------------------------------------- */

static Client *check_client(lua_State *L, int idx) {
  return (Client *)luaL_checkudata(L, idx, IC_CLIENT_MT);
}

static Client *check_open(lua_State *L, int idx) {
  Client *c = check_client(L, idx);
  if (!c->easy) ic_raise(L, "ArgumentError", "this intercom client is closed");
  return c;
}

/* The token goes only where the client was made for. Every URL the Lua layer
 * builds is base_url followed by a path (url.build); this holds that rule at
 * the lowest level too, for Lua code that calls perform or start itself.
 * Raises before anything is allocated or sent. */
static void check_url(lua_State *L, const Client *c, const char *where, const char *url) {
  if (c->base_url && !(strncmp(url, c->base_url, c->base_len) == 0 && url[c->base_len] == '/'))
    ic_raise(L, "ArgumentError", "client:%s: the URL is not under this client's base_url %s "
             "(the token is sent nowhere else)", where, c->base_url);
}

/* The connections go with the last handle that used them (libcurl refuses
 * to free a share still in use). */
static void release_share(Client *c) {
  if (c->share && !c->easy && c->lent == 0) {
    curl_share_cleanup(c->share);
    c->share = NULL;
  }
}

/* memset through a volatile pointer: a plain memset just before free() is a
 * dead store the optimizer removes (at -O2 the token stayed in freed memory). */
static void *(*volatile wipe)(void *, int, size_t) = memset;

static void scrub(char *s) {
  if (!s) return;
  wipe(s, 0, strlen(s));
  free(s);
}

/* Builds "Basic base64(user:password)" with OpenSSL's encoder. */
static char *basic_auth(const char *user, const char *password) {
  size_t n = strlen(user) + 1 + strlen(password);
  char *plain = malloc(n + 1);
  char *out = malloc(6 + 4 * ((n + 2) / 3) + 1);
  if (!plain || !out) {
    free(plain);
    free(out);
    return NULL;
  }
  strcpy(plain, user);
  strcat(plain, ":");
  strcat(plain, password);
  memcpy(out, "Basic ", 6);
  EVP_EncodeBlock((unsigned char *)out + 6, (const unsigned char *)plain, (int)n);
  wipe(plain, 0, n);
  free(plain);
  return out;
}

static char *bearer_auth(const char *token) {
  char *out = malloc(7 + strlen(token) + 1);
  if (!out) return NULL;
  strcpy(out, "Bearer ");
  strcat(out, token);
  return out;
}

static struct curl_slist *append(struct curl_slist *list, const char *line, int *ok) {
  struct curl_slist *l = curl_slist_append(list, line);
  if (!l) *ok = 0;
  return l ? l : list;
}

/* Does one of the n header lines in the table at t have line's header name? */
static int replaced(lua_State *L, int t, lua_Integer n, const char *line) {
  const char *colon = strchr(line, ':');
  size_t len = colon ? (size_t)(colon - line) : strlen(line);
  lua_Integer i;
  int found = 0;
  for (i = 1; i <= n && !found; i++) {
    lua_rawgeti(L, t, i);
    if (lua_type(L, -1) == LUA_TSTRING) {
      const char *other = lua_tostring(L, -1);
      found = strncasecmp(other, line, len) == 0 && other[len] == ':';
    }
    lua_pop(L, 1);
  }
  return found;
}

/* ---- methods ----------------------------------------------------------- */

/* The header list of one request: the client's common lines, or, with
 * per-request lines (a table at idx), a new list (*owned, to free) of the
 * common ones they do not replace, then them. */
static struct curl_slist *request_headers(lua_State *L, Client *c, int has_body, int idx,
                                          struct curl_slist **owned) {
  struct curl_slist *extra = NULL, *headers = has_body ? c->body_headers : c->headers, *h;
  lua_Integer i, n;
  int ok = 1;
  *owned = NULL;
  if (!lua_istable(L, idx)) return headers;
  n = (lua_Integer)lua_rawlen(L, idx);
  for (h = headers; h; h = h->next)
    if (!replaced(L, idx, n, h->data)) extra = append(extra, h->data, &ok);
  for (i = 1; i <= n; i++) {
    lua_rawgeti(L, idx, i);
    if (lua_type(L, -1) == LUA_TSTRING) extra = append(extra, lua_tostring(L, -1), &ok);
    lua_pop(L, 1);
  }
  if (!ok) {
    ic_free_headers(extra); /* holds a copy of the Authorization line */
    luaL_error(L, "out of memory");
  }
  *owned = extra;
  return extra;
}

/* What perform returns for a finished transfer:
 *   status, body, headers | nil, kind, message, curl_code */
int ic_push_result(lua_State *L, const ic_transfer *t) {
  if (t->rc != CURLE_OK) {
    lua_pushnil(L);
    lua_pushstring(L, t->kind ? t->kind : "network");
    lua_pushstring(L, t->errbuf[0] ? t->errbuf : curl_easy_strerror(t->rc));
    lua_pushinteger(L, (lua_Integer)t->rc);
    return 4;
  }
  lua_pushinteger(L, (lua_Integer)t->status);
  lua_pushlstring(L, t->body.data ? t->body.data : "", t->body.len);
  ic_push_headers(L, t->head.data, t->head.len);
  return 3;
}

/* client:perform(method, url [, body [, extra_headers]])
 *   -> status, body, headers | nil, kind, message, curl_code
 * The blocking call: one transfer on the engine, driven to its end (other
 * transfers in flight progress meanwhile). */
static int client_perform(lua_State *L) {
  Client *c = check_open(L, 1);
  const char *method = luaL_checkstring(L, 2);
  const char *url = luaL_checkstring(L, 3);
  size_t body_len = 0;
  const char *body = luaL_optlstring(L, 4, NULL, &body_len);
  struct curl_slist *owned, *headers;
  int n;

  check_url(L, c, "perform", url);
  headers = request_headers(L, c, body != NULL, 5, &owned);

  c->own.headers = owned; /* the engine frees it when the transfer ends */
  if (ic_transfer_start(c->engine, &c->own, method, url, body, body_len, headers, 0) == 0)
    ic_engine_finish(c->engine, &c->own);
  n = ic_push_result(L, &c->own);
  /* The receive buffer is kept for the next call up to 1 MB: the pages of a
   * list come one after another at about the same size, and a buffer freed and
   * allocated again per page is fresh memory the kernel faults in every time
   * (3,000 contacts: 490 page faults in the loop with a 64 KB bound, 323 with
   * this one, and a lower peak RSS). */
  if (c->own.body.cap > 1024 * 1024) ic_buf_free(&c->own.body);
  return n;
}

/* client:start(method, url [, body [, extra_headers]]) -> an intercom.Transfer
 * in flight on the engine: transfer:result() once the engine says it is done. */
static int client_start(lua_State *L) {
  Client *c = check_open(L, 1);
  const char *method = luaL_checkstring(L, 2);
  const char *url = luaL_checkstring(L, 3);
  size_t body_len = 0;
  const char *body = luaL_optlstring(L, 4, NULL, &body_len);
  ic_transfer *t;
  struct curl_slist *owned, *headers;
  CURL *easy;
  /* Everything that can raise comes first, and whatever is taken is stored
   * in t at once: a raise then leaves a transfer whose __gc frees it. */
  check_url(L, c, "start", url);
  t = ic_transfer_push(L, 1);
  headers = request_headers(L, c, body != NULL, 5, &owned);
  t->headers = owned; /* the engine frees it when the transfer ends */
  easy = c->npool > 0 ? c->pool[--c->npool] : curl_easy_duphandle(c->easy);
  if (!easy) return luaL_error(L, "libcurl could not create a handle");
  curl_easy_setopt(easy, CURLOPT_SHARE, c->share);
  ic_transfer_setup(t, easy);
  t->owner = c;
  c->lent++;
  ic_transfer_anchor(L, t); /* anchored while it runs */
  ic_transfer_start(c->engine, t, method, url, body, body_len, headers, 1);
  return 1;
}

/* A task's transfer gives its handle back when it is done with it. */
void ic_client_give_easy(void *owner, CURL *easy) {
  Client *c = (Client *)owner;
  c->lent--;
  if (c->easy && c->npool < IC_POOL) {
    /* these point into the transfer, which may be freed before the handle's next use */
    curl_easy_setopt(easy, CURLOPT_PRIVATE, NULL);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, NULL);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, NULL);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, NULL);
    curl_easy_setopt(easy, CURLOPT_READDATA, NULL);
    c->pool[c->npool++] = easy;
    return;
  }
  curl_easy_cleanup(easy);
  release_share(c);
}

/* client:_authorization() -> the Authorization header value, for Lua transports.
 * Never put it in a message or a log. */
static int client_authorization(lua_State *L) {
  Client *c = check_open(L, 1);
  lua_pushstring(L, c->authorization);
  return 1;
}

/* close(), __gc and __close: one idempotent function. Transfers of this
 * client still in flight end as "cancelled" (their tasks get the error). */
static int client_close(lua_State *L) {
  Client *c = check_client(L, 1);
  if (c->engine) {
    ic_engine_cancel_owner(c->engine, c, "the client was closed while this request was in flight");
    if (c->own.state == IC_RUNNING) ic_transfer_cancel(&c->own, "cancelled", "the client was closed");
  }
  if (c->easy) {
    curl_easy_cleanup(c->easy);
    c->easy = NULL;
  }
  while (c->npool > 0) curl_easy_cleanup(c->pool[--c->npool]);
  release_share(c);
  ic_engine_release(c->engine);
  c->engine = NULL;
  ic_free_headers(c->headers);
  ic_free_headers(c->body_headers);
  c->headers = c->body_headers = NULL;
  scrub(c->authorization);
  c->authorization = NULL;
  free(c->base_url);
  c->base_url = NULL;
  ic_buf_free(&c->own.body);
  ic_buf_free(&c->own.head);
  return 0;
}

static int client_index(lua_State *L) {
  check_client(L, 1);
  lua_pushvalue(L, 2);
  lua_rawget(L, lua_upvalueindex(1)); /* methods, C and Lua */
  if (!lua_isnil(L, -1)) return 1;
  lua_pop(L, 1);
  ic_getuservalue(L, 1); /* per-client fields: config, rate_limit_details, services */
  lua_pushvalue(L, 2);
  lua_rawget(L, -2);
  if (!lua_isnil(L, -1)) return 1;
  lua_getfield(L, lua_upvalueindex(1), "__missing"); /* e.g. a service made on first use */
  if (lua_isnil(L, -1)) return 1;
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_call(L, 2, 1);
  return 1;
}

static int client_newindex(lua_State *L) {
  return ic_raise(L, "ArgumentError", "intercom.Client fields are read-only (%s)",
                  luaL_tolstring(L, 2, NULL));
}

static int client_tostring(lua_State *L) {
  Client *c = check_client(L, 1);
  ic_getuservalue(L, 1);
  lua_getfield(L, -1, "base_url");
  lua_pushfstring(L, "intercom.Client<%s>%s", luaL_optstring(L, -1, "?"), c->easy ? "" : " (closed)");
  return 1;
}

/* core.fields(client) -> the per-client table the Lua layer keeps its state in */
static int l_fields(lua_State *L) {
  check_client(L, 1);
  ic_getuservalue(L, 1);
  return 1;
}

static double opt_seconds(lua_State *L, int cfg, const char *key, double dflt) {
  double v;
  lua_getfield(L, cfg, key);
  v = lua_isnil(L, -1) ? dflt : lua_tonumber(L, -1);
  lua_pop(L, 1);
  return v;
}

/* A timeout option in whole milliseconds, rounded up: libcurl reads 0 as
 * "no timeout", so 0.0005 s must become 1 ms, not 0. config.lua bounds the
 * option; the clamp keeps a bad value from overflowing long anyway. */
static long timeout_ms(lua_State *L, int cfg, const char *key, double dflt) {
  double ms = opt_seconds(L, cfg, key, dflt) * 1000.0;
  long whole;
  if (!(ms > 0)) ms = dflt * 1000.0; /* also NaN */
  if (ms > MAX_SECONDS * 1000.0) ms = MAX_SECONDS * 1000.0;
  whole = (long)ms;
  if ((double)whole < ms) whole++;
  return whole;
}

static const char *opt_string(lua_State *L, int cfg, const char *key) {
  const char *s;
  lua_getfield(L, cfg, key);
  s = lua_tostring(L, -1);
  lua_pop(L, 1); /* still referenced by cfg, so s stays valid */
  return s;
}

/* core.new_client(cfg) -> Client. cfg is validated by intercom/config.lua:
 * base_url (optional: the prefix of every URL sent), token | app_id + api_key,
 * headers (array of "Name: value"), connect_timeout, timeout (seconds),
 * verify_tls, ca_file, ca_path. */
static int l_new_client(lua_State *L) {
  Client *c;
  const char *token, *app_id, *api_key, *ca_file, *ca_path, *base_url;
  lua_Integer i, n;
  int ok = 1, verify;

  luaL_checktype(L, 1, LUA_TTABLE);
  c = (Client *)ic_newuserdata(L, sizeof *c);
  memset(c, 0, sizeof *c);
  luaL_setmetatable(L, IC_CLIENT_MT);
  lua_newtable(L);
  ic_setuservalue(L, -2);

  base_url = opt_string(L, 1, "base_url");
  if (base_url) {
    c->base_len = strlen(base_url);
    c->base_url = malloc(c->base_len + 1);
    if (!c->base_url) return luaL_error(L, "out of memory");
    memcpy(c->base_url, base_url, c->base_len + 1);
  }
  token = opt_string(L, 1, "token");
  app_id = opt_string(L, 1, "app_id");
  api_key = opt_string(L, 1, "api_key");
  if (token) c->authorization = bearer_auth(token);
  else if (app_id && api_key) c->authorization = basic_auth(app_id, api_key);
  else return ic_raise(L, "MisconfiguredClientError", "an access token must be provided");
  if (!c->authorization) return luaL_error(L, "out of memory");

  c->easy = curl_easy_init();
  c->share = curl_share_init();
  if (!c->easy || !c->share) return luaL_error(L, "libcurl could not create a handle");
  /* Each client keeps its own connections (closing it closes them), while
   * all transfers run on the one engine. */
  curl_share_setopt(c->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
  curl_share_setopt(c->share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
  curl_easy_setopt(c->easy, CURLOPT_SHARE, c->share);

  /* Common headers: Authorization first (built in C memory, then scrubbed),
   * then what the Lua layer chose. */
  {
    char *line = malloc(strlen(c->authorization) + sizeof "Authorization: ");
    if (!line) return luaL_error(L, "out of memory");
    strcpy(line, "Authorization: ");
    strcat(line, c->authorization);
    c->headers = append(c->headers, line, &ok);
    c->body_headers = append(c->body_headers, line, &ok);
    scrub(line);
  }
  lua_getfield(L, 1, "headers");
  n = lua_istable(L, -1) ? (lua_Integer)lua_rawlen(L, -1) : 0;
  for (i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, i);
    if (lua_type(L, -1) == LUA_TSTRING) {
      c->headers = append(c->headers, lua_tostring(L, -1), &ok);
      c->body_headers = append(c->body_headers, lua_tostring(L, -1), &ok);
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  c->headers = append(c->headers, "Expect:", &ok); /* no 100-continue round trip */
  /* A POST without a body (archive, block, cancel) goes out empty: without
   * this, libcurl labels it application/x-www-form-urlencoded. */
  c->headers = append(c->headers, "Content-Type:", &ok);
  c->body_headers = append(c->body_headers, "Expect:", &ok);
  c->body_headers = append(c->body_headers, "Content-Type: application/json", &ok);
  if (!ok) return luaL_error(L, "out of memory");

  c->engine = ic_engine_of(L);
  ic_engine_retain(c->engine);
  ic_transfer_setup(&c->own, c->easy);
  c->own.ref = LUA_NOREF;
  curl_easy_setopt(c->easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c->easy, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding libcurl can decode */
  curl_easy_setopt(c->easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c->easy, CURLOPT_FOLLOWLOCATION, 0L); /* never carry the token elsewhere */
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(c->easy, CURLOPT_PROTOCOLS_STR, "http,https");
#else /* the bitmask, deprecated since 7.85 */
  curl_easy_setopt(c->easy, CURLOPT_PROTOCOLS, (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
#endif
  curl_easy_setopt(c->easy, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms(L, 1, "connect_timeout", 30));
  curl_easy_setopt(c->easy, CURLOPT_TIMEOUT_MS, timeout_ms(L, 1, "timeout", 90));
  lua_getfield(L, 1, "verify_tls");
  verify = lua_isnil(L, -1) || lua_toboolean(L, -1);
  lua_pop(L, 1);
  curl_easy_setopt(c->easy, CURLOPT_SSL_VERIFYPEER, verify ? 1L : 0L);
  curl_easy_setopt(c->easy, CURLOPT_SSL_VERIFYHOST, verify ? 2L : 0L);
  ca_file = opt_string(L, 1, "ca_file");
  ca_path = opt_string(L, 1, "ca_path");
  if (ca_file) curl_easy_setopt(c->easy, CURLOPT_CAINFO, ca_file);
  if (ca_path) curl_easy_setopt(c->easy, CURLOPT_CAPATH, ca_path);
  return 1;
}

/* core.sleep(seconds): the default wait between retries (a host passes its own).
 * NaN, infinities and more than MAX_SECONDS are refused: converted to time_t
 * they overflow, nanosleep fails with EINVAL, and a retry loop would spin. */
static int l_sleep(lua_State *L) {
  double s = luaL_checknumber(L, 1);
  struct timespec ts;
  if (isnan(s) || s > MAX_SECONDS)
    return ic_raise(L, "ArgumentError", "sleep: seconds must be a number from 0 to %d", (int)MAX_SECONDS);
  if (s <= 0) return 0;
  ts.tv_sec = (time_t)s;
  ts.tv_nsec = (long)((s - (double)ts.tv_sec) * 1e9);
  if (ts.tv_nsec > 999999999L) ts.tv_nsec = 999999999L;
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) { /* a signal: sleep the rest */
  }
  return 0;
}

/* core.now() -> seconds since the epoch, with sub-second precision */
static int l_now(lua_State *L) {
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  lua_pushnumber(L, (lua_Number)ts.tv_sec + (lua_Number)ts.tv_nsec / 1e9);
  return 1;
}

void ic_client_open(lua_State *L) {
  static const luaL_Reg meta[] = {
    {"__newindex", client_newindex},
    {"__tostring", client_tostring},
    {"__gc", client_close},
    {"__close", client_close},
    {NULL, NULL},
  };
  static const luaL_Reg methods[] = {
    {"perform", client_perform},
    {"start", client_start},
    {"close", client_close},
    {"_authorization", client_authorization},
    {NULL, NULL},
  };
  static const luaL_Reg funcs[] = {
    {"new_client", l_new_client},
    {"fields", l_fields},
    {"sleep", l_sleep},
    {"now", l_now},
    {NULL, NULL},
  };
  int lib = lua_gettop(L);
  curl_version_info_data *info;

  curl_global_init(CURL_GLOBAL_DEFAULT); /* per core open: fine, thread-safe from libcurl 7.84 */
  info = curl_version_info(CURLVERSION_NOW);
  lua_pushstring(L, info->version);
  lua_setfield(L, lib, "curl_version");

  luaL_newmetatable(L, IC_CLIENT_MT);
  luaL_setfuncs(L, meta, 0);
  luaL_newlib(L, methods); /* the Lua layer adds get, post, services, ... */
  lua_pushvalue(L, -1);
  lua_setfield(L, lib, "client_methods");
  lua_pushcclosure(L, client_index, 1);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);

  lua_pushvalue(L, lib);
  luaL_setfuncs(L, funcs, 0);
  lua_pop(L, 1);
}
