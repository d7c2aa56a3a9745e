-- /jobs: the status of asynchronous jobs (API 2.15: /jobs/status/{id}), and
-- the legacy bulk job API (1.x only): GET /jobs, /jobs/{id}, /jobs/{id}/error.
-- Jobs live in the shared store kind "jobs" (see model/jobs.lua).
local jobs = require "intercom.sandbox.model.jobs"
local json = require "intercom.sandbox.server.json"
local legacy = require "intercom.sandbox.server.legacy"
local paging = require "intercom.sandbox.search.paging"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local function find(ctx, id, code)
  local rec = store.get(ctx.st, "jobs", id)
  if not rec then reply.not_found("Job Not Found", code) end
  return rec
end

local function status(ctx)
  local rec = jobs.poll(find(ctx, ctx.params.job_id, "job_not_found"), ctx.now)
  return reply.json(200, jobs.render_status(rec, ctx.base_url))
end

local function show(ctx)
  local rec = jobs.poll(find(ctx, ctx.params.id), ctx.now)
  return reply.json(200, jobs.render(ctx.st, rec, ctx.base_url))
end

local function errors(ctx)
  return reply.json(200, jobs.render_errors(ctx.st, find(ctx, ctx.params.id), ctx.base_url))
end

-- Newest first, page-numbered, linked by pages.next URLs.
local function list(ctx)
  local recs = store.list(ctx.st, "jobs")
  local all = {}
  for i = #recs, 1, -1 do all[#all + 1] = jobs.render(ctx.st, recs[i], ctx.base_url) end
  local per_page = paging.per_page(ctx.query.per_page, 25, 60)
  local data, pages, total = paging.number_page(all, paging.page_number(ctx.query.page), per_page, function(n)
    return string.format("%s/jobs?page=%d&per_page=%d", ctx.base_url, n, per_page)
  end)
  return reply.json(200, { type = "job.list", jobs = json.array(data), total_count = total, pages = pages })
end

return {
  { "GET /jobs/status/{job_id}", status },
  { "GET /jobs", legacy.v1(list) },
  { "GET /jobs/{id}", legacy.v1(show) },
  { "GET /jobs/{id}/error", legacy.v1(errors) },
}
