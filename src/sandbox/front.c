/* intercom.sandbox.front: the HTTP front of the sandbox, on libmicrohttpd.
 * A module of its own (intercom/sandbox/front.so), so that the client's
 * intercom/core.so links no HTTP server.
 *
 * The routes and the state are Lua (lua/intercom/sandbox/), running in a
 * lua_State of their own that this file creates. MHD runs one thread per
 * connection, so every call into that state takes the server's mutex; the
 * mutex is never held while a reply waits out an injected delay, so a slow
 * connection does not stall the others.
 *
 * MHD callbacks never call Lua directly: they collect plain C data, then run
 * one C function under lua_pcall (kept in the sandbox state's registry), and
 * copy the reply back into C memory before the mutex is released. A Lua error
 * therefore becomes a 500 error.list, never a longjmp through MHD.
 *
 * Webhook deliveries leave from a thread of their own (deliver_loop), so that
 * no request waits for a subscriber: it takes the due deliveries from the app
 * under the mutex, POSTs them with no lock held from a second Lua state (D,
 * running intercom.sandbox.webhooks.send), then hands the results back under
 * the mutex. A request wakes it; retries due later wake it by a timed wait.
 *
 * Lifetime: stop(), __gc and __close are one idempotent function. It stops the
 * delivery thread, then the daemon (MHD joins every connection thread), then
 * closes the Lua states, so nothing keeps serving once the handle is gone. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>

#include <microhttpd.h>

#include "front.h"

#define MAX_UPLOAD (8u * 1024u * 1024u) /* a larger body is answered with 413 */
#define MAX_DELAY 600.0                 /* seconds; a longer injected delay is cut */
#define ERRMSG 512

typedef struct {
  struct MHD_Daemon *daemon;
  lua_State *S;       /* the sandbox's own state; touched only under lock */
  int handle_ref;     /* protected_handle, as a Lua value in S's registry */
  int call_ref;       /* protected_call */
  int app_ref;        /* the app module table */
  int core_ref;       /* intercom.core inside S, for JSON */
  int lock_ready;
  pthread_mutex_t lock;
  int stopping;       /* read by sleeping connection threads (atomic builtins) */
  unsigned long serial; /* for request ids made in C (under lock) */
  /* webhook deliveries */
  lua_State *D;       /* the sender's state: only the delivery thread touches it */
  int send_ref;       /* send.run in D's registry */
  pthread_cond_t wake; /* signalled (under lock) when a request may have queued one */
  int cond_ready, deliverer_started;
  unsigned long changes; /* requests since the delivery thread last looked (under lock) */
  pthread_t deliverer;
} Server;

typedef struct {
  Server *srv;
  unsigned port;
  char host[64];
} Handle; /* the userdata */

/* One HTTP request, from the request line to MHD's completion callback. */
typedef struct {
  char *uri; /* raw request target, path and query still percent-encoded */
  char *body;
  size_t len, cap;
  int too_large;
  int started;
} Request;

typedef struct {
  char *name, *value;
} Header;

typedef struct {
  int status;
  Header *headers;
  size_t nheaders, capheaders;
  char *body;
  size_t body_len;
  double delay;
  int fault; /* FAULT_* */
} Reply;

enum { FAULT_NONE, FAULT_DROP, FAULT_TRUNCATE };

typedef struct {
  const char *key, *value;
} Pair;

typedef struct {
  Pair *items;
  size_t n, cap;
  int oom;
} Pairs;

/* What protected_handle needs: plain C data only. */
typedef struct {
  Server *srv;
  const char *method;
  const char *path;
  size_t path_len;
  const char *query;
  Request *rq;
  Pairs *headers;
  Reply *out;
} HandleCtx;

typedef struct {
  Server *srv;
  const char *fn;
  const char *arg;
  size_t arg_len;
  char *out; /* malloc'd JSON text */
  size_t out_len;
} CallCtx;

typedef struct {
  Server *srv;
  const char *module, *config, *path, *cpath;
  size_t config_len;
  lua_CFunction core_open; /* the caller's package.preload["intercom.core"], if a C function */
} InitCtx;

/* ---- small C helpers (no Lua) ---------------------------------------- */

static char *dup_mem(const char *p, size_t n) {
  char *s = malloc(n + 1);
  if (!s) return NULL;
  if (n) memcpy(s, p, n);
  s[n] = '\0';
  return s;
}

static void reply_free(Reply *r) {
  size_t i;
  for (i = 0; i < r->nheaders; i++) {
    free(r->headers[i].name);
    free(r->headers[i].value);
  }
  free(r->headers);
  free(r->body);
  memset(r, 0, sizeof *r);
}

static int reply_add_header(Reply *r, const char *name, size_t nlen, const char *value, size_t vlen) {
  Header *h;
  if (r->nheaders == r->capheaders) {
    size_t cap = r->capheaders ? r->capheaders * 2 : 8;
    Header *items = realloc(r->headers, cap * sizeof *items);
    if (!items) return 0;
    r->headers = items;
    r->capheaders = cap;
  }
  h = &r->headers[r->nheaders];
  h->name = dup_mem(name, nlen);
  h->value = dup_mem(value, vlen);
  if (!h->name || !h->value) {
    free(h->name);
    free(h->value);
    return 0;
  }
  r->nheaders++;
  return 1;
}

static void append_json_string(char *dst, size_t cap, const char *s) {
  size_t n = strlen(dst);
  if (n + 2 >= cap) return;
  dst[n++] = '"';
  for (; *s && n + 8 < cap; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\') {
      dst[n++] = '\\';
      dst[n++] = (char)c;
    } else if (c < 0x20) {
      n += (size_t)snprintf(dst + n, cap - n, "\\u%04x", c);
    } else {
      dst[n++] = (char)c;
    }
  }
  dst[n++] = '"';
  dst[n] = '\0';
}

/* A 500 error.list made without Lua: used when the Lua side failed. */
static void reply_server_error(Reply *r, Server *srv, const char *message) {
  char id[64], body[ERRMSG * 2 + 256];
  reply_free(r);
  snprintf(id, sizeof id, "sandbox-%08lx-%08lx", (unsigned long)time(NULL), srv->serial++);
  strcpy(body, "{\"type\":\"error.list\",\"request_id\":");
  append_json_string(body, sizeof body, id);
  strcat(body, ",\"errors\":[{\"code\":\"server_error\",\"message\":");
  append_json_string(body, sizeof body - 3, message); /* room for the tail: escaping can fill it */
  strcat(body, "}]}");
  r->status = 500;
  r->body = dup_mem(body, strlen(body));
  r->body_len = r->body ? strlen(body) : 0;
  reply_add_header(r, "Content-Type", 12, "application/json; charset=utf-8", 31);
  reply_add_header(r, "X-Request-Id", 12, id, strlen(id));
}

static void copy_error(lua_State *S, char *dst, size_t cap) {
  const char *msg = lua_tostring(S, -1);
  snprintf(dst, cap, "%s", msg ? msg : "error object is not a string");
}

/* ---- inside the sandbox state (run only under lua_pcall) ------------- */

static void push_lower(lua_State *S, const char *s) {
  luaL_Buffer b;
  luaL_buffinit(S, &b);
  for (; *s; s++) luaL_addchar(&b, (*s >= 'A' && *s <= 'Z') ? (char)(*s + 32) : *s);
  luaL_pushresult(&b);
}

/* app.handle{ method, path, query, headers, body [, body_too_large] } -> reply,
 * copied into ctx->out. */
static int protected_handle(lua_State *S) {
  HandleCtx *c = (HandleCtx *)lua_touserdata(S, 1);
  Reply *out = c->out;
  size_t i;
  int reply;

  lua_rawgeti(S, LUA_REGISTRYINDEX, c->srv->app_ref);
  lua_getfield(S, -1, "handle");
  if (!lua_isfunction(S, -1)) return luaL_error(S, "the sandbox app has no handle function");
  lua_createtable(S, 0, 7);
  lua_pushstring(S, c->method);
  lua_setfield(S, -2, "method");
  lua_pushlstring(S, c->path, c->path_len);
  lua_setfield(S, -2, "path");
  lua_pushstring(S, c->query);
  lua_setfield(S, -2, "query");
  lua_newtable(S);
  for (i = 0; i < c->headers->n; i++) {
    push_lower(S, c->headers->items[i].key);
    lua_pushvalue(S, -1);
    lua_rawget(S, -3);
    if (lua_isstring(S, -1)) { /* a repeated header: join, as HTTP allows */
      lua_pushliteral(S, ", ");
      lua_pushstring(S, c->headers->items[i].value);
      lua_concat(S, 3);
    } else {
      lua_pop(S, 1);
      lua_pushstring(S, c->headers->items[i].value);
    }
    lua_rawset(S, -3);
  }
  lua_setfield(S, -2, "headers");
  lua_pushlstring(S, c->rq->body ? c->rq->body : "", c->rq->body ? c->rq->len : 0);
  lua_setfield(S, -2, "body");
  if (c->rq->too_large) {
    lua_pushboolean(S, 1);
    lua_setfield(S, -2, "body_too_large");
  }
  lua_call(S, 1, 1);

  reply = lua_gettop(S);
  if (!lua_istable(S, reply)) return luaL_error(S, "app.handle returned %s, not a table", luaL_typename(S, reply));
  lua_getfield(S, reply, "status");
  out->status = lua_isnumber(S, -1) ? (int)lua_tointeger(S, -1) : 200;
  lua_pop(S, 1);
  if (out->status < 100 || out->status > 999) return luaL_error(S, "app.handle returned status %d", out->status);

  lua_getfield(S, reply, "delay");
  out->delay = lua_isnumber(S, -1) ? (double)lua_tonumber(S, -1) : 0;
  lua_pop(S, 1);

  lua_getfield(S, reply, "fault");
  if (lua_type(S, -1) == LUA_TSTRING) {
    const char *f = lua_tostring(S, -1);
    if (strcmp(f, "drop") == 0) out->fault = FAULT_DROP;
    else if (strcmp(f, "truncate") == 0) out->fault = FAULT_TRUNCATE;
    else return luaL_error(S, "app.handle returned an unknown fault '%s'", f);
  }
  lua_pop(S, 1);

  lua_getfield(S, reply, "body");
  if (lua_type(S, -1) == LUA_TSTRING) {
    size_t n;
    const char *b = lua_tolstring(S, -1, &n);
    out->body = dup_mem(b, n);
    if (!out->body) return luaL_error(S, "out of memory");
    out->body_len = n;
  } else if (!lua_isnil(S, -1)) {
    return luaL_error(S, "app.handle returned a %s body, not a string", luaL_typename(S, -1));
  }
  lua_pop(S, 1);

  lua_getfield(S, reply, "headers");
  if (lua_istable(S, -1)) {
    int t = lua_gettop(S);
    lua_pushnil(S);
    while (lua_next(S, t)) {
      if (lua_type(S, -2) == LUA_TSTRING) {
        size_t nl, vl;
        const char *name = lua_tolstring(S, -2, &nl);
        const char *value = luaL_tolstring(S, -1, &vl); /* a copy: the key is untouched */
        if (!reply_add_header(out, name, nl, value, vl)) return luaL_error(S, "out of memory");
        lua_pop(S, 1);
      }
      lua_pop(S, 1);
    }
  }
  lua_pop(S, 1);
  return 0;
}

/* app[fn](json_decode(arg)) -> json_encode(result), copied into ctx->out. */
static int protected_call(lua_State *S) {
  CallCtx *c = (CallCtx *)lua_touserdata(S, 1);
  size_t n;
  const char *text;
  int core;

  lua_rawgeti(S, LUA_REGISTRYINDEX, c->srv->core_ref);
  core = lua_gettop(S);
  lua_rawgeti(S, LUA_REGISTRYINDEX, c->srv->app_ref);
  lua_getfield(S, -1, c->fn);
  if (!lua_isfunction(S, -1)) return luaL_error(S, "the sandbox has no function '%s'", c->fn);
  if (c->arg) {
    lua_getfield(S, core, "json_decode");
    lua_pushlstring(S, c->arg, c->arg_len);
    lua_call(S, 1, 2);
    if (lua_isnil(S, -2)) return luaL_error(S, "bad JSON argument: %s", luaL_optstring(S, -1, "?"));
    lua_pop(S, 1);
  } else {
    lua_pushnil(S);
  }
  lua_call(S, 1, 1);
  lua_getfield(S, core, "json_encode");
  lua_insert(S, -2);
  lua_call(S, 1, 1);
  text = lua_tolstring(S, -1, &n);
  if (!text) return luaL_error(S, "json_encode gave no text");
  c->out = dup_mem(text, n);
  if (!c->out) return luaL_error(S, "out of memory");
  c->out_len = n;
  return 0;
}

/* Loads the app and configures it; stores what later calls need. */
static int protected_init(lua_State *S) {
  InitCtx *c = (InitCtx *)lua_touserdata(S, 1);
  int app, core;

  lua_getglobal(S, "package");
  if (c->path) {
    lua_pushstring(S, c->path);
    lua_setfield(S, -2, "path");
  }
  if (c->cpath) {
    lua_pushstring(S, c->cpath);
    lua_setfield(S, -2, "cpath");
  }
  lua_pop(S, 1);

  /* A C host that linked the core in registers it in package.preload: the
   * new state gets the same loader, as package.cpath has no core.so there.
   * Otherwise the app's require finds intercom/core.so on package.cpath. */
  if (c->core_open) {
    lua_getglobal(S, "package");
    lua_getfield(S, -1, "preload");
    lua_pushcfunction(S, c->core_open);
    lua_setfield(S, -2, "intercom.core");
    lua_pop(S, 2);
  }

  /* The core first: a host that embeds the Lua package (the intercom
   * executable) registers it as the core opens, before the app is found. */
  lua_getglobal(S, "require");
  lua_pushliteral(S, "intercom.core");
  lua_call(S, 1, 1);
  core = lua_gettop(S);
  lua_getglobal(S, "require");
  lua_pushstring(S, c->module);
  lua_call(S, 1, 1);
  if (!lua_istable(S, -1)) return luaL_error(S, "module '%s' did not return a table", c->module);
  app = lua_gettop(S);

  lua_getfield(S, app, "configure");
  if (lua_isfunction(S, -1)) {
    if (c->config) {
      lua_getfield(S, core, "json_decode");
      lua_pushlstring(S, c->config, c->config_len);
      lua_call(S, 1, 2);
      if (lua_isnil(S, -2)) return luaL_error(S, "bad config JSON: %s", luaL_optstring(S, -1, "?"));
      lua_pop(S, 1);
    } else {
      lua_newtable(S);
    }
    lua_call(S, 1, 0);
  } else {
    lua_pop(S, 1);
  }

  lua_pushcfunction(S, protected_handle);
  c->srv->handle_ref = luaL_ref(S, LUA_REGISTRYINDEX);
  lua_pushcfunction(S, protected_call);
  c->srv->call_ref = luaL_ref(S, LUA_REGISTRYINDEX);
  lua_pushvalue(S, core);
  c->srv->core_ref = luaL_ref(S, LUA_REGISTRYINDEX);
  lua_pushvalue(S, app);
  c->srv->app_ref = luaL_ref(S, LUA_REGISTRYINDEX);
  return 0;
}

/* Message handler of run_protected: the error as text, made while still
 * protected, as the app raises intercom.Error objects as well as strings. */
static int error_text(lua_State *S) {
  luaL_tolstring(S, 1, NULL);
  return 1;
}

/* Runs a protected function (a registry ref, or a C function before the refs
 * exist) with one light userdata argument. The caller holds the lock. */
static int run_protected(Server *srv, int ref, lua_CFunction fn, void *ctx, char *err, size_t errcap) {
  lua_State *S = srv->S;
  int rc;
  lua_settop(S, 0);
  lua_pushcfunction(S, error_text);
  if (fn) lua_pushcfunction(S, fn);
  else lua_rawgeti(S, LUA_REGISTRYINDEX, ref);
  lua_pushlightuserdata(S, ctx);
  rc = lua_pcall(S, 1, 0, 1);
  if (rc != 0) copy_error(S, err, errcap);
  lua_settop(S, 0);
  return rc == 0;
}

/* ---- MHD callbacks --------------------------------------------------- */

static void *on_uri(void *cls, const char *uri, struct MHD_Connection *conn) {
  Request *rq = calloc(1, sizeof *rq);
  (void)cls;
  (void)conn;
  if (rq) rq->uri = dup_mem(uri, strlen(uri));
  return rq;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  Request *rq = (Request *)*con_cls;
  (void)cls;
  (void)conn;
  (void)toe;
  if (!rq) return;
  free(rq->uri);
  free(rq->body);
  free(rq);
  *con_cls = NULL;
}

static enum MHD_Result collect_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
  Pairs *p = (Pairs *)cls;
  (void)kind;
  if (!key) return MHD_YES;
  if (p->n == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 16;
    Pair *items = realloc(p->items, cap * sizeof *items);
    if (!items) {
      p->oom = 1;
      return MHD_NO;
    }
    p->items = items;
    p->cap = cap;
  }
  p->items[p->n].key = key;
  p->items[p->n].value = value ? value : "";
  p->n++;
  return MHD_YES;
}

static int upload_add(Request *rq, const char *data, size_t n) {
  if (rq->too_large) return 1;
  if (rq->len + n > MAX_UPLOAD) {
    rq->too_large = 1; /* keep reading, answer 413 at the end */
    free(rq->body);
    rq->body = NULL;
    rq->len = rq->cap = 0;
    return 1;
  }
  if (rq->len + n + 1 > rq->cap) {
    size_t cap = rq->cap ? rq->cap : 4096;
    char *b;
    while (cap < rq->len + n + 1) cap *= 2;
    b = realloc(rq->body, cap);
    if (!b) return 0;
    rq->body = b;
    rq->cap = cap;
  }
  memcpy(rq->body + rq->len, data, n);
  rq->len += n;
  rq->body[rq->len] = '\0';
  return 1;
}

/* Waits in short slices so that stop() is not held up by a long delay. */
static void wait_delay(Server *srv, double seconds) {
  struct timespec slice;
  if (seconds > MAX_DELAY) seconds = MAX_DELAY;
  while (seconds > 0 && !__atomic_load_n(&srv->stopping, __ATOMIC_SEQ_CST)) {
    double s = seconds < 0.02 ? seconds : 0.02;
    slice.tv_sec = 0;
    slice.tv_nsec = (long)(s * 1e9);
    nanosleep(&slice, NULL);
    seconds -= s;
  }
}

typedef struct {
  char *body;
  size_t cut; /* bytes actually sent before the connection is broken */
} Truncated;

static ssize_t truncated_read(void *cls, uint64_t pos, char *buf, size_t max) {
  Truncated *t = (Truncated *)cls;
  size_t n;
  if (pos >= t->cut) return MHD_CONTENT_READER_END_WITH_ERROR;
  n = t->cut - (size_t)pos;
  if (n > max) n = max;
  memcpy(buf, t->body + pos, n);
  return (ssize_t)n;
}

static void truncated_free(void *cls) {
  Truncated *t = (Truncated *)cls;
  free(t->body);
  free(t);
}

static enum MHD_Result send_reply(struct MHD_Connection *conn, Reply *r) {
  struct MHD_Response *resp;
  enum MHD_Result ret;
  size_t i;

  if (r->fault == FAULT_TRUNCATE && r->body_len >= 2) {
    Truncated *t = malloc(sizeof *t);
    if (!t) return MHD_NO;
    t->body = r->body;
    t->cut = r->body_len / 2;
    resp = MHD_create_response_from_callback((uint64_t)r->body_len, 4096, truncated_read, t, truncated_free);
    if (!resp) {
      free(t);
      return MHD_NO;
    }
    r->body = NULL; /* now owned by the response */
  } else if (r->fault == FAULT_TRUNCATE) {
    return MHD_NO; /* nothing to cut in half: break the connection instead */
  } else {
    resp = MHD_create_response_from_buffer(r->body_len, r->body ? r->body : (char *)"", MHD_RESPMEM_MUST_COPY);
    if (!resp) return MHD_NO;
  }
  for (i = 0; i < r->nheaders; i++) {
    const char *name = r->headers[i].name;
    /* MHD owns framing: a Lua-set length would contradict the real one */
    if (strcasecmp(name, "Content-Length") == 0 || strcasecmp(name, "Transfer-Encoding") == 0) continue;
    MHD_add_response_header(resp, name, r->headers[i].value);
  }
  ret = MHD_queue_response(conn, (unsigned int)r->status, resp);
  MHD_destroy_response(resp);
  return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls) {
  Server *srv = (Server *)cls;
  Request *rq = (Request *)*con_cls;
  Pairs headers;
  HandleCtx ctx;
  Reply reply;
  const char *target, *q;
  char err[ERRMSG];
  enum MHD_Result ret;
  (void)version;

  if (!rq) { /* no URI callback ran (should not happen): fall back to MHD's url */
    rq = calloc(1, sizeof *rq);
    if (!rq) return MHD_NO;
    rq->uri = dup_mem(url, strlen(url));
    *con_cls = rq;
  }
  if (!rq->uri) return MHD_NO;
  if (!rq->started) {
    rq->started = 1;
    return MHD_YES;
  }
  if (*upload_data_size) {
    if (!upload_add(rq, upload_data, *upload_data_size)) return MHD_NO;
    *upload_data_size = 0;
    return MHD_YES;
  }

  memset(&headers, 0, sizeof headers);
  MHD_get_connection_values(conn, MHD_HEADER_KIND, collect_header, &headers);
  if (headers.oom) {
    free(headers.items);
    return MHD_NO;
  }

  target = rq->uri;
  q = strchr(target, '?');
  memset(&ctx, 0, sizeof ctx);
  memset(&reply, 0, sizeof reply);
  ctx.srv = srv;
  ctx.method = method;
  ctx.path = target;
  ctx.path_len = q ? (size_t)(q - target) : strlen(target);
  ctx.query = q ? q + 1 : "";
  ctx.rq = rq;
  ctx.headers = &headers;
  ctx.out = &reply;

  pthread_mutex_lock(&srv->lock);
  if (!srv->S || !run_protected(srv, srv->handle_ref, NULL, &ctx, err, sizeof err))
    reply_server_error(&reply, srv, srv->S ? err : "the sandbox is stopping");
  srv->changes++; /* the request may have queued a webhook delivery */
  if (srv->cond_ready) pthread_cond_signal(&srv->wake);
  pthread_mutex_unlock(&srv->lock);
  free(headers.items);

  if (reply.delay > 0) wait_delay(srv, reply.delay); /* without the lock */
  if (reply.fault == FAULT_DROP) {
    reply_free(&reply);
    return MHD_NO; /* MHD closes the connection without a response */
  }
  ret = send_reply(conn, &reply);
  reply_free(&reply);
  return ret;
}

/* ---- webhook deliveries ---------------------------------------------- */

#define DELIVERY_IDLE 1.0 /* seconds between looks when nothing is due */

/* In D: send.run(jobs_json) -> results_json, wait. */
static int protected_send(lua_State *D) {
  CallCtx *c = (CallCtx *)lua_touserdata(D, 1);
  const char *text;
  size_t n;
  lua_rawgeti(D, LUA_REGISTRYINDEX, c->srv->send_ref);
  lua_pushlstring(D, c->arg, c->arg_len);
  lua_call(D, 1, 2);
  text = lua_tolstring(D, -2, &n);
  if (!text) return luaL_error(D, "send.run gave no text");
  c->out = dup_mem(text, n);
  if (!c->out) return luaL_error(D, "out of memory");
  c->out_len = n;
  lua_pushnumber(D, lua_isnumber(D, -1) ? lua_tonumber(D, -1) : DELIVERY_IDLE);
  return 1;
}

/* POSTs the taken jobs from D (no lock held); *wait: seconds until the next is due, < 0 for none. */
static char *send_jobs(Server *srv, const char *jobs, size_t len, size_t *out_len, double *wait) {
  lua_State *D = srv->D;
  CallCtx c;
  memset(&c, 0, sizeof c);
  c.srv = srv;
  c.arg = jobs;
  c.arg_len = len;
  lua_settop(D, 0);
  lua_pushcfunction(D, error_text);
  lua_pushcfunction(D, protected_send);
  lua_pushlightuserdata(D, &c);
  if (lua_pcall(D, 1, 1, 1) != 0) {
    free(c.out);
    lua_settop(D, 0);
    *wait = DELIVERY_IDLE;
    return NULL;
  }
  *wait = lua_tonumber(D, -1);
  lua_settop(D, 0);
  *out_len = c.out_len;
  return c.out;
}

static void *deliver_loop(void *arg) {
  Server *srv = (Server *)arg;
  char err[ERRMSG];
  pthread_mutex_lock(&srv->lock);
  while (!__atomic_load_n(&srv->stopping, __ATOMIC_SEQ_CST)) {
    CallCtx take;
    char *results = NULL;
    size_t results_len = 0;
    double wait = DELIVERY_IDLE;
    int sent = 0;
    struct timespec deadline;

    srv->changes = 0;
    memset(&take, 0, sizeof take);
    take.srv = srv;
    take.fn = "take_deliveries";
    if (srv->S && run_protected(srv, srv->call_ref, NULL, &take, err, sizeof err)) {
      pthread_mutex_unlock(&srv->lock);
      results = send_jobs(srv, take.out, take.out_len, &results_len, &wait);
      pthread_mutex_lock(&srv->lock);
    }
    free(take.out);
    if (results) {
      sent = !(results_len == 2 && memcmp(results, "[]", 2) == 0);
      if (sent && srv->S) {
        CallCtx done;
        memset(&done, 0, sizeof done);
        done.srv = srv;
        done.fn = "delivery_results";
        done.arg = results;
        done.arg_len = results_len;
        run_protected(srv, srv->call_ref, NULL, &done, err, sizeof err);
        free(done.out);
      }
      free(results);
    }
    if (sent || srv->changes) continue; /* look again at once: a retry or a new one may be due */
    if (wait < 0 || wait > DELIVERY_IDLE) wait = DELIVERY_IDLE;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += (time_t)wait;
    deadline.tv_nsec += (long)((wait - (double)(time_t)wait) * 1e9);
    if (deadline.tv_nsec >= 1000000000L) {
      deadline.tv_sec++;
      deadline.tv_nsec -= 1000000000L;
    }
    if (!srv->changes && !__atomic_load_n(&srv->stopping, __ATOMIC_SEQ_CST))
      pthread_cond_timedwait(&srv->wake, &srv->lock, &deadline);
  }
  pthread_mutex_unlock(&srv->lock);
  return NULL;
}

/* Makes D and loads the sender in it; 0 when it cannot (no delivery thread then). */
static int protected_init_sender(lua_State *D) {
  InitCtx *c = (InitCtx *)lua_touserdata(D, 1);
  lua_getglobal(D, "package");
  if (c->path) {
    lua_pushstring(D, c->path);
    lua_setfield(D, -2, "path");
  }
  if (c->cpath) {
    lua_pushstring(D, c->cpath);
    lua_setfield(D, -2, "cpath");
  }
  if (c->core_open) {
    lua_getfield(D, -1, "preload");
    lua_pushcfunction(D, c->core_open);
    lua_setfield(D, -2, "intercom.core");
    lua_pop(D, 1);
  }
  lua_pop(D, 1);
  lua_getglobal(D, "require");
  lua_pushliteral(D, "intercom.core");
  lua_call(D, 1, 0);
  lua_getglobal(D, "require");
  lua_pushliteral(D, "intercom.sandbox.webhooks.send");
  lua_call(D, 1, 1);
  lua_getfield(D, -1, "run");
  if (!lua_isfunction(D, -1)) return luaL_error(D, "intercom.sandbox.webhooks.send has no run");
  c->srv->send_ref = luaL_ref(D, LUA_REGISTRYINDEX);
  return 0;
}

static void start_deliverer(Server *srv, InitCtx *init) {
  lua_State *D = luaL_newstate();
  if (!D) return;
  luaL_openlibs(D);
  lua_pushcfunction(D, protected_init_sender);
  lua_pushlightuserdata(D, init);
  if (lua_pcall(D, 1, 0, 0) != 0) {
    lua_close(D);
    return;
  }
  srv->D = D;
  if (pthread_cond_init(&srv->wake, NULL) != 0) return;
  srv->cond_ready = 1;
  if (pthread_create(&srv->deliverer, NULL, deliver_loop, srv) == 0) srv->deliverer_started = 1;
}

/* ---- the handle ------------------------------------------------------ */

static void server_destroy(Server *srv) {
  if (!srv) return;
  __atomic_store_n(&srv->stopping, 1, __ATOMIC_SEQ_CST);
  if (srv->deliverer_started) { /* it finishes the POST it is in (bounded by its timeout) */
    pthread_mutex_lock(&srv->lock);
    pthread_cond_signal(&srv->wake);
    pthread_mutex_unlock(&srv->lock);
    pthread_join(srv->deliverer, NULL);
    srv->deliverer_started = 0;
  }
  if (srv->daemon) MHD_stop_daemon(srv->daemon); /* joins every connection thread */
  srv->daemon = NULL;
  if (srv->S) lua_close(srv->S);
  srv->S = NULL;
  if (srv->D) lua_close(srv->D);
  srv->D = NULL;
  if (srv->cond_ready) pthread_cond_destroy(&srv->wake);
  if (srv->lock_ready) pthread_mutex_destroy(&srv->lock);
  free(srv);
}

static Handle *check_handle(lua_State *L) { return (Handle *)luaL_checkudata(L, 1, IC_SANDBOX_MT); }

static Handle *check_running(lua_State *L) {
  Handle *h = check_handle(L);
  if (!h->srv) luaL_error(L, "this sandbox is stopped");
  return h;
}

/* stop(), __gc and __close: one idempotent function. */
static int sb_stop(lua_State *L) {
  Handle *h = check_handle(L);
  Server *srv = h->srv;
  h->srv = NULL;
  server_destroy(srv);
  return 0;
}

static int sb_port(lua_State *L) {
  Handle *h = check_handle(L);
  lua_pushinteger(L, (lua_Integer)h->port);
  return 1;
}

static int sb_running(lua_State *L) {
  Handle *h = check_handle(L);
  lua_pushboolean(L, h->srv != NULL);
  return 1;
}

/* sb:call(fn_name [, json_arg]) -> json_result; raises the app's error. */
static int sb_call(lua_State *L) {
  Handle *h = check_running(L);
  CallCtx ctx;
  char err[ERRMSG];
  int ok;
  memset(&ctx, 0, sizeof ctx);
  ctx.srv = h->srv;
  ctx.fn = luaL_checkstring(L, 2);
  ctx.arg = luaL_optlstring(L, 3, NULL, &ctx.arg_len);
  pthread_mutex_lock(&h->srv->lock);
  ok = run_protected(h->srv, h->srv->call_ref, NULL, &ctx, err, sizeof err);
  pthread_mutex_unlock(&h->srv->lock);
  if (!ok) {
    free(ctx.out);
    return luaL_error(L, "sandbox: %s", err);
  }
  lua_pushlstring(L, ctx.out, ctx.out_len);
  free(ctx.out);
  return 1;
}

static int sb_tostring(lua_State *L) {
  Handle *h = check_handle(L);
  lua_pushfstring(L, "intercom.Sandbox<%s:%d>%s", h->host, (int)h->port, h->srv ? "" : " (stopped)");
  return 1;
}

static const char *opt_field(lua_State *L, int t, const char *key, size_t *len) {
  const char *s;
  lua_getfield(L, t, key);
  if (!lua_isnil(L, -1) && lua_type(L, -1) != LUA_TSTRING) luaL_error(L, "front.start: %s must be a string", key);
  s = lua_tolstring(L, -1, len);
  lua_pop(L, 1); /* still referenced by the options table */
  return s;
}

/* The caller's package.preload["intercom.core"] when it is a C function (a
 * host that linked the core in), else NULL. */
static lua_CFunction preloaded_core(lua_State *L) {
  lua_CFunction fn = NULL;
  lua_getglobal(L, "package");
  if (lua_istable(L, -1)) {
    lua_getfield(L, -1, "preload");
    if (lua_istable(L, -1)) {
      lua_getfield(L, -1, "intercom.core");
      if (lua_iscfunction(L, -1)) fn = lua_tocfunction(L, -1);
      lua_pop(L, 1);
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return fn;
}

/* front.start{ host, port, module, config, path, cpath } -> intercom.Sandbox */
static int l_start(lua_State *L) {
  const char *host, *module;
  lua_Integer port;
  InitCtx init;
  Handle *h;
  Server *srv;
  struct sockaddr_in addr4;
  struct sockaddr_in6 addr6;
  const struct sockaddr *addr;
  unsigned int flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD;
  const union MHD_DaemonInfo *info;
  char err[ERRMSG];

  luaL_checktype(L, 1, LUA_TTABLE);
  memset(&init, 0, sizeof init);
  host = opt_field(L, 1, "host", NULL);
  if (!host || strcmp(host, "localhost") == 0) host = "127.0.0.1";
  module = opt_field(L, 1, "module", NULL);
  init.module = module ? module : "intercom.sandbox.app";
  init.config = opt_field(L, 1, "config", &init.config_len);
  init.path = opt_field(L, 1, "path", NULL);
  init.cpath = opt_field(L, 1, "cpath", NULL);
  init.core_open = preloaded_core(L);
  lua_getfield(L, 1, "port");
  port = luaL_optinteger(L, -1, 0);
  lua_pop(L, 1);
  if (port < 0 || port > 65535) return luaL_error(L, "front.start: port %d is out of range", (int)port);
  if (strlen(host) >= sizeof h->host) return luaL_error(L, "front.start: host is too long");

  memset(&addr4, 0, sizeof addr4);
  memset(&addr6, 0, sizeof addr6);
  if (inet_pton(AF_INET, host, &addr4.sin_addr) == 1) {
    addr4.sin_family = AF_INET;
    addr4.sin_port = htons((uint16_t)port);
    addr = (const struct sockaddr *)&addr4;
  } else if (inet_pton(AF_INET6, host, &addr6.sin6_addr) == 1) {
    addr6.sin6_family = AF_INET6;
    addr6.sin6_port = htons((uint16_t)port);
    addr = (const struct sockaddr *)&addr6;
    flags |= MHD_USE_IPv6;
  } else {
    return luaL_error(L, "front.start: host must be an IP address or localhost, not '%s'", host);
  }

  h = (Handle *)lua_newuserdata(L, sizeof *h);
  memset(h, 0, sizeof *h);
  strcpy(h->host, host);
  luaL_setmetatable(L, IC_SANDBOX_MT);

  srv = calloc(1, sizeof *srv);
  if (!srv) return luaL_error(L, "out of memory");
  srv->handle_ref = srv->call_ref = srv->app_ref = srv->core_ref = LUA_NOREF;
  if (pthread_mutex_init(&srv->lock, NULL) != 0) {
    free(srv);
    return luaL_error(L, "front.start: could not create a mutex");
  }
  srv->lock_ready = 1;
  srv->S = luaL_newstate();
  if (!srv->S) {
    server_destroy(srv);
    return luaL_error(L, "front.start: could not create a Lua state");
  }
  luaL_openlibs(srv->S);
  init.srv = srv;
  if (!run_protected(srv, LUA_NOREF, protected_init, &init, err, sizeof err)) {
    server_destroy(srv);
    return luaL_error(L, "front.start: %s", err);
  }

  start_deliverer(srv, &init); /* before the daemon: requests signal its condition */
  srv->daemon = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, on_request, srv,
                                 MHD_OPTION_SOCK_ADDR, addr,
                                 MHD_OPTION_URI_LOG_CALLBACK, on_uri, srv,
                                 MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)120,
                                 MHD_OPTION_END);
  if (!srv->daemon) {
    int e = errno;
    server_destroy(srv);
    return luaL_error(L, "front.start: could not listen on %s port %d (%s)", host, (int)port,
                      e ? strerror(e) : "libmicrohttpd refused to start");
  }
  info = MHD_get_daemon_info(srv->daemon, MHD_DAEMON_INFO_BIND_PORT);
  h->port = info && info->port ? info->port : (unsigned)port;
  h->srv = srv;
  return 1;
}

int luaopen_intercom_sandbox_front(lua_State *L) {
  static const luaL_Reg meta[] = {
    {"__gc", sb_stop},
    {"__close", sb_stop},
    {"__tostring", sb_tostring},
    {NULL, NULL},
  };
  static const luaL_Reg methods[] = {
    {"port", sb_port},
    {"call", sb_call},
    {"stop", sb_stop},
    {"running", sb_running},
    {NULL, NULL},
  };
  luaL_newmetatable(L, IC_SANDBOX_MT);
  luaL_setfuncs(L, meta, 0);
  luaL_newlib(L, methods);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, l_start);
  lua_setfield(L, -2, "start");
  return 1;
}
