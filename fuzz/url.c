/* Fuzz target: where requests go. Runs lua/intercom's URL code as a user's
 * client does, with a recording transport (nothing leaves the process):
 *
 *   - next-page links from a response (a pages.next string, or a cursor
 *     table) are followed: every request must stay on the configured base
 *     URL's origin and under its path, or be refused with an intercom.Error;
 *     the token must never follow a link to another host;
 *   - an id from the input is put in a path (contacts:find, tags:delete): it
 *     must stay one path segment, never "." or "..";
 *   - the query encoder: only unreserved characters, '%', '=' and '&' come
 *     out, and parse_query reads back what was encoded;
 *   - a base_url from the input: if accepted, plain http goes to loopback only.
 *
 * Input: byte 0 picks the base URL and the variant, then fields separated by
 * NUL: the link or id, a query name, a query value, a base_url. */
#include <string.h>

#include "harness.h"

static const char CHECKS[] =
    "local intercom = require 'intercom'\n"
    "local url = require 'intercom.url'\n"
    "local is_error, json_encode = core.is_error, core.json_encode\n"
    "local BASES = { 'https://api.intercom.io', 'https://api.eu.intercom.io',\n"
    "  'http://127.0.0.1:8080', 'http://localhost:9000/sandbox' }\n"
    "local current\n"
    "local function transport(req)\n"
    "  current.sent[#current.sent + 1] = req.url\n"
    "  if #current.sent > 3 or not current.link then\n"
    "    return { status = 200, body = '{\"type\":\"list\",\"data\":[],\"id\":\"1\"}' }\n"
    "  end\n"
    "  local nxt = current.link\n"
    "  if current.cursor then nxt = { starting_after = nxt } end\n"
    "  return { status = 200, body = json_encode{ type = 'list', data = { { type = 'company', id = '1' } },\n"
    "    pages = { type = 'pages', page = 1, total_pages = 9, next = nxt } } }\n"
    "end\n"
    "local clients = {}\n"
    "local function client_for(base)\n"
    "  clients[base] = clients[base] or intercom.new{ token = 'secret-token', base_url = base, transport = transport }\n"
    "  return clients[base]\n"
    "end\n"
    "-- Runs f; an intercom.Error is an answer, any other error a failure.\n"
    "local function try(f, ...)\n"
    "  local ok, err = pcall(f, ...)\n"
    "  if ok or is_error(err) then return ok end\n"
    "  error(err, 0)\n"
    "end\n"
    "-- The authority a URL parser sees: from :// to the first / ? or #.\n"
    "local function authority(u)\n"
    "  return u:match('^https?://([^/?#]*)')\n"
    "end\n"
    "local function check_sent(base, what)\n"
    "  local origin, base_path = url.split(base)\n"
    "  for _, u in ipairs(current.sent) do\n"
    "    local rest = u:sub(#origin + 1)\n"
    "    if u:sub(1, #origin) ~= origin or not (rest == '' or rest:find('^[/?#]')) then\n"
    "      fail(('%s: a request left %s: %q'):format(what, origin, u))\n"
    "    end\n"
    "    if base_path ~= '/' and rest:sub(1, #base_path) ~= base_path then\n"
    "      fail(('%s: a request left the base path %s: %q'):format(what, base_path, u))\n"
    "    end\n"
    "  end\n"
    "end\n"
    "local function check_id_path(base, id, u)\n"
    "  local path = u:sub(#base + 1):match('^[^?#]*')\n"
    "  for segment in path:gmatch('[^/]+') do\n"
    "    if segment == '.' or segment == '..' then\n"
    "      fail(('the id %q gives the path %q: a dot segment'):format(id, path))\n"
    "    end\n"
    "  end\n"
    "end\n"
    "local function check_query(name, value)\n"
    "  if name == '' then return end\n"
    "  local ok, qs = pcall(url.query, { [name] = value }, 'fuzz')\n"
    "  if not ok then if is_error(qs) then return end error(qs, 0) end\n"
    "  if qs:find('[^%w%-%._~%%=&]') then fail(('query %q: a raw character'):format(qs)) end\n"
    "  if url.parse_query(qs)[name] ~= value then fail(('query %q does not read back'):format(qs)) end\n"
    "end\n"
    "local function check_base_url(u)\n"
    "  local ok, c = pcall(intercom.new, { token = 't', base_url = u, transport = transport })\n"
    "  if not ok then if is_error(c) then return end error(c, 0) end\n"
    "  current = { sent = {} }\n"
    "  try(c.get, c, '/me')\n"
    "  c:close()\n"
    "  for _, sent in ipairs(current.sent) do\n"
    "    local auth = authority(sent)\n"
    "    local hostport = (auth or ''):match('([^@]*)$')\n"
    "    local host = (hostport:match('^(%[[^%]]*%])') or hostport:match('^[^:]*')):lower()\n"
    "    if sent:find('^http://') and not (host == 'localhost' or host == '[::1]' or\n"
    "        host:find('^127%.%d+%.%d+%.%d+$')) then\n"
    "      fail(('base_url %q sends the token in clear to %q'):format(u, tostring(host)))\n"
    "    end\n"
    "  end\n"
    "end\n"
    "return function(sel, link, name, value, base_url)\n"
    "  local base = BASES[sel % 4 + 1]\n"
    "  local client = client_for(base)\n"
    "  -- next-page links\n"
    "  current = { sent = {}, link = link, cursor = sel % 8 >= 4 }\n"
    "  local list = current.cursor and client.contacts:all() or client.companies:all()\n"
    "  try(function() for _ in list:each() do end end)\n"
    "  check_sent(base, ('the link %q'):format(link))\n"
    "  -- ids in paths\n"
    "  current = { sent = {} }\n"
    "  if try(client.contacts.find, client.contacts, link) then check_id_path(base, link, current.sent[1]) end\n"
    "  current = { sent = {} }\n"
    "  if try(client.tags.delete, client.tags, link) then check_id_path(base, link, current.sent[1]) end\n"
    "  check_sent(base, ('the id %q'):format(link))\n"
    "  check_query(name, value)\n"
    "  if sel % 16 >= 8 then check_base_url(base_url) end\n"
    "end\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int checks = LUA_NOREF;
  const char *p, *end;
  int fields = 0;
  lua_State *L = fuzz_state();
  if (checks == LUA_NOREF) checks = fuzz_lua_function(L, "url checks", CHECKS);
  if (size == 0) return 0;
  lua_rawgeti(L, LUA_REGISTRYINDEX, checks);
  lua_pushinteger(L, data[0]);
  p = (const char *)data + 1;
  end = (const char *)data + size;
  while (fields < 4) { /* link, name, value, base_url: NUL-separated */
    const char *nul = memchr(p, 0, (size_t)(end - p));
    const char *stop = nul ? nul : end;
    lua_pushlstring(L, p, (size_t)(stop - p));
    fields++;
    p = nul ? nul + 1 : end;
  }
  fuzz_pcall(L, 5, 0, FUZZ_RAISES_NOTHING, "the URL checks");
  fuzz_done(L);
  return 0;
}
