/* intercom.cli.sys: what the executable needs from the system that Lua's
 * standard library lacks: is a stream a terminal and how wide, waiting for
 * SIGINT/SIGTERM (intercom sandbox), and writing a file atomically (its
 * --state file: a crash never leaves a half-written one). */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

#include "cli.h"

/* sys.isatty(n): is file descriptor n (0, 1, 2) a terminal? */
static int l_isatty(lua_State *L) {
  lua_pushboolean(L, isatty((int)luaL_checkinteger(L, 1)));
  return 1;
}

/* sys.term_width() -> columns of the terminal on stdout, 80 when unknown */
static int l_term_width(lua_State *L) {
  struct winsize ws;
  int cols = 80;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) cols = ws.ws_col;
  lua_pushinteger(L, cols);
  return 1;
}

static void stop_signals(sigset_t *set) {
  sigemptyset(set);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGTERM);
}

/* sys.block_signals(): SIGINT and SIGTERM wait for sys.wait_signal. Call it
 * before starting threads (they inherit the mask), so none of them takes
 * the signal instead. */
static int l_block_signals(lua_State *L) {
  sigset_t set;
  stop_signals(&set);
  lua_pushboolean(L, sigprocmask(SIG_BLOCK, &set, NULL) == 0);
  return 1;
}

/* sys.wait_signal() -> "SIGINT" or "SIGTERM", whichever comes first */
static int l_wait_signal(lua_State *L) {
  sigset_t set;
  int sig = 0;
  stop_signals(&set);
  while (sigwait(&set, &sig) != 0) {
  }
  lua_pushstring(L, sig == SIGTERM ? "SIGTERM" : "SIGINT");
  return 1;
}

/* sys.write_atomic(path, data) -> true | nil, message. Writes a temporary
 * file in path's directory, syncs it, renames it over path and syncs the
 * directory: readers see the old file or the new one, never a part. */
static int l_write_atomic(lua_State *L) {
  size_t len, done = 0;
  const char *path = luaL_checkstring(L, 1);
  const char *data = luaL_checklstring(L, 2, &len);
  char *tmp, *dircopy;
  int fd, dfd, err = 0;
  tmp = malloc(strlen(path) + 16);
  dircopy = strdup(path);
  if (!tmp || !dircopy) {
    free(tmp);
    free(dircopy);
    return luaL_error(L, "out of memory");
  }
  sprintf(tmp, "%s.tmp.XXXXXX", path);
  fd = mkstemp(tmp);
  if (fd < 0) {
    err = errno;
  } else {
    while (done < len && !err) {
      ssize_t n = write(fd, data + done, len - done);
      if (n < 0 && errno != EINTR) err = errno;
      else if (n > 0) done += (size_t)n;
    }
    if (!err && fsync(fd) != 0) err = errno;
    if (close(fd) != 0 && !err) err = errno;
    if (!err && rename(tmp, path) != 0) err = errno;
    if (err) unlink(tmp);
  }
  if (!err) {
    dfd = open(dirname(dircopy), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
      fsync(dfd); /* the rename itself reaches the disk */
      close(dfd);
    }
  }
  free(tmp);
  free(dircopy);
  if (err) {
    lua_pushnil(L);
    lua_pushstring(L, strerror(err));
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

int luaopen_intercom_cli_sys(lua_State *L) {
  static const luaL_Reg funcs[] = {
    {"isatty", l_isatty},
    {"term_width", l_term_width},
    {"block_signals", l_block_signals},
    {"wait_signal", l_wait_signal},
    {"write_atomic", l_write_atomic},
    {NULL, NULL},
  };
  luaL_newlib(L, funcs);
  return 1;
}
