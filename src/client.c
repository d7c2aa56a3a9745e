/* intercom.Client: configuration and the libcurl transport.
 *
 * One easy handle per client, reused, so connections stay open between calls.
 * libcurl callbacks only append bytes to C buffers: no Lua call (which could
 * raise and longjmp through libcurl) ever happens inside one. The credentials
 * live only in C memory, are never pushed into a message, and every copy we
 * make (the Authorization value and each header list holding its line) is
 * zeroed before it is freed; Lua sees them only through _authorization(), for
 * Lua transports. libcurl's own request buffers are beyond our reach.
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
#include "error.h"
#include "headers.h"

#define MAX_RESPONSE (64u * 1024u * 1024u) /* a larger body is refused, not buffered */
#define MAX_SECONDS 86400.0                 /* the longest sleep or timeout (config.lua's bound) */

typedef struct {
  char *data;
  size_t len, cap;
  int overflow;
} Buf;

/* A request body libcurl reads through on_upload: it cannot rewind it. */
typedef struct {
  const char *data;
  size_t len, pos;
} Upload;

typedef struct {
  CURL *easy;
  struct curl_slist *headers;      /* for requests without a body */
  struct curl_slist *body_headers; /* the same plus Content-Type */
  char *authorization;             /* "Bearer <token>" or "Basic <...>": secret */
  Buf body, head;
  Upload upload;
  char errbuf[CURL_ERROR_SIZE];
} Client;

/* ---- buffers and callbacks (plain C: no Lua here) ----------------------- */

/* Makes room for at least want bytes in all (and the terminating NUL). */
static int buf_reserve(Buf *b, size_t want) {
  char *data;
  if (want + 1 <= b->cap) return 1;
  data = realloc(b->data, want + 1);
  if (!data) return 0;
  b->data = data;
  b->cap = want + 1;
  return 1;
}

static int buf_add(Buf *b, const char *p, size_t n) {
  if (b->len + n > MAX_RESPONSE) {
    b->overflow = 1;
    return 0;
  }
  if (b->len + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n + 1) cap *= 2;
    if (!buf_reserve(b, cap - 1)) return 0;
  }
  memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 1;
}

static void buf_free(Buf *b) {
  free(b->data);
  memset(b, 0, sizeof *b);
}

static size_t on_body(char *p, size_t size, size_t n, void *ud) {
  Client *c = (Client *)ud;
  if (c->body.len == 0) { /* a known length: one allocation of the right size */
    curl_off_t length = -1;
    if (curl_easy_getinfo(c->easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length) == CURLE_OK && length > 0 &&
        (curl_off_t)MAX_RESPONSE >= length)
      buf_reserve(&c->body, (size_t)length);
  }
  return buf_add(&c->body, p, size * n) ? size * n : 0;
}

static size_t on_upload(char *p, size_t size, size_t n, void *ud) {
  Upload *u = (Upload *)ud;
  size_t k = size * n;
  if (k > u->len - u->pos) k = u->len - u->pos;
  memcpy(p, u->data + u->pos, k);
  u->pos += k;
  return k;
}

static size_t on_header(char *p, size_t size, size_t n, void *ud) {
  Client *c = (Client *)ud;
  if (n * size >= 5 && memcmp(p, "HTTP/", 5) == 0) c->head.len = 0; /* keep the last response's */
  return buf_add(&c->head, p, size * n) ? size * n : 0;
}

/* ---- helpers ----------------------------------------------------------- */

static Client *check_client(lua_State *L, int idx) {
  return (Client *)luaL_checkudata(L, idx, IC_CLIENT_MT);
}

static Client *check_open(lua_State *L, int idx) {
  Client *c = check_client(L, idx);
  if (!c->easy) ic_raise(L, "ArgumentError", "this intercom client is closed");
  return c;
}

/* memset through a volatile pointer: a plain memset just before free() is a
 * dead store the optimizer removes (at -O2 the token stayed in freed memory). */
static void *(*volatile wipe)(void *, int, size_t) = memset;

static void scrub(char *s) {
  if (!s) return;
  wipe(s, 0, strlen(s));
  free(s);
}

/* Frees a header list whose lines may hold the Authorization line: each
 * line is zeroed first (curl_slist_free_all would free it as it is). */
static void free_headers(struct curl_slist *list) {
  struct curl_slist *h;
  for (h = list; h; h = h->next)
    if (h->data) wipe(h->data, 0, strlen(h->data));
  curl_slist_free_all(list);
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

/* The kind of a transport failure, which decides whether a retry is safe:
 * connect, dns and connect_timeout never reached the server. */
static const char *failure_kind(CURL *easy, CURLcode rc, int https) {
  switch (rc) {
  case CURLE_COULDNT_RESOLVE_HOST:
  case CURLE_COULDNT_RESOLVE_PROXY:
    return "dns";
  case CURLE_COULDNT_CONNECT:
    return "connect";
  case CURLE_OPERATION_TIMEDOUT: {
    curl_off_t connected = 0;
    curl_easy_getinfo(easy, https ? CURLINFO_APPCONNECT_TIME_T : CURLINFO_CONNECT_TIME_T, &connected);
    return connected == 0 ? "connect_timeout" : "timeout";
  }
  case CURLE_SSL_CONNECT_ERROR:
  case CURLE_PEER_FAILED_VERIFICATION:
  case CURLE_SSL_CERTPROBLEM:
  case CURLE_SSL_CIPHER:
  case CURLE_SSL_CACERT_BADFILE:
  case CURLE_SSL_ISSUER_ERROR:
  case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
  case CURLE_SSL_INVALIDCERTSTATUS:
  case CURLE_SSL_CRL_BADFILE:
  case CURLE_SSL_ENGINE_NOTFOUND:
  case CURLE_SSL_ENGINE_SETFAILED:
  case CURLE_SSL_ENGINE_INITFAILED:
  case CURLE_USE_SSL_FAILED:
    return "tls";
  case CURLE_GOT_NOTHING:
  case CURLE_RECV_ERROR:
  case CURLE_SEND_ERROR:
  case CURLE_PARTIAL_FILE:
  case CURLE_SEND_FAIL_REWIND: /* a dead reused connection, for a body we will not resend */
    return "dropped";
  default:
    return "network";
  }
}

/* Whether libcurl may send this request again on its own (idempotent verbs). */
static int rewindable(const char *method) {
  return strcmp(method, "PUT") == 0 || strcmp(method, "DELETE") == 0 || strcmp(method, "GET") == 0;
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

/* client:perform(method, url [, body [, extra_headers]])
 *   -> status, body, headers | nil, kind, message, curl_code */
static int client_perform(lua_State *L) {
  Client *c = check_open(L, 1);
  const char *method = luaL_checkstring(L, 2);
  const char *url = luaL_checkstring(L, 3);
  size_t body_len = 0;
  const char *body = luaL_optlstring(L, 4, NULL, &body_len);
  struct curl_slist *extra = NULL, *headers;
  int https = strncmp(url, "https:", 6) == 0, ok = 1;
  CURLcode rc;
  long status = 0;

  headers = body ? c->body_headers : c->headers;
  if (lua_istable(L, 5)) { /* per-request headers: the common ones they do not replace, then them */
    lua_Integer i, n = (lua_Integer)lua_rawlen(L, 5);
    struct curl_slist *h;
    for (h = headers; h; h = h->next)
      if (!replaced(L, 5, n, h->data)) extra = append(extra, h->data, &ok);
    for (i = 1; i <= n; i++) {
      lua_rawgeti(L, 5, i);
      if (lua_type(L, -1) == LUA_TSTRING) extra = append(extra, lua_tostring(L, -1), &ok);
      lua_pop(L, 1);
    }
    if (!ok) {
      free_headers(extra);
      return luaL_error(L, "out of memory");
    }
    headers = extra;
  }

  c->body.len = c->head.len = 0;
  c->body.overflow = 0;
  c->errbuf[0] = '\0';
  curl_easy_setopt(c->easy, CURLOPT_URL, url);
  curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c->easy, CURLOPT_POSTFIELDS, NULL);
  if (!body && strcmp(method, "POST") == 0) body = "", body_len = 0;
  if (!body) {
    curl_easy_setopt(c->easy, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c->easy, CURLOPT_CUSTOMREQUEST, strcmp(method, "GET") == 0 ? NULL : method);
  } else {
    curl_easy_setopt(c->easy, CURLOPT_POST, 1L);
    curl_easy_setopt(c->easy, CURLOPT_CUSTOMREQUEST, strcmp(method, "POST") == 0 ? NULL : method);
    curl_easy_setopt(c->easy, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)body_len);
    if (rewindable(method)) {
      curl_easy_setopt(c->easy, CURLOPT_POSTFIELDS, body);
    } else {
      /* libcurl silently resends a request once when a kept-alive connection
       * turns out dead, if it can rewind the body. A POST may then run twice
       * (the API has no idempotency keys), so its body goes through a read
       * callback with no seek callback: libcurl cannot rewind it and reports
       * the failure instead (CURLE_SEND_FAIL_REWIND). */
      c->upload.data = body;
      c->upload.len = body_len;
      c->upload.pos = 0;
      curl_easy_setopt(c->easy, CURLOPT_READFUNCTION, on_upload);
      curl_easy_setopt(c->easy, CURLOPT_READDATA, &c->upload);
    }
  }

  rc = curl_easy_perform(c->easy);
  curl_easy_setopt(c->easy, CURLOPT_HTTPHEADER, NULL);
  curl_easy_setopt(c->easy, CURLOPT_POSTFIELDS, NULL);
  free_headers(extra); /* holds a copy of the Authorization line */

  if (rc != CURLE_OK) {
    const char *kind = failure_kind(c->easy, rc, https);
    if (c->body.overflow) kind = "too_large";
    lua_pushnil(L);
    lua_pushstring(L, kind);
    lua_pushstring(L, c->errbuf[0] ? c->errbuf : curl_easy_strerror(rc));
    lua_pushinteger(L, (lua_Integer)rc);
    return 4;
  }
  curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &status);
  lua_pushinteger(L, (lua_Integer)status);
  lua_pushlstring(L, c->body.data ? c->body.data : "", c->body.len);
  ic_push_headers(L, c->head.data, c->head.len);
  if (c->body.cap > 64 * 1024) buf_free(&c->body); /* keep a small buffer, not a list page's */
  return 3;
}

/* client:_authorization() -> the Authorization header value, for Lua transports.
 * Never put it in a message or a log. */
static int client_authorization(lua_State *L) {
  Client *c = check_open(L, 1);
  lua_pushstring(L, c->authorization);
  return 1;
}

/* close(), __gc and __close: one idempotent function. */
static int client_close(lua_State *L) {
  Client *c = check_client(L, 1);
  if (c->easy) {
    curl_easy_cleanup(c->easy);
    c->easy = NULL;
  }
  free_headers(c->headers);
  free_headers(c->body_headers);
  c->headers = c->body_headers = NULL;
  scrub(c->authorization);
  c->authorization = NULL;
  buf_free(&c->body);
  buf_free(&c->head);
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
 * token | app_id + api_key, headers (array of "Name: value"), connect_timeout,
 * timeout (seconds), verify_tls, ca_file, ca_path. */
static int l_new_client(lua_State *L) {
  Client *c;
  const char *token, *app_id, *api_key, *ca_file, *ca_path;
  lua_Integer i, n;
  int ok = 1, verify;

  luaL_checktype(L, 1, LUA_TTABLE);
  c = (Client *)ic_newuserdata(L, sizeof *c);
  memset(c, 0, sizeof *c);
  luaL_setmetatable(L, IC_CLIENT_MT);
  lua_newtable(L);
  ic_setuservalue(L, -2);

  token = opt_string(L, 1, "token");
  app_id = opt_string(L, 1, "app_id");
  api_key = opt_string(L, 1, "api_key");
  if (token) c->authorization = bearer_auth(token);
  else if (app_id && api_key) c->authorization = basic_auth(app_id, api_key);
  else return ic_raise(L, "MisconfiguredClientError", "an access token must be provided");
  if (!c->authorization) return luaL_error(L, "out of memory");

  c->easy = curl_easy_init();
  if (!c->easy) return luaL_error(L, "libcurl could not create a handle");

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

  curl_easy_setopt(c->easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c->easy, CURLOPT_ERRORBUFFER, c->errbuf);
  curl_easy_setopt(c->easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c->easy, CURLOPT_WRITEDATA, c);
  curl_easy_setopt(c->easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c->easy, CURLOPT_HEADERDATA, c);
  curl_easy_setopt(c->easy, CURLOPT_ACCEPT_ENCODING, ""); /* every encoding libcurl can decode */
  curl_easy_setopt(c->easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(c->easy, CURLOPT_FOLLOWLOCATION, 0L); /* never carry the token elsewhere */
#if LIBCURL_VERSION_NUM >= 0x075500
  curl_easy_setopt(c->easy, CURLOPT_PROTOCOLS_STR, "http,https");
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

  curl_global_init(CURL_GLOBAL_DEFAULT);
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
