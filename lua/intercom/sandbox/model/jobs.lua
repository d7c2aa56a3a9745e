-- Asynchronous jobs, in the store kind "jobs" that every group's job-making
-- routes share (bulk users, bulk events, enqueued tickets). A record needs
-- only an id; these fields are read when present:
--   state        "pending" | "running" | "completed" | "failed" (default "completed")
--   status       the 2.15 word, "pending" | "success" | "failed", when a record has no state
--   name, created_at, updated_at, completed_at, closing_at
--   data_type / resource_type, resource_id, resource_url
--   tasks        { { id, item_count, state, created_at, started_at, completed_at } }
--   errors       { { data = <item>, error = { code, message } } }
-- A pending or running job completes once it has been polled (GET /jobs/{id}
-- or /jobs/status/{id}) once already, so a poll loop ends on the second look.
local ids = require "intercom.sandbox.model.ids"
local json = require "intercom.sandbox.server.json"
local store = require "intercom.sandbox.model.store"

local _M = {}

_M.OPEN_SECONDS = 900 -- a bulk job takes more items for 15 minutes

local orn = json.or_null

function _M.new_id(st, now)
  st.job_serial = (st.job_serial or 0) + 1
  return "job_" .. ids.object_id(now, st.job_serial):sub(-16)
end

-- Moves a polled job along; returns the record.
function _M.poll(rec, now)
  local state = rec.state or "completed"
  if state == "pending" or state == "running" then
    rec.polls = (rec.polls or 0) + 1
    if rec.polls >= 2 then
      rec.state = (rec.errors and #rec.errors > 0 and rec.item_count == #rec.errors) and "failed" or "completed"
      rec.completed_at, rec.updated_at = now, now
      for _, t in ipairs(rec.tasks or {}) do
        if t.state ~= "completed" then t.state, t.completed_at = "completed", now end
      end
    end
  end
  return rec
end

local STATE = { success = "completed", failed = "failed", pending = "pending" }

-- The legacy (API 1.x) job object.
function _M.render(st, rec, base_url)
  local tasks = json.array()
  for i, t in ipairs(rec.tasks or {}) do
    tasks[i] = { id = t.id, item_count = orn(t.item_count), state = orn(t.state), created_at = orn(t.created_at),
      started_at = orn(t.started_at), completed_at = orn(t.completed_at) }
  end
  local self = base_url .. "/jobs/" .. rec.id
  return {
    type = "job", id = rec.id, app_id = st.workspace_id, name = rec.name or "api_bulk_job",
    state = rec.state or STATE[rec.status] or "completed",
    created_at = orn(rec.created_at), updated_at = orn(rec.updated_at),
    completed_at = orn(rec.completed_at), closing_at = orn(rec.closing_at),
    links = { self = self, error = self .. "/error" }, tasks = tasks,
  }
end

local STATUS = { completed = "success", success = "success", failed = "failed" }

-- The API 2.15 job status object.
function _M.render_status(rec, base_url)
  local status = rec.state and (STATUS[rec.state] or "pending") or rec.status or "success"
  return {
    type = "job", id = rec.id, status = status,
    resource_type = orn(rec.resource_type or rec.data_type), resource_id = orn(rec.resource_id),
    resource_url = orn(rec.resource_url), url = base_url .. "/jobs/status/" .. rec.id,
  }
end

-- The error feed of a job: the items that failed, and why.
function _M.render_errors(st, rec, base_url)
  local items = json.array()
  for i, e in ipairs(rec.errors or {}) do
    items[i] = { type = "bulk_item_error", data = json.copy(e.data), error = json.copy(e.error) }
  end
  return { type = "error_feed", app_id = st.workspace_id, job = { type = "job", id = rec.id,
    url = base_url .. "/jobs/" .. rec.id }, items = items }
end

-- A bulk job: new, or the open job given to append a task to.
function _M.task_job(st, name, data_type, now)
  local rec = store.add(st, "jobs", {
    id = _M.new_id(st, now), name = name, data_type = data_type, state = "running", created_at = now,
    updated_at = now, closing_at = now + _M.OPEN_SECONDS, tasks = {}, errors = {}, item_count = 0,
  })
  return rec
end

function _M.add_task(st, rec, item_count, now)
  st.task_serial = (st.task_serial or 0) + 1
  rec.tasks = rec.tasks or {}
  rec.tasks[#rec.tasks + 1] = { id = "task_" .. ids.object_id(now, st.task_serial):sub(-16), item_count = item_count,
    state = "running", created_at = now, started_at = now }
  rec.item_count = (rec.item_count or 0) + item_count
  rec.state, rec.polls, rec.updated_at, rec.completed_at = "running", 0, now, nil
end

return _M
