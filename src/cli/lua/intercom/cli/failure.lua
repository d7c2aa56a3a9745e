-- How the executable stops on bad input: fail(message, status) raises a
-- Failure that main turns into "intercom: message" on stderr and the exit
-- status (2: usage, the default; 1: the work itself failed). Never a trace.
local setmetatable, getmetatable, error = setmetatable, getmetatable, error

local _M = {}

local Failure = {}
Failure.__index = Failure
Failure.__tostring = function(f) return f.message end

function _M.fail(message, status)
  error(setmetatable({ message = message, status = status or 2 }, Failure), 0)
end

-- The message of an error raised by the library for a user to read: without
-- "file:line: " positions and the sandbox's function prefixes.
function _M.message(err)
  local m = tostring(err):match("^[^\n]*")
  repeat
    local before = m
    m = m:gsub("^[%w_/%.%-]+%.lua:%d+: ", ""):gsub("^sandbox_start: ", ""):gsub("^sandbox: ", "")
  until m == before
  return m
end

function _M.is_failure(x)
  return getmetatable(x) == Failure
end

return _M
