-- The command line, as data: each command's flags, what they take, and the
-- help text that intercom --help prints from the same table.
local fail = require("intercom.cli.failure").fail

local _M = {}

-- Flags every command takes (they say which client to make).
_M.CLIENT_FLAGS = {
  { "--sandbox", key = "sandbox", help = "start a seeded in-process sandbox and use it (no token needed)" },
  { "--token-file", key = "token_file", arg = "FILE", help = "read the access token from FILE (else INTERCOM_TOKEN)" },
  { "--region", key = "region", arg = "REGION", help = "us (default), eu or au" },
  { "--base-url", key = "base_url", arg = "URL", help = "another API origin, e.g. a sandbox's URL" },
  { "--api-version", key = "api_version", arg = "V", help = "Intercom-Version to send (default 2.15; none for none)" },
  { "--no-color", key = "no_color", help = "no colour in the REPL's output (also NO_COLOR=1)" },
}

_M.COMMANDS = {
  { "repl", usage = "intercom [FLAGS]",
    help = "an interactive Lua 5.4 prompt with `client` ready (the default command)", flags = {} },
  { "run", usage = "intercom run [FLAGS] FILE.lua [ARGS...]",
    help = "run a Lua script with `intercom`, `client` and `arg` set", flags = {} },
  { "api", usage = "intercom api [FLAGS] METHOD PATH [--data JSON|@FILE] [--query k=v]... [--paginate [--ndjson]]",
    help = "one request; prints the JSON answer (exit 1 on an API error, 2 on bad usage)",
    flags = {
      { "--data", key = "data", arg = "JSON|@FILE", help = "the JSON body, or @FILE to read it from FILE" },
      { "--query", key = "query", arg = "k=v", many = true, help = "a query parameter (repeat for more)" },
      { "--paginate", key = "paginate", help = "follow every page; print all items as one JSON array" },
      { "--ndjson", key = "ndjson", help = "with --paginate: one item per line instead" },
    } },
  { "sandbox", usage = "intercom sandbox [--port N] [--host 127.0.0.1] [--state FILE]",
    help = "serve a sandbox of the API until SIGINT/SIGTERM; prints its URL first",
    flags = {
      { "--port", key = "port", arg = "N", help = "the port (default 0: any free one)" },
      { "--host", key = "host", arg = "ADDRESS", help = "the address to listen on (default 127.0.0.1)" },
      { "--state", key = "state", arg = "FILE", help = "load the data from FILE at start, save it there at stop" },
    } },
  { "help", usage = "intercom help", help = "this text (also --help)", flags = {} },
  { "version", usage = "intercom version", help = "the version (also --version)", flags = {} },
}

local by_name = {}
for _, c in ipairs(_M.COMMANDS) do by_name[c[1]] = c end

local function find_flag(lists, name)
  for _, list in ipairs(lists) do
    for _, f in ipairs(list) do if f[1] == name then return f end end
  end
end

-- Parses argv (argv[1..n]) into { command, opts, positional, rest }. For run,
-- everything after the script's name belongs to the script.
function _M.parse(argv)
  local out = { command = nil, opts = {}, positional = {}, rest = {} }
  local i, n = 1, #argv
  while i <= n do
    local a = argv[i]
    if a == "-h" or a == "--help" then
      out.command = "help"
      return out
    elseif a == "--version" or a == "-v" then
      out.command = "version"
      return out
    elseif a:sub(1, 2) == "--" then
      local name, inline = a:match("^(%-%-[^=]+)=(.*)$")
      name = name or a
      local cmd = out.command and by_name[out.command]
      local f = find_flag({ _M.CLIENT_FLAGS, cmd and cmd.flags or {} }, name)
      if not f then
        local where = out.command and (" for intercom " .. out.command) or ""
        fail(("unknown option '%s'%s (intercom --help lists them)"):format(name, where))
      end
      local value = true
      if f.arg then
        if inline then value = inline
        else
          i = i + 1
          value = argv[i]
          if value == nil then fail(("option %s needs a value (%s)"):format(name, f.arg)) end
        end
      elseif inline then
        fail(("option %s takes no value"):format(name))
      end
      if f.many then
        out.opts[f.key] = out.opts[f.key] or {}
        table.insert(out.opts[f.key], value)
      else
        out.opts[f.key] = value
      end
    elseif a:sub(1, 1) == "-" and a ~= "-" then
      fail(("unknown option '%s' (intercom --help lists them)"):format(a))
    elseif not out.command then
      if not by_name[a] then
        fail(("unknown command '%s' (intercom --help lists them; to run a script: intercom run %s)"):format(a, a))
      end
      out.command = a
    else
      table.insert(out.positional, a)
      if out.command == "run" then -- the script's own arguments follow its name, flags included
        for j = i + 1, n do table.insert(out.rest, argv[j]) end
        return out
      end
    end
    i = i + 1
  end
  out.command = out.command or "repl"
  return out
end

local function flag_lines(list, out)
  for _, f in ipairs(list) do
    local left = f[1] .. (f.arg and (" " .. f.arg) or "")
    out[#out + 1] = ("    %-24s %s"):format(left, f.help)
  end
end

function _M.help_text(version)
  local out = {
    ("intercom %s: the Intercom REST API from Lua 5.4: a REPL, scripts, a sandbox, one-shot calls."):format(version),
    "",
    "Usage:",
  }
  for _, c in ipairs(_M.COMMANDS) do out[#out + 1] = ("  %s"):format(c.usage) end
  out[#out + 1] = ""
  out[#out + 1] = "Commands:"
  for _, c in ipairs(_M.COMMANDS) do
    out[#out + 1] = ("  %-9s %s"):format(c[1], c.help)
    flag_lines(c.flags, out)
  end
  out[#out + 1] = ""
  out[#out + 1] = "Client flags (every command but sandbox):"
  flag_lines(_M.CLIENT_FLAGS, out)
  out[#out + 1] = ""
  out[#out + 1] = "The token comes from INTERCOM_TOKEN or --token-file, never from the command line;"
  out[#out + 1] = "it is never printed or written to the REPL's history (~/.intercom_history, or INTERCOM_HISTORY)."
  return table.concat(out, "\n") .. "\n"
end

return _M
