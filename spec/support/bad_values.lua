-- Named bad values for the bad-input specs: { name, value } lists, so each
-- becomes its own test ("refuses a coroutine").
local _M = {}

-- No method of a service or an object takes these as its argument.
_M.never_arguments = {
  { "a function", function() end },
  { "a coroutine", coroutine.create(function() end) },
  { "a boolean", true },
  { "a file handle (foreign userdata)", io.stdout },
}

-- Not an id: where an operation takes an object, an id or { id = ... }.
_M.not_ids = {
  { "the empty string", "" },
  { "the float 1.5", 1.5 },
  { "NaN", 0 / 0 },
  { "math.huge", math.huge },
}

-- Ids that would become a dot segment of the path ("/tags/.." is "/").
_M.dot_ids = {
  { "\".\"", "." },
  { "\"..\"", ".." },
}

-- A value of the wrong kind, and a valid one, for each argument kind that
-- operations declare (lua/intercom/check.lua).
_M.wrong_for_kind = {
  id = { "the float 1.5", 1.5 },
  string = { "a table", {} },
  integer = { "the float 1.5", 1.5 },
  number = { "NaN", 0 / 0 },
  boolean = { "the string \"yes\"", "yes" },
  table = { "the string \"x\"", "x" },
  object = { "the number 42", 42 },
}
_M.valid_for_kind = { id = "1", string = "x", integer = 1, number = 1, boolean = true, table = {}, object = {},
  any = "x" }

return _M
