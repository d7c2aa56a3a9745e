-- client.jobs (the Ruby gem's Service::Job): the status of asynchronous jobs.
-- API 2.15: GET /jobs/status/{job_id}. Legacy bulk jobs (Intercom-Version
-- 1.x, what users:submit_bulk_job and events:submit_bulk_job return):
-- GET /jobs, /jobs/{id}, /jobs/{id}/error.
local op = require "intercom.operation"

local list = op.list { "GET /jobs", paging = "pages" }

return {
  ops = {
    status = op.call { "GET /jobs/status/{job_id}", target = "job_id", returns = "object!" },
    find = op.call { "GET /jobs/{id}", target = "id", returns = "object!" },
    load = op.call { "GET /jobs/{id}", target = "id", returns = "refresh" },
    errors = op.call { "GET /jobs/{id}/error", target = "id", returns = "object!" },
    all = list,
    find_all = list,
  },
  classes = {
    job = {
      methods = {
        errors = op.call { "GET /jobs/{id}/error", self = "id", returns = "object!" },
      },
    },
  },
}
