-- client.export_content (the Ruby gem's Service::ExportContent): content data
-- exports, the message delivery and engagement data of outbound content.
-- API 2.15: /export/content/data, /export/cancel, /download/content/data.
--
--   local job = client.export_content:create{ created_at_after = t0, created_at_before = t1 }
--   client.export_content:load(job)          -- job.status: pending, in_progress, completed, ...
--   local gz = client.export_content:download(job) -- the gzip'd CSV, as bytes
local op = require "intercom.operation"
local job_ref = require "intercom.services.job_ref"

local show = op.call { "GET /export/content/data/{job_identifier}", target = "job_identifier", returns = "object!" }

return {
  ops = {
    create = op.call { "POST /export/content/data", needs_args = true, returns = "object!",
      args = { created_at_after = "integer!", created_at_before = "integer!" } },
    find = job_ref.method(show),
    load = job_ref.method(show, true),
    cancel = job_ref.method(op.call { "POST /export/cancel/{job_identifier}", target = "job_identifier",
      returns = "object!", body = false }), -- the API declares no body
    download = job_ref.method(op.call { "GET /download/content/data/{job_identifier}",
      target = "job_identifier", returns = "text", accept = "application/octet-stream" }),
  },
}
