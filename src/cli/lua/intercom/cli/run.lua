-- intercom run FILE.lua [ARGS...]: the script runs with the globals
-- `intercom` (the module), `client` (made from the flags on first use, so a
-- script that makes its own needs no token), `sandbox` (with --sandbox) and
-- `arg` (arg[0] the script, arg[1..] its arguments; also `...`). An uncaught
-- error ends it with its one line on stderr and exit status 1.
local fail = require("intercom.cli.failure").fail
local session = require "intercom.cli.session"

local _M = {}

function _M.main(opts, file, args)
  if not file then fail("intercom run needs a script: intercom run FILE.lua [ARGS...]") end
  local f, why = io.open(file, "r")
  if not f then fail(("cannot open script %s"):format(why)) end
  f:close()
  local chunk, err = loadfile(file, "t")
  if not chunk then fail(err, 1) end -- a syntax error: file:line: message

  _G.intercom = require "intercom"
  if opts.sandbox then
    local client, sandbox = session.client(opts)
    _G.client, _G.sandbox = client, sandbox
  else
    setmetatable(_G, { __index = function(g, name)
      if name ~= "client" then return nil end
      local client = session.client(opts)
      rawset(g, "client", client)
      return client
    end })
  end
  local script_arg = { [0] = file }
  for i, a in ipairs(args) do script_arg[i] = a end
  _G.arg = script_arg
  chunk(table.unpack(args)) -- an error goes to main, which reports it in one line
  return 0
end

return _M
