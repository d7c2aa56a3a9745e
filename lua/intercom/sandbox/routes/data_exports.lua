-- Content data exports: POST /export/content/data makes a pending job (one
-- active job per workspace, as on the API); each status poll moves it along
-- (pending -> in_progress -> completed); the finished job's file is a gzip'd
-- CSV of message deliveries to the workspace's contacts in the date range.
-- POST /export/cancel/{id} cancels a job that has not finished.
local exports = require "intercom.sandbox.model.exports"
local gzip = require "intercom.sandbox.render.gzip"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local KIND = "data_exports"
local STEPS = { "pending", "in_progress", "completed" }
local FINISHED = { completed = true, failed = true, no_data = true, canceled = true }

-- The outbound content whose deliveries the export lists.
local CONTENT = {
  { type = "email", id = "40211", title = "Spring product update" },
  { type = "post", id = "40236", title = "New: single sign-on for teams" },
  { type = "survey", id = "40251", title = "How was your onboarding?" },
}

local HEADER = { "content_type", "content_id", "content_title", "receipt_id", "received_at", "user_id",
  "user_external_id", "email", "name", "first_open", "first_click", "first_reply", "first_unsubscribe" }

-- One delivery per content item and contact with an email, spread over the range.
local function rows(st, rec)
  local people = store.list(st, "contacts", function(c) return c.fields.email ~= nil end)
  local out = { HEADER }
  local n = #people * #CONTENT
  local span = rec.created_at_before - rec.created_at_after
  local k = 0
  for ci, content in ipairs(CONTENT) do
    for pi, c in ipairs(people) do
      k = k + 1
      local received = rec.created_at_after + (span * k) // (n + 1)
      local opened = (ci + pi) % 3 ~= 0 and exports.iso(received + 3600 * pi) or ""
      local clicked = opened ~= "" and (ci + pi) % 2 == 0 and exports.iso(received + 3900 * pi) or ""
      local replied = content.type == "email" and pi % 4 == 1 and exports.iso(received + 7200) or ""
      out[#out + 1] = { content.type, content.id, content.title, string.format("r-%s-%d", content.id, pi),
        exports.iso(received), c.id, c.fields.external_id or "", c.fields.email, c.fields.name or "",
        opened, clicked, replied, "" }
    end
  end
  return out, n
end

local function finish(st)
  return function(rec)
    local data, n = rows(st, rec)
    if n == 0 then return "no_data" end
    rec.csv, rec.has_file = exports.csv(data), true
  end
end

local function integer(body, name)
  local v = body[name]
  if json.is_null(v) then reply.missing(name .. " is required", name) end
  if math.type(v) ~= "integer" then reply.invalid(name .. " must be a Unix timestamp", name) end
  return v
end

local function create(ctx)
  local body = ctx.body
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  local after, before = integer(body, "created_at_after"), integer(body, "created_at_before")
  if after > before then reply.invalid("created_at_after must be before created_at_before", "created_at_after") end
  if exports.count_active(ctx.st, KIND, FINISHED) > 0 then
    reply.fail(429, "rate_limit_exceeded", "Exceeded rate limit of 1 pending message data export jobs")
  end
  local rec = store.add(ctx.st, KIND, { id = exports.new_identifier(ctx.st), status = STEPS[1],
    created_at = ctx.now, created_at_after = after, created_at_before = before })
  return reply.json(200, exports.render(rec))
end

local function url_of(ctx, rec)
  return ctx.base_url .. "/download/content/data/" .. rec.id
end

local function show(ctx)
  local rec = exports.poll(exports.find(ctx.st, KIND, ctx.params.job_identifier), ctx.now, STEPS, finish(ctx.st))
  return reply.json(200, exports.render(rec, url_of(ctx, rec)))
end

local function cancel(ctx)
  local rec = exports.find(ctx.st, KIND, ctx.params.job_identifier)
  if not FINISHED[rec.status] then rec.status, rec.done = "canceled", true end
  return reply.json(200, exports.render(rec, url_of(ctx, rec)))
end

local function download(ctx)
  local rec = exports.find(ctx.st, KIND, ctx.params.job_identifier)
  if not rec.has_file then
    reply.not_found(("Export %s has no file to download (status %s)"):format(rec.id, rec.status))
  end
  local name = ("content_data_export_%s.csv"):format(rec.id)
  return exports.file(gzip.encode(rec.csv, name, rec.completed_at), "application/octet-stream", name .. ".gz")
end

return {
  { "POST /export/content/data", create },
  { "GET /export/content/data/{job_identifier}", show },
  { "POST /export/cancel/{job_identifier}", cancel },
  { "GET /download/content/data/{job_identifier}", download },
}
