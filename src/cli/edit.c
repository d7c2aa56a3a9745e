/* intercom.cli.edit: the REPL's line editing, persistent history and tab
 * completion, with libedit (BSD-licensed; GNU readline's GPL does not fit an
 * MIT library). Completion asks a Lua function for candidates; it runs under
 * lua_pcall, so no Lua error ever crosses libedit's callback. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <editline/readline.h>
#include <lauxlib.h>

#include "cli.h"

#define COMPLETER_KEY "intercom.cli.completer"

static lua_State *complete_L; /* the state readline() was called from */
static char **candidates;     /* the last completion's candidates, NULL-terminated */
static volatile sig_atomic_t interrupted;
static lua_State *volatile eval_L; /* set while Lua code runs from the REPL: Ctrl-C stops it */

static void free_candidates(void) {
  size_t i;
  if (!candidates) return;
  for (i = 0; candidates[i]; i++) free(candidates[i]);
  free(candidates);
  candidates = NULL;
}

/* Runs the completer under lua_pcall: (text, line, start) -> { candidates }. */
static int call_completer(lua_State *L) {
  const char *text = (const char *)lua_touserdata(L, 1);
  int start = (int)lua_tointeger(L, 2);
  size_t i, n, k = 0;
  lua_getfield(L, LUA_REGISTRYINDEX, COMPLETER_KEY);
  if (!lua_isfunction(L, -1)) return 0;
  lua_pushstring(L, text);
  lua_pushstring(L, rl_line_buffer ? rl_line_buffer : "");
  lua_pushinteger(L, start);
  lua_call(L, 3, 1);
  if (!lua_istable(L, -1)) return 0;
  n = (size_t)lua_rawlen(L, -1);
  candidates = calloc(n + 1, sizeof *candidates);
  if (!candidates) return 0;
  for (i = 0; i < n; i++) { /* k: a non-string is skipped, not left as a NULL that ends the list */
    lua_rawgeti(L, -1, (lua_Integer)i + 1);
    if (lua_type(L, -1) == LUA_TSTRING) {
      candidates[k] = strdup(lua_tostring(L, -1));
      if (!candidates[k]) break;
      k++;
    }
    lua_pop(L, 1);
  }
  return 0;
}

static char *next_candidate(const char *text, int state) {
  static size_t i;
  (void)text;
  if (state == 0) i = 0;
  if (!candidates || !candidates[i]) return NULL;
  return strdup(candidates[i++]);
}

static char **attempt_completion(const char *text, int start, int end) {
  lua_State *L = complete_L;
  int top;
  (void)end;
  rl_attempted_completion_over = 1; /* never fall back to file names */
  rl_completion_append_character = '\0';
  free_candidates();
  if (!L) return NULL;
  top = lua_gettop(L);
  lua_pushcfunction(L, call_completer);
  lua_pushlightuserdata(L, (void *)text);
  lua_pushinteger(L, start);
  if (lua_pcall(L, 2, 0, 0) != LUA_OK) free_candidates(); /* a broken completer completes nothing */
  lua_settop(L, top);
  if (!candidates || !candidates[0]) return NULL;
  return rl_completion_matches(text, next_candidate);
}

/* Ctrl-C: stops running Lua code (as lua.c does, with a hook), or, at the
 * prompt, ends readline() with false so the REPL starts a fresh line. */
static void stop_hook(lua_State *L, lua_Debug *ar) {
  (void)ar;
  lua_sethook(L, NULL, 0, 0);
  luaL_error(L, "interrupted");
}

static void on_sigint(int sig) {
  lua_State *L = eval_L;
  (void)sig;
  interrupted = 1;
  if (L) lua_sethook(L, stop_hook, LUA_MASKCALL | LUA_MASKRET | LUA_MASKCOUNT, 1);
}

/* edit.init{ name = "intercom" }: completion and Ctrl-C handling. */
static int l_init(lua_State *L) {
  struct sigaction sa;
  static char breaks[] = " \t\n\"'`@$><=;|&{(,+-*/%^~#[]}";
  rl_readline_name = "intercom";
  rl_attempted_completion_function = attempt_completion;
  rl_basic_word_break_characters = breaks; /* . and : stay in a word: client.contacts:fi */
  rl_completer_word_break_characters = breaks;
  rl_catch_signals = 0; /* our SIGINT handler decides */
  rl_initialize();
  using_history();
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0; /* no SA_RESTART: a read at the prompt returns */
  sigaction(SIGINT, &sa, NULL);
  (void)L;
  return 0;
}

/* edit.readline(prompt) -> line; nil at end of input (Ctrl-D); false after Ctrl-C. */
static int l_readline(lua_State *L) {
  const char *prompt = luaL_checkstring(L, 1);
  char *line;
  complete_L = L;
  interrupted = 0;
  line = readline(prompt);
  complete_L = NULL;
  free_candidates();
  if (!line) {
    if (interrupted) {
      interrupted = 0;
      lua_pushboolean(L, 0);
    } else {
      lua_pushnil(L);
    }
    return 1;
  }
  lua_pushstring(L, line);
  free(line);
  return 1;
}

/* edit.set_completer(fn): fn(text, line, start) -> { full candidates } */
static int l_set_completer(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_pushvalue(L, 1);
  lua_setfield(L, LUA_REGISTRYINDEX, COMPLETER_KEY);
  return 0;
}

static int l_add_history(lua_State *L) {
  add_history(luaL_checkstring(L, 1));
  return 0;
}

/* edit.load_history(path, max): keeps at most max lines. */
static int l_load_history(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  stifle_history((int)luaL_optinteger(L, 2, 1000));
  lua_pushboolean(L, read_history(path) == 0);
  return 1;
}

/* edit.save_history(path): written readable by its owner only. */
static int l_save_history(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  mode_t old = umask(077);
  int rc = write_history(path);
  umask(old);
  if (rc != 0) {
    lua_pushnil(L);
    lua_pushstring(L, strerror(rc > 0 ? rc : errno));
    return 2;
  }
  chmod(path, 0600);
  lua_pushboolean(L, 1);
  return 1;
}

/* edit.pcall(fn, ...): lua_pcall with Ctrl-C turned into an "interrupted" error. */
static int l_pcall(lua_State *L) {
  int status, n;
  luaL_checktype(L, 1, LUA_TFUNCTION);
  n = lua_gettop(L) - 1;
  interrupted = 0;
  eval_L = L;
  status = lua_pcall(L, n, LUA_MULTRET, 0);
  eval_L = NULL;
  lua_sethook(L, NULL, 0, 0);
  lua_pushboolean(L, status == LUA_OK);
  lua_insert(L, 1);
  return lua_gettop(L);
}

int luaopen_intercom_cli_edit(lua_State *L) {
  static const luaL_Reg funcs[] = {
    {"init", l_init},
    {"readline", l_readline},
    {"set_completer", l_set_completer},
    {"add_history", l_add_history},
    {"load_history", l_load_history},
    {"save_history", l_save_history},
    {"pcall", l_pcall},
    {NULL, NULL},
  };
  luaL_newlib(L, funcs);
  return 1;
}
