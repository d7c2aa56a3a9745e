-- Runs a Lua chunk in a child lua5.4 with the same module paths, for cases
-- that may corrupt the heap or overflow the C stack: a crash fails the one
-- test that caused it instead of killing the whole run.
--
--   local out, ok = isolated.run([[ print("hello") ]])
local _M = {}

-- Returns the child's output (stdout and stderr) and whether it exited 0.
function _M.run(code)
  local script = os.tmpname()
  local f = assert(io.open(script, "w"))
  f:write(code)
  f:close()
  local cmd = ("env LUA_PATH='%s' LUA_CPATH='%s' lua5.4 %s 2>&1"):format(package.path, package.cpath, script)
  local pipe = assert(io.popen(cmd, "r"))
  local out = pipe:read("a")
  local ok = pipe:close()
  os.remove(script)
  return out, ok == true
end

return _M
