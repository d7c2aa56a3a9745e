-- A raw HTTP server in a child process, for what the sandbox cannot send: a
-- huge Content-Length, a gzip bomb, a server that never answers. The child
-- (lua5.4 + luasocket) answers every connection with the same bytes, or with
-- silence, and appends each request line to a log file.
--
--   local raw_server = require "raw_server"
--   local srv = raw_server.start{ response = "HTTP/1.1 200 OK\r\n..." }  -- or { silent = true }
--   ... client on srv.url ...
--   srv:requests()   -- { "GET /me HTTP/1.1", ... }
--   srv:stop()
local _M = {}

local SERVER = [=[
local socket = require "socket"
local response_file, log_file, silent = arg[1], arg[2], arg[3] == "silent"
local f = assert(io.open(response_file, "rb"))
local response = f:read("a")
f:close()
local server = assert(socket.bind("127.0.0.1", 0))
local _, port = server:getsockname()
io.write(port, "\n")
io.flush()
local held = {}
while true do
  local conn = server:accept()
  if conn then
    conn:settimeout(5)
    local line = conn:receive("*l")
    local length = 0
    while line do
      local h = conn:receive("*l")
      if not h or h == "" then break end
      local n = h:match("^[Cc]ontent%-[Ll]ength:%s*(%d+)")
      if n then length = tonumber(n) end
    end
    if length > 0 then conn:receive(length) end
    local log = io.open(log_file, "a")
    log:write((line or "?"), "\n")
    log:close()
    if silent then
      held[#held + 1] = conn -- keep it open, say nothing
    else
      conn:send(response)
      conn:close()
    end
  end
end
]=]

local function tmpname()
  local name = os.tmpname()
  return name
end

local function write(path, data)
  local f = assert(io.open(path, "wb"))
  f:write(data)
  f:close()
end

-- opts: { response = "raw bytes" } or { response_file = path } or { silent = true }
function _M.start(opts)
  local script, log, response = tmpname(), tmpname(), opts.response_file
  write(script, SERVER)
  write(log, "")
  if not response then
    response = tmpname()
    write(response, opts.response or "")
  end
  -- sh prints its pid, then becomes the server: srv:stop() kills that pid only
  local cmd = ("echo $$; exec env LUA_PATH='%s' LUA_CPATH='%s' lua5.4 %s %s %s %s")
    :format(package.path, package.cpath, script, response, log, opts.silent and "silent" or "reply")
  local pipe = assert(io.popen(cmd, "r"))
  local pid = assert(tonumber(pipe:read("l")), "raw server: no pid")
  local port = assert(tonumber(pipe:read("l")), "raw server: no port")
  local srv = { pid = pid, port = port, url = "http://127.0.0.1:" .. port, pipe = pipe,
    files = { script, log, not opts.response_file and response or nil }, log = log }
  function srv.requests()
    local lines = {}
    for line in io.lines(log) do lines[#lines + 1] = line end
    return lines
  end
  function srv.stop()
    os.execute("kill " .. pid .. " 2>/dev/null")
    pipe:close()
    for _, f in pairs(srv.files) do os.remove(f) end
  end
  return srv
end

return _M
