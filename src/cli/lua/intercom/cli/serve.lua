-- intercom sandbox [--port N] [--host H] [--state FILE]: serves a sandbox of
-- the API until SIGINT or SIGTERM, then exits 0. Its URL is the first line on
-- stdout, so a test suite in any language can start it and read where it is.
-- With --state, the data is loaded from FILE at start (when FILE exists) and
-- saved there at stop, atomically (a temporary file, synced, renamed over).
local core = require "intercom.core"
local sys = require "intercom.cli.sys"
local failure = require "intercom.cli.failure"
local fail = failure.fail

local _M = {}

local ENOENT = 2

local function port_of(v)
  if v == nil then return 0 end
  local n = tonumber(v)
  if not n or n ~= math.floor(n) or n < 0 or n > 65535 then
    fail(("--port must be a whole number from 0 to 65535, got '%s'"):format(v))
  end
  return math.tointeger(n)
end

-- The saved state, or nil when the file does not exist yet (a first run).
local function load_state(path)
  local f, why, code = io.open(path, "r")
  if not f then
    if code == ENOENT then return nil end
    fail(("cannot read --state file: %s"):format(why))
  end
  local text, read_err = f:read("a")
  f:close()
  if not text then fail(("cannot read --state file %s: %s"):format(path, tostring(read_err))) end
  local state, bad = core.json_decode(text)
  if type(state) ~= "table" or state.type ~= "sandbox.state" then
    fail(("--state file %s is not a saved sandbox state (%s)"):format(path, bad or "no sandbox.state in it"))
  end
  return state
end

function _M.main(opts, positional)
  if positional[1] then fail(("intercom sandbox takes no argument '%s'"):format(positional[1])) end
  for _, client_flag in ipairs({ "sandbox", "token_file", "region", "base_url", "api_version" }) do
    if opts[client_flag] then
      fail(("intercom sandbox does not take --%s"):format((client_flag:gsub("_", "-"))))
    end
  end
  local port = port_of(opts.port)
  local state = opts.state and load_state(opts.state)
  sys.block_signals() -- before the server's threads start: they inherit the mask
  local ok, sb = pcall(require("intercom.sandbox").start, { port = port, host = opts.host })
  if not ok then fail(failure.message(sb)) end -- a port in use, an address not here
  if state then
    local imported, why = pcall(sb.call, sb, "import_state", state)
    if not imported then
      sb:stop()
      fail(("--state file %s could not be loaded: %s"):format(opts.state, failure.message(why)))
    end
  end
  io.stdout:write(sb.url, "\n")
  io.stdout:flush()
  local signal = sys.wait_signal()
  local status = 0
  if opts.state then
    local saved, why = sys.write_atomic(opts.state, core.json_encode(sb:call("export_state")))
    if not saved then
      io.stderr:write(("intercom: cannot save --state file %s: %s\n"):format(opts.state, why))
      status = 1
    end
  end
  sb:stop()
  io.stderr:write(("intercom sandbox: stopped on %s%s\n"):format(signal,
    (opts.state and status == 0) and (", state saved to " .. opts.state) or ""))
  return status
end

return _M
