-- intercom (no command): the REPL. Lua 5.4 with `intercom`, `client` and
-- `help` (and `sandbox` with --sandbox) as globals; line editing, history
-- and completion from libedit; expressions print without `=` or `return`;
-- input that is not complete yet continues on the next line.
local intercom = require "intercom"
local edit = require "intercom.cli.edit"
local sys = require "intercom.cli.sys"
local session = require "intercom.cli.session"
local pretty = require "intercom.cli.pretty"
local help = require "intercom.cli.help"
local complete = require "intercom.cli.complete"
local core = require "intercom.core"

local _M = {}

local PROMPT, MORE = "> ", ">> "

-- Compiles a chunk of input: an expression (printed) or statements. Returns
-- the function; or nil, "incomplete"; or nil, the syntax error.
local function compile(src)
  local f = load("return " .. src, "=stdin", "t")
  if f then return f end
  local err
  f, err = load(src, "=stdin", "t")
  if f then return f end
  if err:find("<eof>$") then return nil, "incomplete" end
  return nil, err
end

local function history_path()
  local path = os.getenv("INTERCOM_HISTORY")
  if path then return path ~= "" and path or nil end
  local home = os.getenv("HOME")
  return home and (home .. "/.intercom_history") or nil
end

-- Input that may hold a secret stays out of the history: the token itself,
-- or a line that sets a token, an api_key or an Authorization header.
local function secret(text, token)
  if token and text:find(token, 1, true) then return true end
  local lower = text:lower()
  return lower:find("token%s*=") ~= nil or lower:find("api_key") ~= nil or lower:find("authorization") ~= nil
end

local function banner(client, sandbox, p)
  local where
  if sandbox then
    local info = sandbox:info()
    where = ("a sandbox (workspace %s) at %s"):format(info.workspace_id, sandbox.url)
  else
    where = client.base_url
  end
  local version = client.api_version and ("API " .. client.api_version) or "no Intercom-Version"
  local lines = {
    ("intercom %s (%s) · client on %s · %s"):format(intercom.VERSION, _VERSION, where, version),
    "help() for help, Tab to complete, Ctrl-D to quit.",
  }
  if p.color then lines[1] = "\27[1m" .. lines[1] .. "\27[0m" end
  return table.concat(lines, "\n")
end

local function show_error(p, err)
  local text
  if core.is_error(err) then text = tostring(err)
  else text = tostring(err):match("^[^\n]*") end
  io.stdout:write(p.color and ("\27[31m" .. text .. "\27[0m") or text, "\n")
end

function _M.main(opts, positional)
  if positional[1] then
    local fail = require("intercom.cli.failure").fail
    fail(("unexpected argument '%s' (to run a script: intercom run %s)"):format(positional[1], positional[1]))
  end
  local token = not opts.sandbox and session.token(opts) or nil
  local client, sandbox = session.client(opts)
  local color = not opts.no_color and os.getenv("NO_COLOR") == nil and sys.isatty(1)
  local function printer() return { color = color, width = math.max(40, sys.term_width()) } end

  _G.intercom, _G.client, _G.sandbox = intercom, client, sandbox
  _G.help = function(...)
    print(help.text(...))
  end

  edit.init()
  edit.set_completer(function(text) return complete.candidates(text, _G) end)
  local hist = history_path()
  if hist then edit.load_history(hist, 1000) end

  print(banner(client, sandbox, printer()))
  local buffer = nil
  while true do
    local line = edit.readline(buffer and MORE or PROMPT)
    if line == nil then -- Ctrl-D
      io.stdout:write("\n")
      break
    end
    if line == false then -- Ctrl-C at the prompt: drop what was typed
      io.stdout:write("\n")
      buffer = nil
    else
      buffer = buffer and (buffer .. "\n" .. line) or line
      local f, err = compile(buffer)
      if err ~= "incomplete" then
        local text = buffer
        buffer = nil
        if text:find("%S") and not secret(text, token) then
          edit.add_history(text)
          if hist then edit.save_history(hist) end
        end
        if not f then
          show_error(printer(), err)
        else
          local results = table.pack(edit.pcall(f))
          local p = printer()
          if not results[1] then
            show_error(p, results[2])
          else
            for i = 2, results.n do print(pretty.format(results[i], p)) end
          end
        end
      end
    end
  end
  if sandbox then sandbox:stop() end
  return 0
end

return _M
