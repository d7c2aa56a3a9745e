-- Where the client runs decides how it moves bytes and how it waits.
-- Inside nginx (OpenResty, or Debian's nginx with the lua module) requests go
-- over cosockets and retries wait with ngx.sleep, so no call blocks the
-- worker; elsewhere the core's libcurl transport and sleep are used.
-- Only the choice is made here, when the client is created (init_by_lua is
-- fine): the transport checks the phase when a request is made.
-- luacheck: read globals ngx
local core = require "intercom.core"

local type, error, rawget, pairs = type, error, rawget, pairs

local _M = {}

-- Are we inside nginx's Lua module?
function _M.in_nginx()
  local n = rawget(_G, "ngx")
  return type(n) == "table" and type(n.socket) == "table" and type(n.socket.tcp) == "function"
    and type(n.get_phase) == "function"
end

-- Options libcurl honours that nginx sets in nginx.conf instead.
local NGINX_DIRECTIVE = {
  ca_file = "lua_ssl_trusted_certificate",
  ca_path = "lua_ssl_trusted_certificate (one file holding the certificates)",
}

-- The default transport and sleep for a client made with these options:
-- nil, nil outside nginx (the core's libcurl and sleep). A transport or sleep
-- the user gives always wins.
function _M.defaults(opts)
  if not _M.in_nginx() then return nil, nil end
  for name, directive in pairs(NGINX_DIRECTIVE) do
    if opts[name] ~= nil and opts.transport == nil then
      error(core.error("MisconfiguredClientError", {
        message = ("option '%s' has no effect on nginx cosockets: set %s in nginx.conf"):format(name, directive),
      }), 0)
    end
  end
  local transport = require("intercom.transport.cosocket").new{ verify_tls = opts.verify_tls }
  return transport, ngx.sleep
end

return _M
