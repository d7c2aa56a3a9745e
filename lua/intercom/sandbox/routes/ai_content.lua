-- /ai/content_import_sources and /ai/external_pages: external content for
-- Fin and Copilot. Sources and pages are created, listed (page-numbered),
-- found, updated and deleted; deleting a source deletes its pages. Pages can
-- only be written under a source whose sync_behavior is "api", and creating
-- a page with a source_id and external_id that exist updates that page.
local fixtures = require "intercom.sandbox.fixtures.data"
local json = require "intercom.sandbox.server.json"
local paging = require "intercom.sandbox.search.paging"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local SOURCES, PAGES = "content_import_sources", "external_pages"

---- sources ----------------------------------------------------------------

local function render_source(s)
  return {
    type = "content_import_source", id = math.tointeger(tonumber(s.id)), url = s.url,
    sync_behavior = s.sync_behavior, status = s.status,
    audience_ids = json.array(json.copy(s.audience_ids or {})),
    created_at = s.created_at, updated_at = s.updated_at, last_synced_at = s.last_synced_at,
  }
end

local function find_source(st, id, message)
  local s = store.get(st, SOURCES, id)
  if not s then reply.not_found(message or "Content Import Source Not Found") end
  return s
end

local function body_of(ctx)
  if not json.is_object(ctx.body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  return ctx.body
end

local function required_string(body, name)
  local v = body[name]
  if json.is_null(v) or v == "" then reply.missing(name .. " is required", name) end
  if type(v) ~= "string" then reply.invalid(name .. " must be a string", name) end
  return v
end

local function check_url(v, name)
  if not v:match("^https?://[%w%.%-]+") then reply.invalid(name .. " must be an http or https URL", name) end
  return v
end

local function one_of(body, name, allowed, default)
  local v = body[name]
  if json.is_null(v) then return default end
  for _, a in ipairs(allowed) do
    if v == a then return v end
  end
  reply.invalid(("%s must be one of %s"):format(name, table.concat(allowed, ", ")), name)
end

local function audience_ids(body, current)
  local v = body.audience_ids
  if v == nil then return current end
  if v == json.null then return nil end
  if math.type(v) == "integer" then return { v } end
  if type(v) == "table" and (json.is_array(v) or next(v) == nil) then
    for _, id in ipairs(v) do
      if math.type(id) ~= "integer" then reply.invalid("audience_ids must be integers", "audience_ids") end
    end
    return json.copy(v)
  end
  reply.invalid("audience_ids must be an integer or an array of integers", "audience_ids")
end

local function list_of(ctx, kind, render, path)
  local all = {}
  for i, rec in ipairs(store.list(ctx.st, kind)) do all[i] = render(rec) end
  local per_page = paging.per_page(ctx.query.per_page, 50, 150)
  local data, pages, total = paging.number_page(all, paging.page_number(ctx.query.page), per_page, function(n)
    return string.format("%s%s?page=%d&per_page=%d", ctx.base_url, path, n, per_page)
  end)
  return reply.json(200, { type = "list", data = data, total_count = total, pages = pages })
end

local function list_sources(ctx)
  return list_of(ctx, SOURCES, render_source, "/ai/content_import_sources")
end

local function create_source(ctx)
  local body = body_of(ctx)
  local url = check_url(required_string(body, "url"), "url")
  if json.is_null(body.sync_behavior) then reply.missing("sync_behavior is required", "sync_behavior") end
  local sync = one_of(body, "sync_behavior", { "api" })
  local s = store.add(ctx.st, SOURCES, {
    id = store.next_number(ctx.st, "content_import_source", 3101), url = url, sync_behavior = sync,
    status = one_of(body, "status", { "active", "deactivated" }, "active"), audience_ids = audience_ids(body),
    created_at = ctx.now, updated_at = ctx.now, last_synced_at = ctx.now,
  })
  return reply.json(200, render_source(s))
end

local function show_source(ctx)
  return reply.json(200, render_source(find_source(ctx.st, ctx.params.source_id)))
end

-- The update payload says "automated" where the object says "automatic".
local SYNC = { api = "api", automated = "automatic", automatic = "automatic", manual = "manual" }

local function update_source(ctx)
  local s = find_source(ctx.st, ctx.params.source_id)
  local body = body_of(ctx)
  local url = check_url(required_string(body, "url"), "url")
  if json.is_null(body.sync_behavior) then reply.missing("sync_behavior is required", "sync_behavior") end
  local sync = SYNC[one_of(body, "sync_behavior", { "api", "automated", "automatic", "manual" })]
  local status = one_of(body, "status", { "active", "deactivated" }, s.status)
  if not json.is_null(body.apply_audience_to_existing_content)
    and type(body.apply_audience_to_existing_content) ~= "boolean" then
    reply.invalid("apply_audience_to_existing_content must be a boolean", "apply_audience_to_existing_content")
  end
  s.audience_ids = audience_ids(body, s.audience_ids)
  s.url, s.sync_behavior, s.status, s.updated_at = url, sync, status, ctx.now
  return reply.json(200, render_source(s))
end

local function delete_source(ctx)
  local s = find_source(ctx.st, ctx.params.source_id)
  local num = math.tointeger(tonumber(s.id))
  for _, p in ipairs(store.list(ctx.st, PAGES, function(p) return p.source_id == num end)) do
    store.remove(ctx.st, PAGES, p.id)
  end
  store.remove(ctx.st, SOURCES, s.id)
  return { status = 204, headers = {}, body = "" }
end

---- external pages -----------------------------------------------------------

local function render_page(p)
  return {
    type = "external_page", id = p.id, external_id = p.external_id, source_id = p.source_id,
    title = p.title, html = p.html, url = p.url or json.null, locale = p.locale,
    ai_agent_availability = p.ai_agent_availability, ai_copilot_availability = p.ai_copilot_availability,
    ai_sales_agent_availability = p.ai_agent_availability, fin_availability = p.fin_availability,
    created_at = p.created_at, updated_at = p.updated_at, last_ingested_at = p.last_ingested_at,
  }
end

local function find_page(st, id)
  local p = store.get(st, PAGES, id)
  if not p then reply.not_found("External Page Not Found") end
  return p
end

local function api_source(ctx, body)
  local id = body.source_id
  if json.is_null(id) then reply.missing("source_id is required", "source_id") end
  if math.type(id) ~= "integer" then reply.invalid("source_id must be an integer", "source_id") end
  local s = find_source(ctx.st, id)
  if s.sync_behavior ~= "api" then
    reply.invalid("external pages can only be written to a content import source with sync_behavior api",
      "source_id")
  end
  return id
end

local function boolean(body, name, default)
  local v = body[name]
  if json.is_null(v) then return default end
  if type(v) ~= "boolean" then reply.invalid(name .. " must be a boolean", name) end
  return v
end

local function page_fields(ctx, body, url_required)
  local f = {
    title = required_string(body, "title"), html = required_string(body, "html"),
    source_id = api_source(ctx, body),
  }
  if json.is_null(body.locale) then reply.missing("locale is required", "locale") end
  f.locale = one_of(body, "locale", { "en" })
  if url_required or not json.is_null(body.url) then f.url = check_url(required_string(body, "url"), "url") end
  return f
end

local function list_pages(ctx)
  return list_of(ctx, PAGES, render_page, "/ai/external_pages")
end

local function create_page(ctx)
  local body = body_of(ctx)
  local f = page_fields(ctx, body, false)
  f.external_id = required_string(body, "external_id")
  local agent = boolean(body, "ai_agent_availability", false)
  local copilot = boolean(body, "ai_copilot_availability", false)
  for _, p in pairs(ctx.st[PAGES] or {}) do
    if p.source_id == f.source_id and p.external_id == f.external_id then
      for k, v in pairs(f) do p[k] = v end
      p.ai_agent_availability, p.ai_copilot_availability, p.fin_availability = agent, copilot, agent
      p.updated_at, p.last_ingested_at = ctx.now, ctx.now
      return reply.json(200, render_page(p))
    end
  end
  f.id = store.next_number(ctx.st, "external_page", 7201)
  f.ai_agent_availability, f.ai_copilot_availability, f.fin_availability = agent, copilot, agent
  f.created_at, f.updated_at, f.last_ingested_at = ctx.now, ctx.now, ctx.now
  return reply.json(200, render_page(store.add(ctx.st, PAGES, f)))
end

local function show_page(ctx)
  return reply.json(200, render_page(find_page(ctx.st, ctx.params.page_id)))
end

local function update_page(ctx)
  local p = find_page(ctx.st, ctx.params.page_id)
  local body = body_of(ctx)
  local f = page_fields(ctx, body, true)
  if not json.is_null(body.external_id) then f.external_id = required_string(body, "external_id") end
  for k, v in pairs(f) do p[k] = v end
  p.fin_availability = boolean(body, "fin_availability", true)
  p.ai_agent_availability = p.fin_availability
  p.updated_at, p.last_ingested_at = ctx.now, ctx.now
  return reply.json(200, render_page(p))
end

local function delete_page(ctx)
  local p = find_page(ctx.st, ctx.params.page_id)
  store.remove(ctx.st, PAGES, p.id)
  return reply.json(200, render_page(p))
end

local function seed(st)
  local t = fixtures.EPOCH + 40 * 86400
  for _, s in ipairs(fixtures.SOURCES) do
    store.add(st, SOURCES, { id = tostring(s.id), url = s.url, sync_behavior = s.sync_behavior, status = s.status,
      created_at = t, updated_at = t, last_synced_at = t + 86400 })
  end
  st.counters.content_import_source = fixtures.SOURCES[#fixtures.SOURCES].id
  for _, p in ipairs(fixtures.PAGES) do
    store.add(st, PAGES, { id = p.id, source_id = p.source_id, external_id = p.external_id, title = p.title,
      url = p.url, html = p.html, locale = "en", ai_agent_availability = true, ai_copilot_availability = true,
      fin_availability = true, created_at = t, updated_at = t, last_ingested_at = t })
  end
  st.counters.external_page = tonumber(fixtures.PAGES[#fixtures.PAGES].id)
end

return {
  seed = seed,
  { "GET /ai/content_import_sources", list_sources },
  { "POST /ai/content_import_sources", create_source },
  { "GET /ai/content_import_sources/{source_id}", show_source },
  { "PUT /ai/content_import_sources/{source_id}", update_source },
  { "DELETE /ai/content_import_sources/{source_id}", delete_source },
  { "GET /ai/external_pages", list_pages },
  { "POST /ai/external_pages", create_page },
  { "GET /ai/external_pages/{page_id}", show_page },
  { "PUT /ai/external_pages/{page_id}", update_page },
  { "DELETE /ai/external_pages/{page_id}", delete_page },
}
