/* Fuzz target: response.interpret, which turns every response (status,
 * headers, body) into data or an intercom.Error. It must never raise: a
 * hostile or broken server gets a typed error, not a raw Lua error. Every
 * status of 400 or more is an error; the error's fields and its tostring()
 * are read, as a user's handler would.
 *
 * Input: two bytes of status (mod 1000), one byte of flags (raw, redirect, a
 * Retry-After and an X-Request-Id header taken from the body's first bytes),
 * then the body. */
#include "harness.h"

static const char CHECKS[] =
    "local response = require 'intercom.response'\n"
    "local is_error, null = core.is_error, core.null\n"
    "return function(status, flags, body, header)\n"
    "  local headers = {}\n"
    "  if flags % 4 >= 2 then headers['retry-after'] = header end\n"
    "  if flags % 8 >= 4 then headers['x-request-id'] = header end\n"
    "  local opts = flags % 16 >= 8 and { raw = flags % 32 >= 16, redirect = flags % 64 >= 32 } or nil\n"
    "  local res = { status = status, body = body, headers = headers }\n"
    "  local data, err = response.interpret(res, 'GET', 'https://api.intercom.io/me', opts)\n"
    "  if err ~= nil then\n"
    "    if not is_error(err) then fail('interpret returned a ' .. type(err) .. ' as its error') end\n"
    "    if data ~= nil then fail('interpret returned data and an error') end\n"
    "    local text = tostring(err)\n"
    "    if type(err.class) ~= 'string' or type(err.message) ~= 'string' or type(text) ~= 'string' then\n"
    "      fail(('an error without class, message or text: %s'):format(text))\n"
    "    end\n"
    "    if err.http_code ~= status then fail(('http_code %s for status %d'):format(tostring(err.http_code), status)) end\n"
    "    local _ = err.code, err.field, err.request_id, err.errors, err.retry_after, err:is('IntercomError')\n"
    "  elseif status >= 400 then\n"
    "    fail(('status %d gave no error'):format(status))\n"
    "  end\n"
    "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int checks = LUA_NOREF;
  size_t hlen;
  lua_State *L = fuzz_state();
  if (checks == LUA_NOREF) checks = fuzz_lua_function(L, "error_body checks", CHECKS);
  if (size < 3) return 0;
  lua_rawgeti(L, LUA_REGISTRYINDEX, checks);
  lua_pushinteger(L, ((data[0] << 8) | data[1]) % 1000);
  lua_pushinteger(L, data[2]);
  lua_pushlstring(L, (const char *)data + 3, size - 3);
  hlen = size - 3 < 24 ? size - 3 : 24;
  lua_pushlstring(L, (const char *)data + 3, hlen);
  fuzz_pcall(L, 4, 0, FUZZ_RAISES_NOTHING, "response.interpret");
  fuzz_done(L);
  return 0;
}
