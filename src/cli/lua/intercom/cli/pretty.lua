-- The REPL's printer. Objects show as indented typed fields, nested objects
-- and lists inline up to the width (long lists cut with "... N more");
-- a collection shows its first page's first items (one request at most) and
-- how to get more; an error is one line. Colour only on a terminal.
local core = require "intercom.core"
local describe = require "intercom.describe"

local type, tostring, pairs, ipairs, pcall, select = type, tostring, pairs, ipairs, pcall, select
local concat, sort = table.concat, table.sort
local is_resource, is_error = core.is_resource, core.is_error

local _M = {}

local COLORS = { key = "36", string = "32", number = "33", literal = "35", type = "1", error = "31", dim = "2" }

_M.MAX_ITEMS = 3        -- items of a nested list shown inline
_M.COLLECTION_ITEMS = 5 -- items of a collection's first page shown

-- A printer: { color = bool, width = columns }.
local function paint(p, what, s)
  if not p.color then return s end
  return "\27[" .. COLORS[what] .. "m" .. s .. "\27[0m"
end

local ESCAPES = { ["\n"] = "\\n", ["\t"] = "\\t", ["\r"] = "\\r", ['"'] = '\\"', ["\\"] = "\\\\" }

local function quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c) return ESCAPES[c] or ("\\%d"):format(c:byte()) end) .. '"'
end

local function is_identifier(k)
  return type(k) == "string" and k:match("^[%a_][%w_]*$") ~= nil
end

-- Field names in the order a reader wants them: type and id first.
local FIRST = { type = 1, id = 2 }
local function key_order(a, b)
  local fa, fb = FIRST[a] or 3, FIRST[b] or 3
  if fa ~= fb then return fa < fb end
  return tostring(a) < tostring(b)
end

-- The fields of an object or a table, as a sorted list of { key, value }.
local function entries(v)
  local list, n = {}, 0
  for k, x in pairs(v) do
    n = n + 1
    list[n] = { k, x }
  end
  local array = n > 0
  for i = 1, n do if v[i] == nil then array = false break end end
  if array then
    sort(list, function(a, b) return a[1] < b[1] end)
  else
    sort(list, function(a, b) return key_order(a[1], b[1]) end)
  end
  return list, array
end

-- "Contact" for an object of type "contact", "Conversation.List"-less.
local function class_name(obj)
  return tostring(obj):match("^intercom%.([%w%.]+)") or "Object"
end

local inline

local function key_text(p, k)
  if is_identifier(k) then return paint(p, "key", k) end
  return "[" .. (type(k) == "string" and quote(k) or tostring(k)) .. "]"
end

-- A table or an object on one line, with at most budget characters; nil
-- when it does not fit. A typed object's type is its prefix, not a field.
local function inline_fields(p, v, budget, depth, prefix, skip_type)
  local list, array = entries(v)
  if skip_type and list[1] and list[1][1] == "type" then table.remove(list, 1) end
  if #list == 0 then return prefix .. "{}" end
  if depth > 4 then return prefix .. "{ … }" end
  local shown = array and math.min(#list, _M.MAX_ITEMS) or #list
  while true do
    local parts = {}
    for i = 1, shown do
      local k, x = list[i][1], list[i][2]
      local text = inline(p, x, budget, depth + 1)
      parts[i] = array and text or (key_text(p, k) .. " = " .. text)
    end
    if shown < #list then parts[#parts + 1] = paint(p, "dim", ("... %d more"):format(#list - shown)) end
    local s = prefix .. "{ " .. concat(parts, ", ") .. " }"
    if _M.visible_len(s) <= budget or shown <= 1 then
      if _M.visible_len(s) <= budget then return s end
      return nil
    end
    shown = shown - 1
  end
end

-- A value on one line, fitting in budget characters as best it can.
function inline(p, v, budget, depth)
  local t = type(v)
  if v == nil then return paint(p, "literal", "nil") end
  if v == core.null then return paint(p, "literal", "null") end
  if t == "string" then
    local s = quote(v)
    if #s > budget and budget > 8 then s = s:sub(1, budget - 4) .. '…"' end
    return paint(p, "string", s)
  end
  if t == "number" then return paint(p, "number", tostring(v)) end
  if t == "boolean" then return paint(p, "literal", tostring(v)) end
  if is_resource(v) then
    local typed = type(v.type) == "string"
    local s = inline_fields(p, v, budget, depth, typed and (paint(p, "type", class_name(v)) .. " ") or "", typed)
    return s or paint(p, "type", tostring(v))
  end
  if is_error(v) then return paint(p, "error", tostring(v)) end
  if t == "table" and describe.kind(v) == nil then
    local s = inline_fields(p, v, budget, depth, "")
    if s then return s end
    local list = entries(v)
    return ("{ %d fields }"):format(#list)
  end
  if t == "function" then return paint(p, "dim", "function") end
  return paint(p, "type", tostring(v))
end

-- Length on screen: without colour codes, a UTF-8 sequence counting one.
function _M.visible_len(s)
  s = s:gsub("\27%[[%d;]*m", "")
  local _, n = s:gsub("[^\128-\191]", "")
  return n
end

-- Words joined with ", ", wrapped to the width under a label.
local function wrapped(p, label, words)
  p = p or { width = 80 }
  local lines, line = {}, "  " .. label
  local indent = (" "):rep(#label + 2)
  for i, w in ipairs(words) do
    local piece = w .. (i < #words and "," or "")
    if #line + 1 + #piece > p.width and line ~= indent then
      lines[#lines + 1] = line
      line = indent .. piece
    else
      line = line .. (line:sub(-1) == " " and "" or " ") .. piece
    end
  end
  lines[#lines + 1] = line
  lines[1] = lines[1]:gsub("^  " .. label:gsub("%p", "%%%0"), "  " .. paint(p, "dim", label))
  return concat(lines, "\n")
end

-- A block: a header, then one line per field; null fields are named at the
-- end rather than each shown as nil.
local function block(p, header, v)
  local list, array = entries(v)
  if #list == 0 then return header .. " {}" end
  local lines = { header .. " {" }
  local width = p.width - 2
  local nulls = {}
  for _, e in ipairs(list) do
    local k, x = e[1], e[2]
    if x == nil then
      nulls[#nulls + 1] = tostring(k)
    else
      local left = array and "" or (key_text(p, k) .. " = ")
      local budget = width - _M.visible_len(left) - 1
      lines[#lines + 1] = "  " .. left .. inline(p, x, budget, 1) .. ","
    end
  end
  if #nulls > 0 then lines[#lines + 1] = wrapped(p, "null:", nulls) end
  lines[#lines + 1] = "}"
  return concat(lines, "\n")
end

_M.wrapped = wrapped

local function names_line(p, x)
  return wrapped(p, "methods:", describe.names(x))
end

-- At most one request: the first page of a collection, and what it holds.
local function show_collection(p, coll)
  local header = paint(p, "type", tostring(coll))
  local ok, page, items = pcall(function() return coll:raw_pages()() end)
  if not ok then return header .. "\n" .. paint(p, "error", tostring(page)) end
  items = items or {}
  local lines = { header }
  local shown = math.min(#items, _M.COLLECTION_ITEMS)
  for i = 1, shown do
    local item = items[i]
    if type(item) == "table" and not is_resource(item) then item = core.resource(item, coll.client) end
    lines[#lines + 1] = ("  [%d] %s"):format(i, is_resource(item) and paint(p, "type", tostring(item))
      or inline(p, item, p.width - 8, 3))
  end
  local total = type(page) == "table" and type(page.total_count) == "number" and page.total_count
  local more = (total and total > shown) and (total - shown) or (#items - shown)
  if #items == 0 then lines[#lines + 1] = "  (empty)" end
  if more > 0 then
    lines[#lines + 1] = paint(p, "dim", ("  ... %d more%s: coll:to_array(n), coll:first(), for x in coll do ... end")
      :format(more, total and (" of " .. total) or ""))
  end
  return concat(lines, "\n")
end

--- The text a value prints as in the REPL.
function _M.format(v, p)
  p = p or { color = false, width = 80 }
  if is_error(v) then return paint(p, "error", tostring(v)) end
  if is_resource(v) then return block(p, paint(p, "type", tostring(v)), v) end
  local kind = describe.kind(v)
  if kind == "collection" then return show_collection(p, v) end
  if kind == "service" then
    return paint(p, "type", tostring(v)) .. "\n" .. names_line(p, v) .. "\n  " ..
      paint(p, "dim", "help(" .. "client." .. select(2, describe.kind(v)) .. ") says what each one does")
  end
  if kind == "client" then
    local services = describe.services()
    return concat({
      paint(p, "type", tostring(v)),
      "  base_url = " .. inline(p, v.base_url, p.width, 1) .. ", api_version = " .. inline(p, v.api_version, 20, 1),
      names_line(p, v),
      wrapped(p, "services:", services),
    }, "\n")
  end
  if type(v) == "table" and getmetatable(v) == nil then return block(p, paint(p, "dim", "table"), v) end
  return inline(p, v, p.width, 0)
end

return _M
