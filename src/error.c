/* intercom.Error: the Ruby gem's error classes (errors.rb) as data, the choice
 * of a class from an HTTP status and an Intercom error code, and the error
 * userdata itself: read-only fields, err:is(class), a one-line __tostring.
 *
 * Unlike the gem, the body's error code decides before the status does, so a
 * 401/404/429/5xx keeps its code, message and request id; and every status of
 * 400 or more is an error, never returned as data. */
#include <stdarg.h>
#include <string.h>

#include "error.h"

typedef struct {
  const char *name;
  int parent; /* index into CLASSES, -1 at a root */
} ErrorClass;

enum {
  INTERCOM_ERROR, AUTHENTICATION, SERVICE_CONNECTION, SERVICE_UNAVAILABLE
};

/* The gem's 26 classes under IntercomError, then the transport kinds this
 * library adds (each a subclass of the gem's class for that failure), then the
 * client-side roots, which are not API errors. */
static const ErrorClass CLASSES[] = {
  {"IntercomError", -1},
  {"AuthenticationError", INTERCOM_ERROR},
  {"ServiceConnectionError", INTERCOM_ERROR},
  {"ServiceUnavailableError", INTERCOM_ERROR},
  {"AppSuspendedError", AUTHENTICATION},
  {"TokenRevokedError", AUTHENTICATION},
  {"TokenUnauthorizedError", AUTHENTICATION},
  {"ServerError", INTERCOM_ERROR},
  {"BadGatewayError", INTERCOM_ERROR},
  {"GatewayTimeoutError", INTERCOM_ERROR},
  {"ResourceNotFound", INTERCOM_ERROR},
  {"AdminNotFound", INTERCOM_ERROR},
  {"ResourceNotUniqueError", INTERCOM_ERROR},
  {"BadRequestError", INTERCOM_ERROR},
  {"RateLimitExceeded", INTERCOM_ERROR},
  {"UnexpectedResponseError", INTERCOM_ERROR},
  {"UnexpectedError", INTERCOM_ERROR},
  {"CDALimitReachedError", INTERCOM_ERROR},
  {"MultipleMatchingUsersError", INTERCOM_ERROR},
  {"BlockedUserError", INTERCOM_ERROR},
  {"AttributeNotSetError", INTERCOM_ERROR},
  {"HttpError", INTERCOM_ERROR},
  {"ApiVersionInvalid", INTERCOM_ERROR},
  {"ScrollAlreadyExistsError", INTERCOM_ERROR},
  {"InvalidDocumentError", INTERCOM_ERROR},
  {"InvalidMergeError", INTERCOM_ERROR},
  {"TagHasDependentObjects", INTERCOM_ERROR},
  {"ConnectTimeoutError", SERVICE_CONNECTION},
  {"DnsResolutionError", SERVICE_CONNECTION},
  {"TlsError", SERVICE_CONNECTION},
  {"ReadTimeoutError", SERVICE_UNAVAILABLE},
  {"ConnectionDroppedError", SERVICE_UNAVAILABLE},
  {"ArgumentError", -1},
  {"MisconfiguredClientError", -1},
};
#define NCLASSES ((int)(sizeof CLASSES / sizeof CLASSES[0]))

/* Intercom error codes (first entry of an error.list) and their classes: the
 * gem's table, plus codes the API documents today. */
static const struct { const char *code, *cls; } BY_CODE[] = {
  {"unauthorized", "AuthenticationError"},
  {"forbidden", "AuthenticationError"},
  {"token_not_found", "AuthenticationError"},
  {"token_expired", "AuthenticationError"},
  {"token_blocked", "AuthenticationError"},
  {"missing_authorization", "AuthenticationError"},
  {"action_forbidden", "AuthenticationError"},
  {"api_plan_restricted", "AuthenticationError"},
  {"token_suspended", "AppSuspendedError"},
  {"token_revoked", "TokenRevokedError"},
  {"token_unauthorized", "TokenUnauthorizedError"},
  {"bad_request", "BadRequestError"},
  {"missing_parameter", "BadRequestError"},
  {"parameter_missing", "BadRequestError"},
  {"parameter_invalid", "BadRequestError"},
  {"parameter_not_found", "BadRequestError"},
  {"data_invalid", "BadRequestError"},
  {"type_mismatch", "BadRequestError"},
  {"not_restorable", "BlockedUserError"},
  {"not_found", "ResourceNotFound"},
  {"company_not_found", "ResourceNotFound"},
  {"team_not_found", "ResourceNotFound"},
  {"admin_not_found", "AdminNotFound"},
  {"rate_limit_exceeded", "RateLimitExceeded"},
  {"too_many_requests", "RateLimitExceeded"},
  {"custom_data_limit_reached", "CDALimitReachedError"},
  {"invalid_document", "InvalidDocumentError"},
  {"service_unavailable", "ServiceUnavailableError"},
  {"server_error", "ServerError"},
  {"conflict", "MultipleMatchingUsersError"},
  {"unique_user_constraint", "MultipleMatchingUsersError"},
  {"resource_conflict", "ResourceNotUniqueError"},
  {"intercom_version_invalid", "ApiVersionInvalid"},
  {"scroll_exists", "ScrollAlreadyExistsError"},
  {"tag_has_dependent_objects", "TagHasDependentObjects"},
};

/* HTTP statuses and their classes when the body names no known code. */
static const struct { int status; const char *cls, *message; } BY_STATUS[] = {
  {400, "BadRequestError", "Bad Request"},
  {401, "AuthenticationError", "Unauthorized"},
  {402, "BadRequestError", "Request Failed"}, /* the v1 API: valid parameters, but it failed */
  {403, "AuthenticationError", "Forbidden"},
  {404, "ResourceNotFound", "Resource Not Found"},
  {408, "ServiceUnavailableError", "Request Timeout"},
  {409, "ResourceNotUniqueError", "Conflict"},
  {422, "BadRequestError", "Unprocessable Entity"},
  {429, "RateLimitExceeded", "Rate Limit Exceeded"},
  {500, "ServerError", "Server Error"},
  {502, "BadGatewayError", "Bad Gateway Error"},
  {503, "ServiceUnavailableError", "Service Unavailable"},
  {504, "GatewayTimeoutError", "Gateway Timeout"},
};

typedef struct {
  int cls;
} Error;

static int class_index(const char *name) {
  int i;
  for (i = 0; i < NCLASSES; i++)
    if (strcmp(CLASSES[i].name, name) == 0) return i;
  return -1;
}

void ic_error_push(lua_State *L, const char *cls, int fields_idx) {
  int idx = class_index(cls);
  Error *e;
  if (fields_idx) fields_idx = lua_absindex(L, fields_idx);
  if (idx < 0) luaL_error(L, "unknown error class '%s'", cls);
  e = (Error *)ic_newuserdata(L, sizeof *e);
  e->cls = idx;
  luaL_setmetatable(L, IC_ERROR_MT);
  lua_newtable(L);
  if (fields_idx) {
    lua_pushnil(L);
    while (lua_next(L, fields_idx)) {
      lua_pushvalue(L, -2);
      lua_insert(L, -2);
      lua_rawset(L, -4);
    }
  }
  lua_pushstring(L, CLASSES[idx].name);
  lua_setfield(L, -2, "class");
  ic_setuservalue(L, -2);
}

int ic_raise(lua_State *L, const char *cls, const char *fmt, ...) {
  va_list ap;
  lua_newtable(L);
  va_start(ap, fmt);
  lua_pushvfstring(L, fmt, ap);
  va_end(ap);
  lua_setfield(L, -2, "message");
  ic_error_push(L, cls, -1);
  return lua_error(L);
}

/* core.error(class, fields) -> Error */
static int l_error(lua_State *L) {
  const char *cls = luaL_checkstring(L, 1);
  if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
  if (class_index(cls) < 0) return luaL_argerror(L, 1, "unknown error class");
  ic_error_push(L, cls, lua_istable(L, 2) ? 2 : 0);
  return 1;
}

/* core.error_class_for(status, code) -> class name, status text
 * The code, when known, decides the class; the status decides otherwise. */
static int l_error_class_for(lua_State *L) {
  lua_Integer status = luaL_optinteger(L, 1, 0);
  const char *code = luaL_optstring(L, 2, NULL);
  const char *cls = NULL, *text = NULL;
  size_t i;
  for (i = 0; i < sizeof BY_STATUS / sizeof BY_STATUS[0]; i++) {
    if (BY_STATUS[i].status == status) {
      cls = BY_STATUS[i].cls;
      text = BY_STATUS[i].message;
    }
  }
  if (!cls) {
    cls = status >= 500 ? "ServerError" : "UnexpectedError";
    text = status >= 500 ? "Server Error" : "An unexpected error occurred";
  }
  for (i = 0; code && i < sizeof BY_CODE / sizeof BY_CODE[0]; i++)
    if (strcmp(BY_CODE[i].code, code) == 0) cls = BY_CODE[i].cls;
  lua_pushstring(L, cls);
  lua_pushstring(L, text);
  return 2;
}

/* core.is_error(v) -> true for an intercom.Error */
static int l_is_error(lua_State *L) {
  lua_pushboolean(L, luaL_testudata(L, 1, IC_ERROR_MT) != NULL);
  return 1;
}

static Error *check_error(lua_State *L, int idx) {
  return (Error *)luaL_checkudata(L, idx, IC_ERROR_MT);
}

/* Accepts a class object (from intercom.errors) or a class name. */
static const char *class_arg(lua_State *L, int idx) {
  if (lua_istable(L, idx)) {
    lua_getfield(L, idx, "name");
    lua_replace(L, idx);
  }
  return luaL_checkstring(L, idx);
}

/* err:is(class): true when err's class is class or inherits from it. */
static int error_is(lua_State *L) {
  Error *e = check_error(L, 1);
  const char *want = class_arg(L, 2);
  int i;
  for (i = e->cls; i >= 0; i = CLASSES[i].parent) {
    if (strcmp(CLASSES[i].name, want) == 0) {
      lua_pushboolean(L, 1);
      return 1;
    }
  }
  lua_pushboolean(L, 0);
  return 1;
}

static int error_index(lua_State *L) {
  check_error(L, 1);
  lua_getmetatable(L, 1);
  lua_getfield(L, -1, "methods");
  lua_pushvalue(L, 2);
  lua_rawget(L, -2);
  if (!lua_isnil(L, -1)) return 1;
  ic_getuservalue(L, 1);
  lua_pushvalue(L, 2);
  lua_rawget(L, -2);
  return 1;
}

/* The pairs() iterator: the fields (class, message, http_code, ...), then the
 * methods (is), so pairs(err) shows what an error has. A key that is a field
 * continues the walk over the fields; any other key, over the methods. */
static int error_next(lua_State *L) {
  int fields, methods;
  check_error(L, 1);
  lua_settop(L, 2);
  ic_getuservalue(L, 1);
  fields = lua_gettop(L);
  lua_getmetatable(L, 1);
  lua_getfield(L, -1, "methods");
  methods = lua_gettop(L);
  lua_pushvalue(L, 2);
  lua_rawget(L, fields);
  if (lua_isnil(L, 2) || !lua_isnil(L, -1)) {
    lua_pushvalue(L, 2);
    if (lua_next(L, fields)) return 2;
    lua_pushnil(L); /* the fields are done: the methods follow */
  } else {
    lua_pushvalue(L, 2);
  }
  return lua_next(L, methods) ? 2 : 0;
}

static int error_pairs(lua_State *L) {
  check_error(L, 1);
  lua_pushcfunction(L, error_next);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

static int error_newindex(lua_State *L) {
  return luaL_error(L, "intercom.Error fields are read-only");
}

/* Pushes tostring(fields[key]) and returns it, or returns NULL if unset. */
static const char *opt_field(lua_State *L, int fields, const char *key) {
  const char *s;
  lua_getfield(L, fields, key);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return NULL;
  }
  s = luaL_tolstring(L, -1, NULL);
  lua_remove(L, -2);
  return s;
}

/* One readable line: class, status and code, message, request, request id. */
static int error_tostring(lua_State *L) {
  Error *e = check_error(L, 1);
  const char *status, *code, *message, *field, *method, *url, *request_id;
  int fields, top;
  ic_getuservalue(L, 1);
  fields = lua_gettop(L);
  status = opt_field(L, fields, "http_code");
  code = opt_field(L, fields, "code");
  message = opt_field(L, fields, "message");
  field = opt_field(L, fields, "field");
  method = opt_field(L, fields, "method");
  url = opt_field(L, fields, "url");
  request_id = opt_field(L, fields, "request_id");
  top = lua_gettop(L);
  lua_pushfstring(L, "intercom.%s", CLASSES[e->cls].name);
  if (status && code) lua_pushfstring(L, " (%s %s)", status, code);
  else if (status || code) lua_pushfstring(L, " (%s)", status ? status : code);
  if (message) lua_pushfstring(L, ": %s", message);
  if (field) lua_pushfstring(L, " [field %s]", field);
  if (method && url) lua_pushfstring(L, " (%s %s)", method, url);
  if (request_id) lua_pushfstring(L, " request_id=%s", request_id);
  lua_concat(L, lua_gettop(L) - top);
  return 1;
}

static int class_tostring(lua_State *L) {
  lua_getfield(L, 1, "name");
  lua_pushfstring(L, "intercom.errors.%s", lua_tostring(L, -1));
  return 1;
}

void ic_error_open(lua_State *L) {
  static const luaL_Reg meta[] = {
    {"__index", error_index},
    {"__newindex", error_newindex},
    {"__tostring", error_tostring},
    {"__pairs", error_pairs},
    {NULL, NULL},
  };
  static const luaL_Reg methods[] = {
    {"is", error_is},
    {NULL, NULL},
  };
  int lib = lua_gettop(L), i, classes;

  luaL_newmetatable(L, IC_ERROR_MT);
  luaL_setfuncs(L, meta, 0);
  luaL_newlib(L, methods);
  lua_setfield(L, -2, "methods");
  lua_pop(L, 1);

  /* intercom.errors: one class object per class, each with name and parent. */
  luaL_newmetatable(L, "intercom.ErrorClass");
  lua_pushcfunction(L, class_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pop(L, 1);
  lua_createtable(L, 0, NCLASSES);
  classes = lua_gettop(L);
  for (i = 0; i < NCLASSES; i++) {
    lua_createtable(L, 0, 2);
    lua_pushstring(L, CLASSES[i].name);
    lua_setfield(L, -2, "name");
    if (CLASSES[i].parent >= 0) {
      lua_getfield(L, classes, CLASSES[CLASSES[i].parent].name);
      lua_setfield(L, -2, "parent");
    }
    luaL_setmetatable(L, "intercom.ErrorClass");
    lua_setfield(L, classes, CLASSES[i].name);
  }
  lua_setfield(L, lib, "errors");

  lua_pushcfunction(L, l_error);
  lua_setfield(L, lib, "error");
  lua_pushcfunction(L, l_error_class_for);
  lua_setfield(L, lib, "error_class_for");
  lua_pushcfunction(L, l_is_error);
  lua_setfield(L, lib, "is_error");
}
