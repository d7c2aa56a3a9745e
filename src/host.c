/* The C API of include/intercom.h for a host's own loop: the engine's
 * descriptors and timeout, readiness reports, and a step; each resumes the
 * tasks that can go on through the scheduler (lua/intercom/tasks.lua), called
 * under lua_pcall so that no Lua error escapes into the host. */
#include "intercom.h"

#include "transfer.h"

#define TASKS_KEY "intercom.tasks"

/* Pushes tasks.<name>; on failure returns 0 with the error on the stack. */
static int push_tasks_fn(lua_State *L, const char *name) {
  lua_getfield(L, LUA_REGISTRYINDEX, TASKS_KEY);
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    lua_getglobal(L, "require");
    lua_pushliteral(L, "intercom.tasks");
    if (lua_pcall(L, 1, 1, 0) != LUA_OK) return 0;
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, TASKS_KEY);
  }
  lua_getfield(L, -1, name);
  lua_remove(L, -2);
  return 1;
}

/* Calls the function on top with nargs arguments below... (already pushed
 * after it); returns its integer result, or -1 with the error on the stack. */
static int call_int(lua_State *L, int nargs) {
  int n;
  if (lua_pcall(L, nargs, 1, 0) != LUA_OK) return -1;
  n = (int)lua_tointeger(L, -1);
  lua_pop(L, 1);
  return n;
}

int intercom_step(lua_State *L, int timeout_ms) {
  if (!push_tasks_fn(L, "step")) return -1;
  lua_pushnumber(L, timeout_ms <= 0 ? 0 : (lua_Number)timeout_ms / 1000);
  return call_int(L, 1);
}

int intercom_watches(lua_State *L, intercom_watch *out, int max) {
  int n, i;
  const ic_watch *w = ic_engine_watches(ic_engine_of(L), &n);
  for (i = 0; i < n && i < max; i++) {
    out[i].fd = (int)w[i].fd;
    out[i].events = ((w[i].what & CURL_POLL_IN) ? INTERCOM_READ : 0) | ((w[i].what & CURL_POLL_OUT) ? INTERCOM_WRITE : 0);
  }
  return n;
}

long intercom_timeout(lua_State *L) {
  long engine = ic_engine_timeout(ic_engine_of(L)), tasks = -1;
  int top = lua_gettop(L);
  if (push_tasks_fn(L, "next_timeout") && lua_pcall(L, 0, 1, 0) == LUA_OK && lua_isnumber(L, -1))
    tasks = (long)(lua_tonumber(L, -1) * 1000 + 0.999); /* round up: never early */
  lua_settop(L, top);
  if (tasks >= 0 && (engine < 0 || tasks < engine)) return tasks;
  return engine;
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

int intercom_socket_ready(lua_State *L, int fd, int events) {
  if (!push_tasks_fn(L, "dispatch")) return -1;
  lua_pushcfunction(L, action); /* under pcall too: the engine's Lua side can raise (memory) */
  lua_pushinteger(L, fd);
  lua_pushinteger(L, events);
  if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
    lua_remove(L, -2);
    return -1;
  }
  return call_int(L, 1);
}

void intercom_set_hooks(lua_State *L, intercom_watch_hook watch, intercom_timer_hook timer, void *ud) {
  ic_engine_set_hooks(ic_engine_of(L), watch, timer, ud);
}
