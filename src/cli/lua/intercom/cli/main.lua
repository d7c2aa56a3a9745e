-- intercom: the executable's entry point. main(argv) parses the command line,
-- runs the command and returns the exit status; whatever goes wrong is one
-- line on stderr (never a stack trace): 2 for bad usage, 1 for a failure.
local core = require "intercom.core"
local options = require "intercom.cli.options"
local failure = require "intercom.cli.failure"

local COMMANDS = {
  repl = function(p) return require("intercom.cli.repl").main(p.opts, p.positional) end,
  run = function(p) return require("intercom.cli.run").main(p.opts, p.positional[1], p.rest) end,
  api = function(p) return require("intercom.cli.api").main(p.opts, p.positional) end,
  sandbox = function(p) return require("intercom.cli.serve").main(p.opts, p.positional) end,
  help = function()
    io.stdout:write(options.help_text(core.VERSION))
    return 0
  end,
  version = function()
    print(("intercom %s (%s, libcurl %s)"):format(core.VERSION, _VERSION, core.curl_version or "?"))
    return 0
  end,
}

-- The one line an error shows as, and the exit status it means.
local function report(err)
  if failure.is_failure(err) then return err.message, err.status end
  if core.is_error(err) then
    local usage = err.class == "ArgumentError" or err.class == "MisconfiguredClientError"
    return tostring(err), usage and 2 or 1
  end
  return (tostring(err):match("^[^\n]*")), 1
end

return function(argv)
  local ok, status = pcall(function()
    local parsed = options.parse(argv)
    return COMMANDS[parsed.command](parsed)
  end)
  if ok then return status or 0 end
  local line, code = report(status)
  io.stdout:flush()
  io.stderr:write("intercom: ", line, "\n")
  return code
end
