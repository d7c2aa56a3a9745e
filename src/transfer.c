/* intercom.Transfer: a task's request in flight on the engine; and the
 * engine's Lua functions, which the task scheduler (lua/intercom/tasks.lua)
 * and host loops (lua/intercom/loop/, include/intercom.h) drive it with.
 *
 * A transfer started by client:start is anchored in the registry until the
 * engine reports it finished (core.engine_wait / engine_action return it), so
 * a task waiting for it cannot lose it to the garbage collector. */
#include <string.h>

#include "client.h"
#include "error.h"
#include "transfer.h"

#define ENGINE_KEY "intercom.engine"
#define ENGINE_MT "intercom.Engine"

/* ---- the engine of a Lua state ------------------------------------------ */

static int engine_gc(lua_State *L) {
  ic_engine **p = (ic_engine **)lua_touserdata(L, 1);
  ic_engine_release(*p); /* clients hold their own references */
  *p = NULL;
  return 0;
}

ic_engine *ic_engine_of(lua_State *L) {
  ic_engine **p;
  lua_getfield(L, LUA_REGISTRYINDEX, ENGINE_KEY);
  p = (ic_engine **)lua_touserdata(L, -1);
  lua_pop(L, 1);
  if (p && *p) return *p;
  p = (ic_engine **)ic_newuserdata(L, sizeof *p);
  *p = NULL;
  /* made here, not when the core opens: a C host may call intercom_set_hooks
   * before it requires the core, and the engine still needs its __gc */
  if (luaL_newmetatable(L, ENGINE_MT)) {
    lua_pushcfunction(L, engine_gc);
    lua_setfield(L, -2, "__gc");
  }
  lua_setmetatable(L, -2);
  *p = ic_engine_new();
  if (!*p) luaL_error(L, "libcurl could not create a multi handle");
  lua_setfield(L, LUA_REGISTRYINDEX, ENGINE_KEY);
  return *p;
}

/* ---- intercom.Transfer --------------------------------------------------- */

static ic_transfer *check_transfer(lua_State *L, int idx) {
  return (ic_transfer *)luaL_checkudata(L, idx, IC_TRANSFER_MT);
}

ic_transfer *ic_transfer_push(lua_State *L, int client_idx) {
  ic_transfer *t = (ic_transfer *)ic_newuserdata(L, sizeof *t);
  memset(t, 0, sizeof *t);
  t->ref = LUA_NOREF;
  luaL_setmetatable(L, IC_TRANSFER_MT);
  lua_pushvalue(L, client_idx); /* the client outlives its transfers */
  ic_setuservalue(L, -2);
  return t;
}

void ic_transfer_anchor(lua_State *L, ic_transfer *t) {
  lua_pushvalue(L, -1);
  t->ref = luaL_ref(L, LUA_REGISTRYINDEX);
  t->notify = 1;
}

/* Lets go of the handle and the buffers once the outcome has been read. */
static void release(ic_transfer *t) {
  if (t->easy) {
    ic_client_give_easy(t->owner, t->easy);
    t->easy = NULL;
  }
  ic_free_headers(t->headers); /* a transfer that never started still owns them */
  t->headers = NULL;
  ic_buf_free(&t->body);
  ic_buf_free(&t->head);
}

/* transfer:result() -> what client:perform returns; once, when it is done. */
static int transfer_result(lua_State *L) {
  ic_transfer *t = check_transfer(L, 1);
  int n;
  if (t->state != IC_DONE) return ic_raise(L, "ArgumentError", "this request is still in flight");
  if (!t->easy) return ic_raise(L, "ArgumentError", "this request's result was already taken");
  n = ic_push_result(L, t);
  release(t);
  return n;
}

static int transfer_done(lua_State *L) {
  lua_pushboolean(L, check_transfer(L, 1)->state == IC_DONE);
  return 1;
}

/* transfer:cancel(): ends it as "cancelled" (reported like any finished one). */
static int transfer_cancel(lua_State *L) {
  ic_transfer_cancel(check_transfer(L, 1), "cancelled", luaL_optstring(L, 2, "the request was cancelled"));
  return 0;
}

static int transfer_gc(lua_State *L) {
  ic_transfer *t = check_transfer(L, 1);
  t->notify = 0; /* going away: not to be queued */
  ic_transfer_cancel(t, "cancelled", "the request was dropped");
  release(t);
  return 0;
}

/* ---- the engine's Lua functions ------------------------------------------ */

int ic_engine_push_finished(lua_State *L, ic_engine *e) {
  int count = ic_engine_count_finished(e), n = 0;
  ic_transfer *t;
  if (count == 0) {
    lua_pushnil(L);
  } else {
    /* presized, and made before the first pop: once a transfer leaves the
     * engine's queue nothing here can raise (memory) and lose it */
    lua_createtable(L, count, 0);
    while ((t = ic_engine_pop_finished(e)) != NULL) {
      if (t->ref == LUA_NOREF) continue;
      lua_rawgeti(L, LUA_REGISTRYINDEX, t->ref);
      lua_rawseti(L, -2, ++n);
      luaL_unref(L, LUA_REGISTRYINDEX, t->ref);
      t->ref = LUA_NOREF;
    }
  }
  lua_pushinteger(L, ic_engine_running(e));
  return 2;
}

#define IC_MAX_WAIT_S 86400.0

/* core.engine_wait(seconds) -> finished transfers | nil, running: waits at most
 * seconds (capped at a day) for activity (0: poll) and acts on it. */
static int l_engine_wait(lua_State *L) {
  ic_engine *e = ic_engine_of(L);
  double s = luaL_checknumber(L, 1);
  if (ic_engine_has_finished(e)) s = 0; /* finished transfers (e.g. cancelled ones) are news already */
  /* at most a day: math.huge or 1e300 (step's "until something happens")
   * would overflow the conversion to milliseconds */
  if (s > IC_MAX_WAIT_S) s = IC_MAX_WAIT_S;
  ic_engine_wait(e, s <= 0 ? 0 : (long)(s * 1000 + 0.5));
  return ic_engine_push_finished(L, e);
}

/* core.engine_action(fd, events) -> finished | nil, running: a host reports
 * that fd is ready (events: 1 read, 2 write, 4 error), or fd -1: the timeout. */
static int l_engine_action(lua_State *L) {
  ic_engine *e = ic_engine_of(L);
  lua_Integer fd = luaL_checkinteger(L, 1);
  int events = (int)luaL_optinteger(L, 2, 0);
  ic_engine_action(e, fd < 0 ? CURL_SOCKET_TIMEOUT : (curl_socket_t)fd, events);
  return ic_engine_push_finished(L, e);
}

/* core.engine_watches() -> { fd, events, epoch, fd, events, epoch, ... }
 * events: 1 read, 2 write, 3 both; epoch changes when a descriptor number is reused. */
static int l_engine_watches(lua_State *L) {
  int n, i;
  const ic_watch *w = ic_engine_watches(ic_engine_of(L), &n);
  lua_createtable(L, n * 3, 0);
  for (i = 0; i < n; i++) {
    lua_pushinteger(L, (lua_Integer)w[i].fd);
    lua_rawseti(L, -2, 3 * i + 1);
    lua_pushinteger(L, w[i].what);
    lua_rawseti(L, -2, 3 * i + 2);
    lua_pushinteger(L, (lua_Integer)w[i].epoch);
    lua_rawseti(L, -2, 3 * i + 3);
  }
  return 1;
}

/* core.engine_timeout() -> seconds until libcurl wants the timeout action, or nil */
static int l_engine_timeout(lua_State *L) {
  long ms = ic_engine_timeout(ic_engine_of(L));
  if (ms < 0) lua_pushnil(L);
  else lua_pushnumber(L, (lua_Number)ms / 1000);
  return 1;
}

static int l_engine_running(lua_State *L) {
  lua_pushinteger(L, ic_engine_running(ic_engine_of(L)));
  return 1;
}

void ic_transfer_open(lua_State *L) {
  static const luaL_Reg methods[] = {
    {"result", transfer_result},
    {"done", transfer_done},
    {"cancel", transfer_cancel},
    {NULL, NULL},
  };
  static const luaL_Reg funcs[] = {
    {"engine_wait", l_engine_wait},
    {"engine_action", l_engine_action},
    {"engine_watches", l_engine_watches},
    {"engine_timeout", l_engine_timeout},
    {"engine_running", l_engine_running},
    {NULL, NULL},
  };
  int lib = lua_gettop(L);
  luaL_newmetatable(L, IC_TRANSFER_MT);
  lua_pushcfunction(L, transfer_gc);
  lua_setfield(L, -2, "__gc");
  luaL_newlib(L, methods);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  lua_pushvalue(L, lib);
  luaL_setfuncs(L, funcs, 0);
  lua_pop(L, 1);
}
