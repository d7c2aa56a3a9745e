-- API shapes (2.15; sections as in 2.6) for help centers, collections,
-- sections, articles and internal articles, built from the store's records.
-- URLs are derived (help center URL, locale, id and a slug of the title), so a
-- renamed article gets a new URL and a draft has none, as on the API.
local json = require "intercom.sandbox.server.json"
local store = require "intercom.sandbox.model.store"

local _M = {}

local null, array = json.null, json.array

_M.DEFAULT_LOCALE = "en"
_M.DEFAULT_HELP_CENTER = "31" -- where collections and stand-alone articles live unless told

local orn = json.or_null

local function integer_id(id)
  if id == nil then return null end
  return math.tointeger(tonumber(id)) or id
end
_M.integer_id = integer_id

function _M.slug(text)
  local s = tostring(text or ""):lower():gsub("[^%w]+", "-"):gsub("^%-+", ""):gsub("%-+$", "")
  return s
end

function _M.help_center(st, h)
  return {
    id = h.id, workspace_id = st.workspace_id, identifier = h.identifier, display_name = h.display_name,
    website_turned_on = h.website_turned_on, url = h.url, custom_domain = orn(h.custom_domain),
    created_at = h.created_at, updated_at = h.updated_at,
  }
end

local function help_center_of(st, c)
  return store.get(st, "help_centers", c and c.help_center_id or _M.DEFAULT_HELP_CENTER)
    or store.get(st, "help_centers", _M.DEFAULT_HELP_CENTER)
end

local function group_content(translations)
  if not translations then return null end
  local out = { type = "group_translated_content" }
  for locale, t in pairs(translations) do
    out[locale] = { type = "group_content", name = orn(t.name), description = orn(t.description) }
  end
  return out
end

local function collection_url(st, c)
  local hc = help_center_of(st, c)
  return ("%s/%s/collections/%s-%s"):format(hc.url, _M.DEFAULT_LOCALE, c.id, _M.slug(c.name))
end

function _M.collection(st, c)
  return {
    type = "collection", id = c.id, workspace_id = st.workspace_id, name = c.name,
    description = orn(c.description), created_at = c.created_at, updated_at = c.updated_at,
    url = collection_url(st, c), icon = orn(c.icon), order = c.order, default_locale = _M.DEFAULT_LOCALE,
    translated_content = group_content(c.translations), parent_id = orn(c.parent_id),
    help_center_id = integer_id(c.help_center_id),
  }
end

-- A section (API <= 2.10) is a sub-collection seen through the old shape.
function _M.section(st, c)
  return {
    type = "section", id = c.id, workspace_id = st.workspace_id, name = c.name,
    created_at = c.created_at, updated_at = c.updated_at, url = collection_url(st, c), icon = orn(c.icon),
    order = c.order, default_locale = _M.DEFAULT_LOCALE, translated_content = group_content(c.translations),
    parent_id = integer_id(c.parent_id),
  }
end

-- The collection an article sits in, and that collection's ancestors.
local function ancestors(st, a)
  local ids = array()
  local c = a.parent_id and store.get(st, "collections", a.parent_id)
  local seen = {}
  while c and not seen[c.id] do
    seen[c.id] = true
    ids[#ids + 1] = integer_id(c.id)
    c = c.parent_id and store.get(st, "collections", c.parent_id)
  end
  return ids
end

function _M.article_help_center(st, a)
  return help_center_of(st, a.parent_id and store.get(st, "collections", a.parent_id))
end

local function article_url(st, a, locale, title, state)
  if state ~= "published" then return null end
  local hc = _M.article_help_center(st, a)
  return ("%s/%s/articles/%s-%s"):format(hc.url, locale, a.id, _M.slug(title))
end

local function article_content(st, a, locale, t)
  return {
    type = "article_content", title = orn(t.title), description = orn(t.description), body = orn(t.body),
    author_id = integer_id(t.author_id), state = t.state, created_at = t.created_at, updated_at = t.updated_at,
    url = article_url(st, a, locale, t.title, t.state),
  }
end

local function percentage(part, total)
  if total == 0 then return 0 end
  return math.floor(part * 1000 / total + 0.5) / 10
end

function _M.article_statistics(a)
  local s = a.stats or {}
  local happy, neutral, sad = table.unpack(s.reactions or { 0, 0, 0 })
  local total = happy + neutral + sad
  return {
    type = "article_statistics", views = s.views or 0, conversions = s.conversions or 0, reactions = total,
    happy_reaction_percentage = percentage(happy, total), neutral_reaction_percentage = percentage(neutral, total),
    sad_reaction_percentage = percentage(sad, total),
  }
end

-- opts.statistics: the full article (find, create, update, search) has them;
-- list items do not.
function _M.article(st, a, opts)
  local parent_ids = ancestors(st, a)
  local o = {
    type = "article", id = a.id, workspace_id = st.workspace_id, title = a.title,
    description = orn(a.description), body = orn(a.body), author_id = integer_id(a.author_id), state = a.state,
    created_at = a.created_at, updated_at = a.updated_at,
    url = article_url(st, a, _M.DEFAULT_LOCALE, a.title, a.state),
    parent_id = parent_ids[1] or null, parent_ids = parent_ids,
    parent_type = parent_ids[1] and "collection" or null,
    default_locale = _M.DEFAULT_LOCALE, tags = { type = "tag.list", tags = array() },
  }
  if a.translations then
    local tc = { type = "article_translated_content" }
    tc[_M.DEFAULT_LOCALE] = article_content(st, a, _M.DEFAULT_LOCALE, a)
    for locale, t in pairs(a.translations) do
      if locale ~= _M.DEFAULT_LOCALE then tc[locale] = article_content(st, a, locale, t) end
    end
    o.translated_content = tc
  else
    o.translated_content = null
  end
  if opts and opts.statistics then o.statistics = _M.article_statistics(a) end
  return o
end

function _M.internal_article(a)
  return {
    type = "internal_article", id = a.id, title = a.title, body = orn(a.body),
    author_id = integer_id(a.author_id), owner_id = integer_id(a.owner_id), locale = _M.DEFAULT_LOCALE,
    created_at = a.created_at, updated_at = a.updated_at,
  }
end

-- { id, object = "<what>", deleted = true }: the answer of every DELETE here.
function _M.deleted(what, id)
  return { id = id, object = what, deleted = true }
end

return _M
