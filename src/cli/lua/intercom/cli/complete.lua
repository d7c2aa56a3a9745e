-- Tab completion from live values: the word before the cursor is a chain of
-- names (client.contacts:fi); the chain is walked from the globals (reads
-- only: no call is made, so no request) and the last part is completed
-- from the fields and methods of what it reaches.
local describe = require "intercom.describe"

local type, pairs, pcall, ipairs, sort = type, pairs, pcall, ipairs, table.sort

local _M = {}

local KEYWORDS = {
  "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
  "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
}

local function index(v, k)
  local ok, x = pcall(function() return v[k] end)
  if ok then return x end
  return nil
end

local function can_index(v)
  local t = type(v)
  return t == "table" or t == "userdata" or t == "string"
end

-- Names of the fields (sep ".") or methods (sep ":") of v.
local function members(v, sep)
  local names = {}
  local what = describe.kind(v)
  if what then
    for _, n in ipairs(describe.names(v)) do names[n] = true end
    if sep == "." and what ~= "collection" then
      pcall(function()
        for k in pairs(v) do if type(k) == "string" then names[k] = true end end
      end)
    end
    return names
  end
  if type(v) == "string" then
    if sep == ":" then for k in pairs(string) do names[k] = true end end
    return names
  end
  local seen = 0
  local t = v
  while type(t) == "table" and seen < 4 do -- the table, then what its __index tables add
    for k, x in pairs(t) do
      if type(k) == "string" and (sep == "." or type(x) == "function") then names[k] = true end
    end
    local mt = getmetatable(t)
    t = type(mt) == "table" and mt.__index or nil
    seen = seen + 1
  end
  return names
end

--- Candidates for the word text: each the whole word completed.
function _M.candidates(text, env)
  env = env or _G
  local out = {}
  local base, sep, partial = text:match("^(.-)([%.:])([%w_]*)$")
  local names
  if not base then
    partial = text
    if not partial:match("^[%a_][%w_]*$") and partial ~= "" then return out end
    names = {}
    for k in pairs(env) do if type(k) == "string" then names[k] = true end end
    for _, k in ipairs(KEYWORDS) do names[k] = true end
    base, sep = "", ""
  else
    if not base:match("^[%a_][%w_]*[%w_%.]*$") or base:find("%.%.") or base:sub(-1) == "." then return out end
    local v = env
    for part in base:gmatch("[^%.]+") do
      if not can_index(v) then return out end
      v = index(v, part)
    end
    if not can_index(v) then return out end
    names = members(v, sep)
  end
  for name in pairs(names) do
    if name:sub(1, #partial) == partial and name:match("^[%a_][%w_]*$") then
      out[#out + 1] = base .. sep .. name
    end
  end
  sort(out)
  return out
end

return _M
