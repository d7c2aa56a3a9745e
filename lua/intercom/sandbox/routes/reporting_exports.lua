-- Reporting data exports: the datasets and their attributes, jobs enqueued
-- for a dataset, attributes and time range (at most 5 pending at once), a
-- status that turns complete on the second poll, and a plain CSV to download.
-- The status and download endpoints take app_id / client_id in the query:
-- when given they must name the workspace; the sandbox does not insist on them.
local exports = require "intercom.sandbox.model.exports"
local fixtures = require "intercom.sandbox.fixtures.data"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local KIND = "reporting_exports"
local STEPS = { "pending", "pending", "complete" }
local FINISHED = { complete = true, failed = true }
local MAX_PENDING = 5

local DATASETS = {}
for _, ds in ipairs(fixtures.DATASETS) do DATASETS[ds.id] = ds end

local function datasets()
  local data = json.array()
  for i, ds in ipairs(fixtures.DATASETS) do
    local attributes = json.array()
    for j, a in ipairs(ds.attributes) do attributes[j] = { id = a.id, name = a.name } end
    data[i] = { id = ds.id, name = ds.name, description = ds.description,
      default_time_attribute_id = ds.default_time_attribute_id, attributes = attributes }
  end
  return reply.json(200, { type = "list", data = data })
end

local function bad(message) reply.fail(400, "bad_request", message) end

local function enqueue(ctx)
  local body = ctx.body
  if not json.is_object(body) then bad("the request body must be a JSON object") end
  if json.is_null(body.dataset_id) then bad("'dataset_id' is a required parameter") end
  local ds = DATASETS[body.dataset_id]
  if not ds then bad(tostring(body.dataset_id) .. " is not a valid dataset_id") end
  local ids = body.attribute_ids
  if json.is_null(ids) then bad("'attribute_ids' is a required parameter") end
  if not json.is_array(ids) and not (type(ids) == "table" and next(ids) == nil) then
    bad("'attribute_ids' must be an array")
  end
  if #ids == 0 then bad("attribute_ids must contain at least one attribute_id") end
  local known, unknown = {}, {}
  for _, a in ipairs(ds.attributes) do known[a.id] = a end
  for _, id in ipairs(ids) do
    if not known[id] then unknown[#unknown + 1] = tostring(id) end
  end
  if #unknown > 0 then
    bad(("attribute_ids invalid for %s dataset: %s"):format(ds.id, table.concat(unknown, ", ")))
  end
  for _, k in ipairs({ "start_time", "end_time" }) do
    if json.is_null(body[k]) then bad(("'%s' is a required parameter"):format(k)) end
    if math.type(body[k]) ~= "integer" then bad(k .. " must be a Unix timestamp") end
  end
  if body.start_time > body.end_time then bad("start_time must be before end_time") end
  if exports.count_active(ctx.st, KIND, FINISHED) >= MAX_PENDING then
    reply.fail(429, "rate_limit_exceeded", "Exceeded rate limit of 5 pending reporting dataset export jobs")
  end
  local rec = store.add(ctx.st, KIND, { id = exports.new_identifier(ctx.st), status = STEPS[1],
    created_at = ctx.now, dataset_id = ds.id, attribute_ids = json.copy(ids),
    start_time = body.start_time, end_time = body.end_time })
  return reply.json(200, exports.render(rec))
end

-- When app_id or client_id is given it must be this workspace.
local function find(ctx, id)
  for _, k in ipairs({ "app_id", "client_id" }) do
    local v = ctx.query[k]
    if v ~= nil and v ~= ctx.st.workspace_id and v ~= tostring(fixtures.APP_NUMBER) then
      reply.not_found("Export job not found for identifier: " .. tostring(id))
    end
  end
  return exports.find(ctx.st, KIND, id)
end

-- Three rows of plausible values for the chosen attributes.
local function csv(rec)
  local ds = DATASETS[rec.dataset_id]
  local by_id = {}
  for _, a in ipairs(ds.attributes) do by_id[a.id] = a end
  local rows = { {} }
  for j, id in ipairs(rec.attribute_ids) do rows[1][j] = id end
  local span = rec.end_time - rec.start_time
  for r = 1, 3 do
    local row = {}
    for j, id in ipairs(rec.attribute_ids) do
      local a = by_id[id]
      if a.values then
        row[j] = a.values[r]
      elseif id:match("_at$") then
        row[j] = exports.iso(rec.start_time + span * r // 4)
      else
        row[j] = tostring(215400 + 37 * r + j)
      end
    end
    rows[#rows + 1] = row
  end
  return exports.csv(rows)
end

local function status(ctx)
  local rec = exports.poll(find(ctx, ctx.params.job_identifier), ctx.now, STEPS, function(r)
    r.csv, r.has_file = csv(r), true
  end)
  local url = ("%s/download/reporting_data/%s?app_id=%s&job_identifier=%s"):format(ctx.base_url, rec.id,
    ctx.st.workspace_id, rec.id)
  return reply.json(200, exports.render(rec, url))
end

local function download(ctx)
  local rec = find(ctx, ctx.params.job_identifier)
  if not rec.has_file then
    reply.not_found(("Export job %s is not complete (status %s)"):format(rec.id, rec.status))
  end
  return exports.file(rec.csv, "text/csv; charset=utf-8", ("%s_export_%s.csv"):format(rec.dataset_id, rec.id))
end

return {
  { "GET /export/reporting_data/get_datasets", datasets },
  { "POST /export/reporting_data/enqueue", enqueue },
  { "GET /export/reporting_data/{job_identifier}", status },
  { "GET /download/reporting_data/{job_identifier}", download },
}
