/* The C API of include/intercom.h for a host's own loop: the engine's
 * descriptors and timeout, readiness reports, and a step; each resumes the
 * tasks that can go on through the scheduler (lua/intercom/tasks.lua). Each
 * entry point runs its body as a lua_CFunction under lua_pcall, so that no
 * Lua error (memory, a missing scheduler) escapes into the host. */
#include "intercom.h"

#include <limits.h>

#include "transfer.h"

#define TASKS_KEY "intercom.tasks"

/* Pushes tasks.<name>; raises (inside the entry point's pcall) if the
 * scheduler cannot be loaded. */
static void push_tasks_fn(lua_State *L, const char *name) {
  lua_getfield(L, LUA_REGISTRYINDEX, TASKS_KEY);
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "intercom.tasks");
    lua_call(L, 1, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, TASKS_KEY);
  }
  lua_getfield(L, -1, name);
  lua_remove(L, -2);
}

/* Calls the function below its nargs arguments under lua_pcall; returns its
 * integer result, or -1 with the error on the stack. */
static int call_int(lua_State *L, int nargs) {
  int n;
  if (lua_pcall(L, nargs, 1, 0) != LUA_OK) return -1;
  n = (int)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return n;
}

/* (seconds) -> tasks.step(seconds) */
static int step_body(lua_State *L) {
  push_tasks_fn(L, "step");
  lua_insert(L, 1);
  lua_call(L, 1, 1);
  return 1;
}

int intercom_step(lua_State *L, int timeout_ms) {
  lua_pushcfunction(L, step_body);
  lua_pushnumber(L, timeout_ms <= 0 ? 0 : (lua_Number)timeout_ms / 1000);
  return call_int(L, 1);
}

/* (out, max) -> how many descriptors there are */
static int watches_body(lua_State *L) {
  intercom_watch *out = (intercom_watch *)lua_touserdata(L, 1);
  int max = (int)lua_tointeger(L, 2), n, i;
  const ic_watch *w = ic_engine_watches(ic_engine_of(L), &n);
  for (i = 0; i < n && i < max; i++) {
    out[i].fd = (int)w[i].fd;
    out[i].events = ((w[i].what & CURL_POLL_IN) ? INTERCOM_READ : 0) | ((w[i].what & CURL_POLL_OUT) ? INTERCOM_WRITE : 0);
  }
  lua_pushinteger(L, n);
  return 1;
}

int intercom_watches(lua_State *L, intercom_watch *out, int max) {
  lua_pushcfunction(L, watches_body);
  lua_pushlightuserdata(L, out);
  lua_pushinteger(L, max);
  return call_int(L, 2);
}

/* () -> milliseconds until the timeout action (the engine's or the tasks'), or -1 */
static int timeout_body(lua_State *L) {
  long engine = ic_engine_timeout(ic_engine_of(L)), tasks = -1;
  push_tasks_fn(L, "next_timeout");
  lua_call(L, 0, 1);
  if (lua_isnumber(L, -1)) { /* round up: never early; capped at INT_MAX, what poll takes */
    lua_Number ms = lua_tonumber(L, -1) * 1000 + 0.999;
    tasks = ms >= INT_MAX ? INT_MAX : (long)ms;
  }
  lua_pushinteger(L, tasks >= 0 && (engine < 0 || tasks < engine) ? tasks : engine);
  return 1;
}

long intercom_timeout(lua_State *L) {
  long ms;
  lua_pushcfunction(L, timeout_body);
  if (lua_pcall(L, 0, 1, 0) != LUA_OK) {
    lua_pop(L, 1);
    return 0; /* its -1 means "none": act now, and intercom_socket_ready reports the error */
  }
  ms = (long)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return ms;
}

static int action(lua_State *L) {
  int fd = (int)lua_tointeger(L, 1), events = (int)lua_tointeger(L, 2);
  ic_engine *e = ic_engine_of(L);
  ic_engine_action(e, fd == INTERCOM_TIMEOUT ? CURL_SOCKET_TIMEOUT : (curl_socket_t)fd, events);
  lua_pop(L, 2);
  ic_engine_push_finished(L, e);
  lua_pop(L, 1); /* the running count */
  return 1;
}

/* (fd, events) -> tasks.dispatch(the transfers that finished) */
static int ready_body(lua_State *L) {
  push_tasks_fn(L, "dispatch");
  lua_pushcfunction(L, action);
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_call(L, 2, 1);
  lua_call(L, 1, 1);
  return 1;
}

int intercom_socket_ready(lua_State *L, int fd, int events) {
  lua_pushcfunction(L, ready_body);
  lua_pushinteger(L, fd);
  lua_pushinteger(L, events);
  return call_int(L, 2);
}

typedef struct {
  intercom_watch_hook watch;
  intercom_timer_hook timer;
  void *ud;
} Hooks;

static int set_hooks_body(lua_State *L) {
  const Hooks *h = (const Hooks *)lua_touserdata(L, 1);
  ic_engine_set_hooks(ic_engine_of(L), h->watch, h->timer, h->ud);
  lua_pushinteger(L, 0);
  return 1;
}

int intercom_set_hooks(lua_State *L, intercom_watch_hook watch, intercom_timer_hook timer, void *ud) {
  Hooks h;
  h.watch = watch;
  h.timer = timer;
  h.ud = ud;
  lua_pushcfunction(L, set_hooks_body);
  lua_pushlightuserdata(L, &h);
  return call_int(L, 1);
}
