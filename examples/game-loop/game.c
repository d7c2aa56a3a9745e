/* A game server's loop: a fixed 60 Hz tick (16.7 ms budget) that uses
 * lua-intercom without ever blocking a frame. Each tick the game's Lua side
 * (game.lua) starts requests in tasks; between ticks the loop sleeps in its
 * own poll() over intercom's descriptors (intercom_watches, intercom_timeout)
 * and reports readiness (intercom_socket_ready), which resumes the tasks
 * whose answers are in. The sandbox runs in this process, on its own threads,
 * with 0.5 s latency on every answer.
 *
 *   build/examples/game-loop [seconds=10] [requests in flight=100]
 *
 * Prints ticks, ticks over budget, the worst tick, and requests done; exits
 * non-zero if a tick went over budget or no request was done. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include <intercom.h>

#define TICK_HZ 60
#define BUDGET_MS (1000.0 / TICK_HZ)
#define MAX_WATCH 512

/* The optional hooks (for an epoll host): counted here, to show they fire. */
static long watch_changes, timer_changes;
static void on_watch(void *ud, int fd, int events) { watch_changes++; }
static void on_timer(void *ud, long timeout_ms) { timer_changes++; }

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1000 + (double)ts.tv_nsec / 1e6;
}

static void fail(lua_State *L, const char *where) {
  fprintf(stderr, "game-loop: %s: %s\n", where, luaL_tolstring(L, -1, NULL));
  exit(1);
}

/* Calls game.<name>(...) (the module table is at index 1). */
static void call_game(lua_State *L, const char *name, int nargs, int nresults) {
  lua_getfield(L, 1, name);
  lua_insert(L, -1 - nargs);
  if (lua_pcall(L, nargs, nresults, 0) != LUA_OK) fail(L, name);
}

/* Waits until deadline (ms) in poll() over intercom's descriptors, reporting
 * what is ready; returns the milliseconds spent in intercom (work, not sleep). */
static double idle_until(lua_State *L, double deadline) {
  static intercom_watch watch[MAX_WATCH];
  struct pollfd fds[MAX_WATCH];
  double work = 0, left;
  while ((left = deadline - now_ms()) > 0) {
    int n = intercom_watches(L, watch, MAX_WATCH), i, ready;
    long timeout = intercom_timeout(L);
    int wait = (int)left;
    double t0;
    if (n < 0) fail(L, "intercom_watches");
    if (n > MAX_WATCH) n = MAX_WATCH;
    if (timeout >= 0 && timeout < wait) wait = (int)timeout;
    for (i = 0; i < n; i++) {
      fds[i].fd = watch[i].fd;
      fds[i].events = (short)(((watch[i].events & INTERCOM_READ) ? POLLIN : 0) |
                              ((watch[i].events & INTERCOM_WRITE) ? POLLOUT : 0));
      fds[i].revents = 0;
    }
    ready = poll(fds, (nfds_t)n, wait);
    t0 = now_ms();
    for (i = 0; ready > 0 && i < n; i++) {
      int ev = ((fds[i].revents & (POLLIN | POLLHUP)) ? INTERCOM_READ : 0) |
               ((fds[i].revents & POLLOUT) ? INTERCOM_WRITE : 0) |
               ((fds[i].revents & (POLLERR | POLLNVAL)) ? INTERCOM_ERROR : 0);
      if (ev && intercom_socket_ready(L, fds[i].fd, ev) < 0) fail(L, "intercom_socket_ready");
    }
    if (intercom_timeout(L) == 0 && intercom_socket_ready(L, INTERCOM_TIMEOUT, 0) < 0)
      fail(L, "intercom_socket_ready(timeout)");
    work += now_ms() - t0;
  }
  return work;
}

int main(int argc, char **argv) {
  double seconds = argc > 1 ? atof(argv[1]) : 10;
  int in_flight = argc > 2 ? atoi(argv[2]) : 100;
  const char *script = argc > 3 ? argv[3] : "examples/game-loop/game.lua";
  long ticks = (long)(seconds * TICK_HZ), tick, over = 0;
  double worst = 0, next, between = 0;
  long worst_tick = 0;
  lua_State *L = luaL_newstate();

  luaL_openlibs(L);
  /* The core is linked in: its loader goes in package.preload, where the
   * sandbox's front also finds it for the Lua state it starts. */
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
  lua_pushcfunction(L, luaopen_intercom_core);
  lua_setfield(L, -2, "intercom.core");
  lua_pop(L, 1);
  if (intercom_set_hooks(L, on_watch, on_timer, NULL) < 0) fail(L, "intercom_set_hooks");
  if (luaL_dofile(L, script) != LUA_OK) fail(L, script); /* the game module, at index 1 */
  lua_pushinteger(L, in_flight);
  call_game(L, "start", 1, 1);
  printf("game-loop: sandbox at %s, 0.5 s latency, %d requests in flight, %ld ticks at %d Hz\n",
         lua_tostring(L, -1), in_flight, ticks, TICK_HZ);
  lua_pop(L, 1);

  next = now_ms();
  for (tick = 0; tick < ticks; tick++) {
    double start = now_ms(), frame;
    call_game(L, "tick", 0, 0);
    if (intercom_step(L, 0) < 0) fail(L, "intercom_step");
    frame = now_ms() - start + between; /* this tick's work and the I/O work since the last */
    if (frame > worst) worst = frame, worst_tick = tick;
    if (frame > BUDGET_MS) over++;
    next += BUDGET_MS;
    between = idle_until(L, next);
  }

  call_game(L, "stats", 0, 3);
  printf("ticks: %ld\nticks over budget: %ld\nworst tick: %.2f ms (tick %ld; budget %.1f ms)\n", ticks, over, worst, worst_tick,
         BUDGET_MS);
  printf("requests done: %lld\nrequests failed: %lld\nmost in flight: %lld\n", (long long)lua_tointeger(L, -3),
         (long long)lua_tointeger(L, -2), (long long)lua_tointeger(L, -1));
  printf("engine hooks: %ld descriptor changes, %ld timeout changes\n", watch_changes, timer_changes);
  {
    int ok = over == 0 && lua_tointeger(L, -3) > 0 && lua_tointeger(L, -2) == 0;
    lua_pop(L, 3);
    call_game(L, "stop", 0, 0);
    lua_close(L);
    return ok ? 0 : 1;
  }
}
