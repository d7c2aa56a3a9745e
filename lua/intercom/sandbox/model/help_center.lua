-- The Help Center's structure: collections, nested to any depth through
-- parent_id (a sub-collection is what API 2.10 and older call a section), in
-- a help center; articles point at the collection they sit in. Shared by the
-- collection, section and article routes.
local content_input = require "intercom.sandbox.model.content_input"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"
local render_help_center = require "intercom.sandbox.render.help_center"

local _M = {}

function _M.find_collection(st, id)
  local c = store.get(st, "collections", id)
  if not c then reply.not_found() end
  return c
end

-- The collection a body's parent_id names (nil: none, for a null parent_id).
function _M.parent(st, body, field)
  field = field or "parent_id"
  local id = content_input.id(body, field)
  if id == nil then return nil end
  local c = store.get(st, "collections", id)
  if not c then reply.invalid(field .. " does not match a collection", field) end
  return c
end

-- Is candidate c itself or below ancestor?
function _M.within(st, c, ancestor)
  local seen = {}
  while c and not seen[c.id] do
    if c.id == ancestor.id then return true end
    seen[c.id] = true
    c = c.parent_id and store.get(st, "collections", c.parent_id)
  end
  return false
end

-- group_translated_content: { <locale> = { name, description } }.
function _M.group_translations(body)
  return content_input.translations(body, function(content)
    return { name = content_input.string(content, "name"), description = content_input.string(content, "description") }
  end)
end

local function next_order(st, parent_id, help_center_id)
  local n = 0
  for _, c in pairs(st.collections or {}) do
    if c.parent_id == parent_id and c.help_center_id == help_center_id and c.order > n then n = c.order end
  end
  return n + 1
end

-- Merges translated_content into a record's, keeping the default locale's
-- name and description in the record itself.
local function apply_translations(c, translations)
  if not translations then return end
  local default = translations[render_help_center.DEFAULT_LOCALE]
  if default then
    if default.name then c.name = default.name end
    if default.description then c.description = default.description end
  end
  c.translations = c.translations or {}
  for locale, t in pairs(translations) do
    if locale ~= render_help_center.DEFAULT_LOCALE then c.translations[locale] = t end
  end
  if next(c.translations) == nil then c.translations = nil end
end

-- fields: { name, description, parent (a collection or nil), help_center_id, translations }.
function _M.create_collection(st, f, now)
  local help_center_id = f.parent and f.parent.help_center_id or f.help_center_id
    or render_help_center.DEFAULT_HELP_CENTER
  local c = {
    id = store.next_number(st, "collection", 4106), name = f.name, description = f.description,
    parent_id = f.parent and f.parent.id or nil, help_center_id = help_center_id,
    icon = "book-bookmark", created_at = now, updated_at = now,
  }
  apply_translations(c, f.translations)
  if type(c.name) ~= "string" or c.name == "" then reply.missing("name is a required parameter", "name") end
  c.order = next_order(st, c.parent_id, help_center_id)
  return store.add(st, "collections", c)
end

-- changes: { name, description, parent = collection | false (to the top level), translations }.
function _M.update_collection(st, c, changes, now)
  if changes.parent ~= nil then
    if changes.parent and _M.within(st, changes.parent, c) then
      reply.invalid("a collection cannot be moved inside itself", "parent_id")
    end
    c.parent_id = changes.parent and changes.parent.id or nil
    if changes.parent then c.help_center_id = changes.parent.help_center_id end
  end
  if changes.name ~= nil then
    if changes.name == "" then reply.invalid("name cannot be empty", "name") end
    c.name = changes.name
  end
  if changes.description ~= nil then c.description = changes.description end
  apply_translations(c, changes.translations)
  c.updated_at = now
  return c
end

-- Deleting a collection deletes the collections inside it; their articles
-- stay, as stand-alone articles.
function _M.delete_collection(st, c)
  for _, child in ipairs(store.list(st, "collections", function(x) return x.parent_id == c.id end)) do
    _M.delete_collection(st, child)
  end
  for _, a in pairs(st.articles or {}) do
    if a.parent_id == c.id then a.parent_id = nil end
  end
  store.remove(st, "collections", c.id)
end

return _M
