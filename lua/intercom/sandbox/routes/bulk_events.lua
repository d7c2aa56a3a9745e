-- POST /bulk/events (legacy, API 1.x only): many events in one job.
--   { items = { { method = "post", data_type = "event", data = {...} } }, job = { id } }
-- Each item is stored like POST /events; items that fail (unknown contact,
-- bad fields) go to the job's error feed. With job.id the items join that
-- job while it is open.
local events = require "intercom.sandbox.model.events"
local jobs = require "intercom.sandbox.model.jobs"
local json = require "intercom.sandbox.server.json"
local legacy = require "intercom.sandbox.server.legacy"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local MAX_ITEMS = 100

local function submit(ctx)
  local body = ctx.body
  if not json.is_object(body) then reply.fail(400, "bad_request", "the request body must be a JSON object") end
  local items = body.items
  if not json.is_array(items) or #items == 0 then reply.missing("items is required", "items") end
  if #items > MAX_ITEMS then reply.invalid("a bulk request takes at most 100 items", "items") end
  for _, item in ipairs(items) do
    if not json.is_object(item) or not json.is_object(item.data) then
      reply.invalid("each item needs method, data_type and data", "items")
    end
    if item.data_type ~= "event" then reply.invalid("data_type must be event", "data_type") end
    if item.method == "delete" then reply.invalid("events cannot be deleted in bulk", "method") end
    if item.method ~= "post" then reply.invalid("method must be post", "method") end
  end
  local rec
  if json.is_object(body.job) and not json.is_null(body.job.id) then
    rec = store.get(ctx.st, "jobs", body.job.id)
    if not rec then reply.not_found("Job Not Found") end
    if rec.data_type ~= "event" then reply.invalid("that job is not an event job", "job") end
    if rec.closing_at and ctx.now > rec.closing_at then
      reply.fail(400, "job_closed", "The job is closed and takes no more items")
    end
  else
    rec = jobs.task_job(ctx.st, "api_bulk_job", "event", ctx.now)
  end
  jobs.add_task(ctx.st, rec, #items, ctx.now)
  for _, item in ipairs(items) do
    local ok, err = pcall(function()
      events.add(ctx.st, events.validate(ctx.st, item.data))
    end)
    if not ok then
      if not reply.is_failure(err) then error(err, 0) end
      local e = err.response.value.errors[1]
      rec.errors[#rec.errors + 1] = { data = json.copy(item.data), error = { code = e.code, message = e.message } }
    end
  end
  return reply.json(202, jobs.render(ctx.st, rec, ctx.base_url))
end

return {
  { "POST /bulk/events", legacy.v1(submit) },
}
