-- Reading the bodies of the content routes (articles, collections, news,
-- admins' away mode, the IP allowlist): each reader answers the value, nil
-- when the field is absent or null, or fails the request with 400
-- parameter_invalid naming the field.
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local _M = {}

local is_null = json.is_null

local function is_integer(v)
  return type(v) == "number" and v == math.floor(v) and v > -2 ^ 53 and v < 2 ^ 53
end
_M.is_integer = is_integer

function _M.string(body, name)
  local v = body[name]
  if is_null(v) then return nil end
  if type(v) ~= "string" then reply.invalid(name .. " must be a string", name) end
  return v
end

function _M.boolean(body, name)
  local v = body[name]
  if is_null(v) then return nil end
  if type(v) ~= "boolean" then reply.invalid(name .. " must be true or false", name) end
  return v
end

-- An id the API types as an integer; clients send numbers or numeric strings.
-- Answers the id as a string, the way records are keyed.
function _M.id(body, name)
  local v = body[name]
  if is_null(v) then return nil end
  if is_integer(v) then return string.format("%d", v) end
  if type(v) == "string" and v:match("^%d+$") then return v end
  reply.invalid(name .. " must be an integer id", name)
end

function _M.timestamp(body, name)
  local v = body[name]
  if is_null(v) then return nil end
  if not is_integer(v) then reply.invalid(name .. " must be a UNIX timestamp in seconds", name) end
  return math.floor(v)
end

function _M.one_of(body, name, allowed)
  local v = _M.string(body, name)
  if v == nil then return nil end
  for _, a in ipairs(allowed) do
    if v == a then return v end
  end
  reply.invalid(("%s must be one of %s"):format(name, table.concat(allowed, ", ")), name)
end

-- An array of strings (labels); nulls are kept where allow_null says so (reactions).
function _M.strings(body, name, allow_null)
  local v = body[name]
  if is_null(v) then return nil end
  if not json.is_array(v) and not (type(v) == "table" and next(v) == nil) then
    reply.invalid(name .. " must be an array", name)
  end
  local out = {}
  for i, s in ipairs(v) do
    if json.is_null(s) and allow_null then
      out[i] = json.null
    elseif type(s) ~= "string" then
      reply.invalid(name .. " must hold strings", name)
    else
      out[i] = s
    end
  end
  return out
end

-- The id of an existing teammate (author_id, owner_id, sender_id).
function _M.admin_id(st, body, name)
  local id = _M.id(body, name)
  if id ~= nil and not store.get(st, "admins", id) then
    reply.invalid(name .. " must be the id of a teammate in this workspace", name)
  end
  return id
end

-- The body's fields must all be known; a typo is an error, as on the API.
function _M.only(body, allowed)
  for k in pairs(body) do
    if not allowed[k] then reply.fail(400, "parameter_invalid", ("%s is not a valid parameter"):format(k), k) end
  end
end

-- Help Center locales (article_translated_content and group_translated_content).
_M.LOCALES = {}
for locale in ([[ar bg bs ca cs da de el en es et fi fr he hr hu id it ja ko lt lv mn nb nl pl pt pt-BR
  ro ru sl sr sv tr vi zh-CN zh-TW]]):gmatch("%S+") do
  _M.LOCALES[locale] = true
end

-- translated_content: { <locale> = { field = value, ... }, type = ... }, each
-- locale's fields read by fields(content, locale). Answers locale -> fields.
function _M.translations(body, fields)
  local v = body.translated_content
  if is_null(v) then return nil end
  if not json.is_object(v) then reply.invalid("translated_content must be an object", "translated_content") end
  local out = {}
  for locale, content in pairs(v) do
    if locale ~= "type" then
      if not _M.LOCALES[locale] then
        reply.invalid(locale .. " is not a supported locale", "translated_content")
      end
      if not json.is_object(content) then
        reply.invalid("translated_content." .. locale .. " must be an object", "translated_content")
      end
      out[locale] = fields(content, locale)
    end
  end
  return out
end

return _M
