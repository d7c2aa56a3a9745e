/* lua-intercom: the C entry point, for hosts that link the static library.
 *
 *   #include <intercom.h>
 *   luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_PRELOAD_TABLE);
 *   lua_pushcfunction(L, luaopen_intercom_core);
 *   lua_setfield(L, -2, "intercom.core");
 *   lua_pop(L, 1);
 *   // then, from Lua: local intercom = require "intercom"
 *
 * (luaL_requiref works for the host's state too; package.preload also lets
 * the sandbox's HTTP front give the core to the Lua state it runs in.)
 *
 * The Lua package (lua/intercom/) and lua-cjson must be on the host's
 * package.path / package.cpath.
 *
 * Driving the engine from the host's own loop (a game loop, a poll/epoll
 * loop): requests made inside tasks (intercom.spawn in Lua) never block; the
 * host moves them on with one of
 *   - intercom_step(L, 0) once a tick (poll: never blocks), or
 *   - its own poll/epoll over intercom_watches() with intercom_timeout(),
 *     reporting readiness with intercom_socket_ready().
 * Each call resumes the tasks that can go on. intercom_step and
 * intercom_socket_ready return the number of tasks not done yet, or -1 with
 * an error value on top of the Lua stack (the error of a task that failed
 * with nobody waiting for it, or a broken set-up, or memory): the host prints
 * it and pops it. No entry point lets a Lua error escape into the host (each
 * runs under lua_pcall). Call them from the thread that owns L, never from
 * inside a hook. */
#ifndef INTERCOM_H
#define INTERCOM_H

#include <lua.h>

#ifdef __cplusplus
extern "C" {
#endif

#define INTERCOM_VERSION "0.1.0"

int luaopen_intercom_core(lua_State *L);

#define INTERCOM_READ 1    /* a descriptor to watch for reading, or ready for it */
#define INTERCOM_WRITE 2   /* ... for writing */
#define INTERCOM_ERROR 4   /* ready: an error or hang-up was reported */
#define INTERCOM_TIMEOUT (-1) /* the fd to pass to intercom_socket_ready when the timeout is due */

typedef struct {
  int fd;
  int events; /* INTERCOM_READ | INTERCOM_WRITE */
} intercom_watch;

/* Moves every transfer on, waiting at most timeout_ms for activity (0: poll),
 * and resumes the tasks that can go on. */
int intercom_step(lua_State *L, int timeout_ms);

/* Fills out with up to max descriptors to watch; returns how many there are
 * (more than max: call again with a larger array), or -1 with an error value
 * on top of the stack. */
int intercom_watches(lua_State *L, intercom_watch *out, int max);

/* Milliseconds until intercom_socket_ready(L, INTERCOM_TIMEOUT, 0) is due
 * (transfers' timeouts, retry waits of tasks), or -1 for none. If it fails
 * (memory, a broken set-up) it returns 0 with the stack as it was: the
 * timeout call it asks for then reports the error. */
long intercom_timeout(lua_State *L);

/* Reports that fd is ready (events: INTERCOM_READ | INTERCOM_WRITE |
 * INTERCOM_ERROR), or fd INTERCOM_TIMEOUT: the timeout is due. */
int intercom_socket_ready(lua_State *L, int fd, int events);

/* Optional, for epoll-style hosts: called from inside the engine whenever the
 * interest in a descriptor changes (events 0: stop watching it), and when the
 * transfers' timeout changes (-1: none). Hooks must not call into Lua or
 * intercom; they record, and the host acts after the call returns.
 * intercom_set_hooks returns 0, or -1 with an error value on top of the stack. */
typedef void (*intercom_watch_hook)(void *ud, int fd, int events);
typedef void (*intercom_timer_hook)(void *ud, long timeout_ms);
int intercom_set_hooks(lua_State *L, intercom_watch_hook watch, intercom_timer_hook timer, void *ud);

#ifdef __cplusplus
}
#endif

#endif
