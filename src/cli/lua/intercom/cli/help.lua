-- help(x) in the REPL: for a service, an object, a collection, an error or
-- the client, its methods, each with its HTTP requests and arguments, read
-- from the service definitions (intercom.describe, as the reference docs);
-- help() alone: how to use the REPL.
local core = require "intercom.core"
local describe = require "intercom.describe"
local pretty = require "intercom.cli.pretty"
local sys = require "intercom.cli.sys"

local concat, ipairs, tostring, type = table.concat, ipairs, tostring, type

local _M = {}

local OVERVIEW = [[
The REPL is Lua 5.4 with `intercom` loaded and `client` ready (plus `sandbox` with --sandbox).
Type an expression to see its value; statements work too, over several lines.
  client.contacts:find{ email = "ann@example.com" }   an object, printed with its fields
  client.contacts:all()                               a collection: its first items, one request
  for c in client.contacts:all() do print(c.email) end
  help(client)           the services and the client's methods
  help(client.contacts)  a service's methods: HTTP request, arguments, result
  help(obj)              an object's fields and methods (also a collection's, an error's)
  intercom.methods(x)    the names alone; pairs(x) walks fields and methods
Tab completes names from live values: client.con<TAB>, client.contacts:fi<TAB>, c.em<TAB>.
Errors print as one line and the REPL goes on. Ctrl-C stops a running call; Ctrl-D quits.]]

-- Reference text is Markdown (backticks, <br>): plain for a terminal.
local function plain(s)
  return (tostring(s):gsub("`", ""):gsub("<br>", "; "))
end

local function method_lines(entries, out)
  local width = 0
  for _, e in ipairs(entries) do if #e.name > width then width = #e.name end end
  for _, e in ipairs(entries) do
    local requests = #e.requests > 0 and e.requests or { "(no request)" }
    for i, r in ipairs(requests) do
      out[#out + 1] = ("  %-" .. width .. "s  %s"):format(i == 1 and e.name or "", r)
    end
    local args = {}
    for i, a in ipairs(e.args) do args[i] = plain(a) end
    out[#out + 1] = ("  %-" .. width .. "s    args: %s"):format("", concat(args, "; "))
    out[#out + 1] = ("  %-" .. width .. "s    returns: %s"):format("", plain(e.returns))
  end
end

local function fields_of(x)
  local names = {}
  for k, v in pairs(x) do
    if type(k) == "string" and type(v) ~= "function" then names[#names + 1] = k end
  end
  table.sort(names)
  return names
end

local function width() return { width = math.max(40, sys.term_width()) } end

-- The text help(x) prints.
function _M.text(x, ...)
  if select("#", ...) == 0 and x == nil then return OVERVIEW end
  local kind, name = describe.kind(x)
  local out = {}
  if kind == "service" then
    out[1] = ("client.%s (%s): its methods, called as client.%s:name(...)"):format(name, tostring(x), name)
  elseif kind == "object" then
    out[1] = ("%s: an object of type %q"):format(tostring(x), tostring(x.type))
    out[#out + 1] = pretty.wrapped(width(), "fields:", fields_of(x))
    out[#out + 1] = "  methods, called as obj:name(...):"
  elseif kind == "collection" then
    out[1] = ("%s: a lazy collection; pages are fetched as you iterate (for x in coll do ... end)"):format(tostring(x))
  elseif kind == "error" then
    local chain, class = {}, core.errors[x.class]
    while class do
      chain[#chain + 1] = class.name
      class = class.parent
    end
    out[1] = ("%s\n  class: %s"):format(tostring(x), concat(chain, " < "))
    out[#out + 1] = pretty.wrapped(width(), "fields:", fields_of(x))
  elseif kind == "client" then
    out[1] = ("%s: api_version %s"):format(tostring(x), tostring(x.api_version))
    out[#out + 1] = pretty.wrapped(width(), "services (client.<name>):", describe.services())
    out[#out + 1] = "  help(client.contacts) gives a service's methods. The client's own:"
  else
    return ("no help for a %s: help() says what the REPL offers; help(x) works on the client, a service,"
      .. " an object, a collection or an error"):format(type(x))
  end
  method_lines(describe.methods(x), out)
  return concat(out, "\n")
end

return _M
