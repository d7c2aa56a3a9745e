-- A webhook receiver in a plain Lua 5.4 process (luasocket), one request at a
-- time: it checks X-Hub-Signature against the raw body, reads the
-- notification and prints one line per delivery.
--
--   INTERCOM_CLIENT_SECRET=... lua5.4 examples/webhooks/receiver.lua [port]
--
-- Prints its URL first (port 0, the default, picks a free one). Answers 200
-- to a verified delivery, 401 to anything whose signature does not match,
-- 400 to a verified body that is not a notification. make test runs it
-- against the sandbox (spec/webhook_receiver_spec.lua).
local socket = require "socket"
local intercom = require "intercom"

local SECRET = assert(os.getenv("INTERCOM_CLIENT_SECRET"), "set INTERCOM_CLIENT_SECRET")
local MAX_BODY = 1024 * 1024

local function answer(conn, status, text)
  conn:send(("HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s")
    :format(status, text, #text, text))
end

-- Reads one request: method, path, headers (lowercase names), body.
local function read_request(conn)
  local line = conn:receive("*l")
  if not line then return nil end
  local method, path = line:match("^(%u+) (%S+) HTTP/1%.%d$")
  local headers = {}
  while true do
    local h = conn:receive("*l")
    if not h or h == "" then break end
    local name, value = h:match("^([^:]+):%s*(.-)%s*$")
    if name then headers[name:lower()] = value end
  end
  local length = tonumber(headers["content-length"] or "0")
  if not length or length > MAX_BODY then return method, path, headers, nil end
  local body = length > 0 and conn:receive(length) or ""
  return method, path, headers, body
end

local function handle(conn)
  local method, _, headers, body = read_request(conn)
  if method ~= "POST" or not body then return answer(conn, 400, "a webhook is a POST with a body") end
  -- The signature first, over the exact bytes received; never parse before.
  local ok, why = intercom.verify_signature(SECRET, body, headers["x-hub-signature"])
  if not ok then
    io.stderr:write("refused: ", why, "\n")
    return answer(conn, 401, why)
  end
  local parsed, n = pcall(intercom.notification, body)
  if not parsed then return answer(conn, 400, n.message) end
  print(("%s %s %s %s"):format(n.topic, n.model_type, tostring(n.model.id), n.id))
  io.stdout:flush()
  return answer(conn, 200, "ok")
end

local server = assert(socket.bind("127.0.0.1", tonumber(arg[1]) or 0))
local _, port = server:getsockname()
print(("http://127.0.0.1:%d/"):format(port))
io.stdout:flush()
while true do
  local conn = server:accept()
  if conn then
    conn:settimeout(5)
    handle(conn)
    conn:close()
  end
end
