-- The OpenResty transport: HTTP/1.1 over nginx cosockets (ngx.socket.tcp), so
-- a request yields to nginx's event loop instead of blocking the worker.
-- Chosen by intercom.runtime when the code runs inside nginx; it follows the
-- transport contract of intercom.transport:
--
--   transport(request) -> response | nil, { kind = ..., message = ... }
--
-- Connections are kept in nginx's cosocket pool (setkeepalive), one pool per
-- host, port and TLS setting. TLS verifies the server's certificate against
-- the CA file nginx is given (lua_ssl_trusted_certificate in nginx.conf);
-- verify_tls = false turns that off. No Accept-Encoding is sent: bodies come
-- uncompressed, as nginx has no decoder for them here.
-- luacheck: read globals ngx
local core = require "intercom.core"

local tonumber, tostring, concat, error = tonumber, tostring, table.concat, error
local pairs, math_max, math_ceil = pairs, math.max, math.ceil
local str_lower, str_find, str_match, str_sub = string.lower, string.find, string.match, string.sub

local _M = {}

_M.MAX_BODY = 64 * 1024 * 1024 -- as the libcurl transport: a larger body is refused
_M.KEEPALIVE_MS = 20000         -- how long an idle connection waits in the pool
_M.MAX_STATUS_LINES = 8         -- 1xx interim responses skipped at most

local VERIFY_HINT = " (nginx verifies against lua_ssl_trusted_certificate: set it in nginx.conf, "
  .. "e.g. /etc/ssl/certs/ca-certificates.crt)"
local MAX_ATTEMPTS = 3 -- a dead pooled connection is replaced, for idempotent requests only

local IDEMPOTENT = { GET = true, HEAD = true, PUT = true, DELETE = true, OPTIONS = true }

-- The phases with cosockets, and a hint for each phase without them.
local COSOCKET_PHASES = {
  rewrite = true, server_rewrite = true, access = true, content = true, timer = true,
  ssl_cert = true, ssl_session_fetch = true, ssl_client_hello = true, preread = true,
}
local PHASE_HINTS = {
  init = "create the client there and use it in a rewrite, access, content or timer phase",
  init_worker = "create the client there, and make requests in a timer (ngx.timer.at)",
  set = "make the request in rewrite_by_lua or access_by_lua",
  header_filter = "make it in an earlier phase, or in a timer (ngx.timer.at)",
  body_filter = "make it in an earlier phase, or in a timer (ngx.timer.at)",
  log = "make it in a timer (ngx.timer.at), which may outlive the request",
  balancer = "make it in access_by_lua",
  exit_worker = "nothing can be sent while the worker exits",
}

local function phase_error(phase)
  local hint = PHASE_HINTS[phase] or "make requests in a rewrite, access, content or timer phase"
  return core.error("MisconfiguredClientError", {
    phase = phase,
    message = ("intercom: no request can be made in nginx's %s phase (%s_by_lua*): it has no cosockets; %s")
      :format(phase, phase, hint),
  })
end

-- Raises MisconfiguredClientError when the current phase has no cosockets.
function _M.check_phase()
  local phase = ngx.get_phase()
  if not COSOCKET_PHASES[phase] then error(phase_error(phase), 0) end
end

-- scheme, host (brackets kept for IPv6), port, path+query; nil for a bad URL.
local function split_url(url)
  local scheme, rest = str_match(url, "^(https?)://(.*)$")
  if not scheme then return nil end
  local authority, target = str_match(rest, "^([^/?#]*)(.*)$")
  local host, port = str_match(authority, "^(%[[%x:.]+%]):?(%d*)$")
  if not host then host, port = str_match(authority, "^([^:]+):?(%d*)$") end
  if not host then return nil end
  if target == "" then target = "/" end
  local default_port = scheme == "https" and 443 or 80
  return scheme, host, tonumber(port) or default_port, target, default_port
end

-- What nginx's cosocket errors mean as failure kinds.
local function connect_kind(err)
  if err == "timeout" then return "connect_timeout" end
  if str_find(err, "resolve", 1, true) or str_find(err, "resolver", 1, true)
    or str_find(err, "not found", 1, true) then
    return "dns"
  end
  return "connect"
end

-- A socket error is a timeout or a lost connection; a reply we cannot read
-- (errors this file makes, prefixed "protocol:") is a network failure.
local function io_kind(err)
  if err == "timeout" then return "timeout" end
  if str_find(err, "^protocol:") then return "network" end
  return "dropped"
end

local function failure(kind, message)
  return nil, { kind = kind, message = message }
end

-- The request bytes: request line, headers (Host and Content-Length added),
-- body.
local function request_bytes(req, host_header, target)
  local body = req.body
  if body == nil and (req.method == "POST" or req.method == "PUT" or req.method == "PATCH") then
    body = ""
  end
  local out = { req.method, " ", target, " HTTP/1.1\r\nHost: ", host_header, "\r\n" }
  for name, value in pairs(req.headers or {}) do
    local lower = str_lower(name)
    if lower ~= "host" and lower ~= "content-length" and lower ~= "connection"
      and lower ~= "transfer-encoding" and lower ~= "accept-encoding" then
      out[#out + 1] = name .. ": " .. tostring(value) .. "\r\n"
    end
  end
  if body then out[#out + 1] = "Content-Length: " .. #body .. "\r\n" end
  out[#out + 1] = "\r\n"
  if body then out[#out + 1] = body end
  return concat(out)
end

-- A read deadline for the whole exchange, as libcurl's total timeout.
local function set_read_timeout(sock, deadline)
  local left = math_max(1, math_ceil((deadline - ngx.now()) * 1000))
  sock:settimeout(left)
end

-- Reads the status line and headers. Returns status, headers, version, or
-- nil, err, got_any (whether any byte of the response came).
local function read_head(sock, deadline)
  local got_any = false
  for _ = 1, _M.MAX_STATUS_LINES do
    set_read_timeout(sock, deadline)
    local line, err = sock:receive("*l")
    if not line then return nil, err, got_any end
    got_any = true
    local version, status = str_match(line, "^HTTP/(%d%.%d) (%d%d%d)")
    if not status then return nil, "protocol: not an HTTP status line: " .. str_sub(line, 1, 60), true end
    status = tonumber(status)
    local headers = {}
    while true do
      set_read_timeout(sock, deadline)
      local h, herr = sock:receive("*l")
      if not h then return nil, herr, true end
      if h == "" then break end
      local name, value = str_match(h, "^([^:]+):%s*(.-)%s*$")
      if name then
        name = str_lower(name)
        local old = headers[name]
        headers[name] = old and (old .. ", " .. value) or value
      end
    end
    if status >= 200 or status < 100 then return status, headers, version end
  end
  return nil, "protocol: too many interim responses", true
end

-- Reads n bytes. Returns the data, or nil, err.
local function read_exact(sock, n, deadline)
  if n == 0 then return "" end
  set_read_timeout(sock, deadline)
  local data, err = sock:receive(n)
  if not data then return nil, err end
  return data
end

local function read_chunked(sock, deadline)
  local parts, total = {}, 0
  while true do
    set_read_timeout(sock, deadline)
    local line, err = sock:receive("*l")
    if not line then return nil, err end
    local size = tonumber(str_match(line, "^%s*(%x+)"), 16)
    if not size then return nil, "protocol: bad chunk size line" end
    if size == 0 then break end
    total = total + size
    if total > _M.MAX_BODY then return nil, "too_large" end
    local data, derr = read_exact(sock, size, deadline)
    if not data then return nil, derr end
    parts[#parts + 1] = data
    local crlf, cerr = read_exact(sock, 2, deadline)
    if not crlf then return nil, cerr end
  end
  while true do -- trailers, up to the empty line
    set_read_timeout(sock, deadline)
    local line, err = sock:receive("*l")
    if not line then return nil, err end
    if line == "" then break end
  end
  return concat(parts)
end

-- A body framed by the connection's end (neither length nor chunks).
local function read_to_close(sock, deadline)
  local parts, total = {}, 0
  while true do
    set_read_timeout(sock, deadline)
    local data, err, partial = sock:receive(65536)
    local piece = data or partial or ""
    total = total + #piece
    if total > _M.MAX_BODY then return nil, "too_large" end
    parts[#parts + 1] = piece
    if not data then
      if err == "closed" then return concat(parts) end
      return nil, err
    end
  end
end

local function read_body(sock, method, status, headers, deadline)
  if method == "HEAD" or status == 204 or status == 304 then return "", true end
  local te = headers["transfer-encoding"]
  if te and str_find(str_lower(te), "chunked", 1, true) then
    local body, err = read_chunked(sock, deadline)
    return body, true, err
  end
  local length = headers["content-length"]
  if length then
    local n = tonumber(str_match(length, "^%s*(%d+)%s*$"))
    if not n then return nil, false, "protocol: bad Content-Length" end
    if n > _M.MAX_BODY then return nil, false, "too_large" end
    local body, err = read_exact(sock, n, deadline)
    return body, true, err
  end
  local body, err = read_to_close(sock, deadline)
  return body, false, err
end

local function reusable(version, headers)
  local connection = str_lower(headers["connection"] or "")
  if str_find(connection, "close", 1, true) then return false end
  return version == "1.1" or str_find(connection, "keep-alive", 1, true) ~= nil
end

-- One attempt on one connection. Returns response, or nil, failure, retry
-- (retry: a pooled connection turned out dead before any byte of the answer,
-- and the request may be sent again).
local function attempt(opts, req, parsed)
  local scheme, host, port, target, default_port = parsed[1], parsed[2], parsed[3], parsed[4], parsed[5]
  local tls = scheme == "https"
  local verify = tls and opts.verify_tls ~= false
  local connect_ms = math_ceil((req.connect_timeout or 30) * 1000)
  local total = req.timeout or 90
  local deadline = ngx.now() + total
  local total_ms = math_ceil(total * 1000)

  local sock, serr = ngx.socket.tcp()
  if not sock then return failure("network", "cannot make a cosocket: " .. tostring(serr)) end
  sock:settimeouts(connect_ms, total_ms, total_ms)
  local address = host == "localhost" and "127.0.0.1" or host -- nginx's resolver does not read /etc/hosts
  local pool = ("intercom:%s:%d:%s"):format(host, port, tls and (verify and "tls" or "tls-noverify") or "plain")
  local ok, err = sock:connect(address, port, { pool = pool })
  if not ok then
    return failure(connect_kind(err), ("cannot connect to %s:%d: %s"):format(host, port, err))
  end
  local reused = (sock:getreusedtimes() or 0) > 0

  if tls and not reused then
    local sni = str_match(host, "^%[") and nil or host
    local session, herr = sock:sslhandshake(nil, sni, verify)
    if not session then
      sock:close()
      local kind = herr == "timeout" and "connect_timeout" or "tls"
      local hint = str_find(herr, "verify", 1, true) and VERIFY_HINT or ""
      return failure(kind, ("TLS handshake with %s failed: %s%s"):format(host, herr, hint))
    end
  end

  local host_header = port == default_port and host or (host .. ":" .. port)
  local sent, werr = sock:send(request_bytes(req, host_header, target))
  if not sent then
    sock:close()
    if reused and IDEMPOTENT[req.method] then return nil, nil, true end
    return failure(io_kind(werr), ("sending the request failed: %s"):format(werr))
  end

  local status, headers, version = read_head(sock, deadline)
  if not status then
    local herr, got_any = headers, version
    sock:close()
    if reused and not got_any and herr ~= "timeout" and IDEMPOTENT[req.method] then return nil, nil, true end
    if herr == "timeout" then return failure("timeout", ("no answer within %g s"):format(total)) end
    return failure(io_kind(herr), ("no answer: %s"):format(herr))
  end

  local body, framed, berr = read_body(sock, req.method, status, headers, deadline)
  if berr or not body then
    sock:close()
    if berr == "too_large" then
      return failure("too_large", ("the response body is larger than %d bytes"):format(_M.MAX_BODY))
    end
    if berr == "timeout" then return failure("timeout", ("no full answer within %g s"):format(total)) end
    return failure(io_kind(berr), ("the answer was cut: %s"):format(tostring(berr)))
  end

  if framed and reusable(version, headers) then
    sock:setkeepalive(_M.KEEPALIVE_MS)
  else
    sock:close()
  end
  return { status = status, headers = headers, body = body }
end

-- new{ verify_tls = true } -> transport(request)
function _M.new(opts)
  opts = opts or {}
  return function(req)
    _M.check_phase()
    local parsed = { split_url(req.url) }
    if not parsed[1] then return failure("network", "not an http(s) URL: " .. tostring(req.url)) end
    for _ = 1, MAX_ATTEMPTS do
      local res, fail, retry = attempt(opts, req, parsed)
      if not retry then return res, fail end
    end
    return failure("dropped", "pooled connections were closed before an answer, " .. MAX_ATTEMPTS .. " times")
  end
end

return _M
