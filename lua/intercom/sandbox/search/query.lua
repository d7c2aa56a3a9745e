-- The search query language of POST /contacts/search (and friends):
--
--   single:   { field = "email", operator = "~", value = "example.com" }
--   compound: { operator = "AND" | "OR", value = { <query>, ... } }
--
-- Operators: = != IN NIN < <= > >= ~ (contains) !~ (does not contain)
-- ^ (starts with) $ (ends with). Fields may be dotted ("custom_attributes.plan",
-- "location.city"). A field whose value is an array (tag_id, segment_id) matches
-- when any element does ("=" / "IN") or none does ("!=" / "NIN").
--
-- Choices where the API is loose: string comparisons with ~ ^ $ !~ ignore case,
-- "=" is exact; < > <= >= compare numbers only (a numeric string value is
-- converted); timestamps compare as integers, not as calendar days.
local json = require "intercom.sandbox.server.json"

local _M = {}

local is_null, is_array = json.is_null, json.is_array

_M.OPERATORS = {
  ["="] = true, ["!="] = true, IN = true, NIN = true, ["<"] = true, ["<="] = true,
  [">"] = true, [">="] = true, ["~"] = true, ["!~"] = true, ["^"] = true, ["$"] = true,
}

-- Reads a dotted field from a (decoded or rendered) object.
function _M.get(obj, field)
  local v = obj
  for part in field:gmatch("[^%.]+") do
    if type(v) ~= "table" then return nil end
    v = v[part]
  end
  if v == json.null then return nil end
  return v
end

local function as_number(v)
  if type(v) == "number" then return v end
  if type(v) == "string" then return tonumber(v) end
  return nil
end

local function scalar_equal(a, b)
  if is_null(a) or is_null(b) then return is_null(a) and is_null(b) end
  if type(a) == type(b) then return a == b end
  if type(a) == "boolean" or type(b) == "boolean" then
    return tostring(a) == tostring(b) -- true matches "true"
  end
  local na, nb = as_number(a), as_number(b)
  if na and nb then return na == nb end
  return tostring(a) == tostring(b)
end

local function lower(v)
  return tostring(v):lower()
end

-- Tests one scalar field value; array fields are handled by the caller.
local SCALAR = {
  ["="] = scalar_equal,
  ["!="] = function(a, b) return not scalar_equal(a, b) end,
  IN = function(a, list)
    for _, b in ipairs(list) do if scalar_equal(a, b) then return true end end
    return false
  end,
  ["<"] = function(a, b) a, b = as_number(a), as_number(b) return a ~= nil and b ~= nil and a < b end,
  ["<="] = function(a, b) a, b = as_number(a), as_number(b) return a ~= nil and b ~= nil and a <= b end,
  [">"] = function(a, b) a, b = as_number(a), as_number(b) return a ~= nil and b ~= nil and a > b end,
  [">="] = function(a, b) a, b = as_number(a), as_number(b) return a ~= nil and b ~= nil and a >= b end,
  ["~"] = function(a, b) return not is_null(a) and lower(a):find(lower(b), 1, true) ~= nil end,
  ["^"] = function(a, b) return not is_null(a) and lower(a):sub(1, #tostring(b)) == lower(b) end,
  ["$"] = function(a, b)
    if is_null(a) then return false end
    local s, suffix = lower(a), lower(b)
    return suffix == "" or s:sub(-#suffix) == suffix
  end,
}
SCALAR.NIN = function(a, list) return not SCALAR.IN(a, list) end
SCALAR["!~"] = function(a, b) return not SCALAR["~"](a, b) end

-- Negative operators hold for an array field when no element matches the positive one.
local POSITIVE_OF = { ["!="] = "=", NIN = "IN", ["!~"] = "~" }

local function test(op, actual, expected)
  if type(actual) == "table" and is_array(actual) or (type(actual) == "table" and next(actual) == nil) then
    local positive = POSITIVE_OF[op]
    local f = SCALAR[positive or op]
    local any = false
    for _, a in ipairs(actual) do
      if f(a, expected) then any = true break end
    end
    if positive then return not any end
    return any
  end
  return SCALAR[op](actual, expected)
end

local function bad(message, field)
  return nil, { message = message, field = field }
end

local compile

local function compile_single(q, opts)
  local field, op, value = q.field, q.operator, q.value
  if type(field) ~= "string" or field == "" then return bad("field must be a non-empty string", "field") end
  if opts.field_ok then
    local ok, why = opts.field_ok(field)
    if not ok then return bad(why or ("'" .. field .. "' is not a searchable field"), field) end
  end
  if op == "IN" or op == "NIN" then
    if not is_array(value) and not (type(value) == "table" and next(value) == nil) then
      return bad("operator " .. op .. " needs an array value", field)
    end
    for _, v in ipairs(value) do
      if type(v) == "table" then return bad("operator " .. op .. " needs an array of scalars", field) end
    end
  elseif type(value) == "table" then
    return bad("operator " .. op .. " needs a single value, not a list or object", field)
  elseif (op == "~" or op == "!~" or op == "^" or op == "$") and is_null(value) then
    return bad("operator " .. op .. " needs a string value", field)
  end
  return function(obj)
    return test(op, _M.get(obj, field), value)
  end
end

function compile(q, opts, depth)
  if type(q) ~= "table" or is_array(q) then return bad("a query must be an object") end
  local op = q.operator
  if op == "AND" or op == "OR" then
    if not is_array(q.value) or #q.value == 0 then
      return bad("operator " .. op .. " needs a non-empty array of queries as its value")
    end
    local parts = {}
    for i, sub in ipairs(q.value) do
      local f, err = compile(sub, opts, depth + 1)
      if not f then return nil, err end
      parts[i] = f
    end
    if op == "AND" then
      return function(obj)
        for _, f in ipairs(parts) do if not f(obj) then return false end end
        return true
      end
    end
    return function(obj)
      for _, f in ipairs(parts) do if f(obj) then return true end end
      return false
    end
  end
  if type(op) ~= "string" or not _M.OPERATORS[op] then
    return bad("operator '" .. tostring(op) .. "' is not valid; use one of = != IN NIN < <= > >= ~ !~ ^ $ AND OR")
  end
  return compile_single(q, opts)
end

-- compile(query [, { field_ok = function(field) -> ok, why }]) -> predicate | nil, { message, field }
function _M.compile(q, opts)
  return compile(q, opts or {}, 1)
end

-- Orders two field values: numbers before strings before booleans; nulls last.
-- Returns -1, 0 or 1.
function _M.compare(a, b)
  local an, bn = is_null(a), is_null(b)
  if an or bn then
    if an and bn then return 0 end
    return an and 1 or -1
  end
  local rank = { number = 1, string = 2, boolean = 3 }
  local ra, rb = rank[type(a)] or 4, rank[type(b)] or 4
  if ra ~= rb then return ra < rb and -1 or 1 end
  if type(a) == "boolean" then a, b = a and 1 or 0, b and 1 or 0 end
  if type(a) == "table" then a, b = tostring(a), tostring(b) end
  if a == b then return 0 end
  return a < b and -1 or 1
end

-- sort spec { field, order = "ascending" | "descending" } -> { field, descending } | nil, err
function _M.sort_spec(sort)
  if is_null(sort) then return nil end
  if type(sort) ~= "table" or type(sort.field) ~= "string" or sort.field == "" then
    return nil, { message = "sort needs a field", field = "sort" }
  end
  local order = is_null(sort.order) and "ascending" or sort.order
  local desc
  if order == "ascending" or order == "asc" then desc = false
  elseif order == "descending" or order == "desc" then desc = true
  else return nil, { message = "sort order must be ascending or descending", field = "sort.order" } end
  return { field = sort.field, descending = desc }
end

return _M
