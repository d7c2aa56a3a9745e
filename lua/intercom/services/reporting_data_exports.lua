-- client.reporting_data_exports: exports of reporting datasets (not in the
-- Ruby gem; named in its style). API 2.15: /export/reporting_data,
-- /download/reporting_data.
--
--   for ds in client.reporting_data_exports:datasets() do print(ds.id) end
--   local job = client.reporting_data_exports:create{ dataset_id = "conversation",
--     attribute_ids = { "conversation_id", "channel" }, start_time = t0, end_time = t1 }
--   client.reporting_data_exports:load(job, { app_id = "abc123" })
--   local csv = client.reporting_data_exports:download(job, { app_id = "abc123" })
--
-- The status and download endpoints also want the job_identifier and the
-- workspace (app_id, client_id) in the query: job_identifier is added here;
-- client_id defaults to app_id.
local op = require "intercom.operation"
local check = require "intercom.check"
local job_ref = require "intercom.services.job_ref"

local WORKSPACE_ARGS = { app_id = "string", client_id = "string" }

local function with_identifier(where, args)
  check.args(where, args, WORKSPACE_ARGS)
  args.job_identifier = args.id
  if args.client_id == nil then args.client_id = args.app_id end
end

local function with_app(where, args)
  check.args(where, args, WORKSPACE_ARGS)
  args.job_identifier = args.id
  if args.app_id == nil then args.app_id = args.client_id end
  args.client_id = nil
end

local show = op.call { "GET /export/reporting_data/{job_identifier}", target = "job_identifier",
  returns = "object!", args = WORKSPACE_ARGS }

local enqueue = op.call { "POST /export/reporting_data/enqueue", needs_args = true, returns = "object!",
  args = { dataset_id = "string!", attribute_ids = "table!", start_time = "integer!", end_time = "integer!" } }

return {
  ops = {
    datasets = op.list { "GET /export/reporting_data/get_datasets" },
    create = enqueue,
    enqueue = enqueue,
    find = job_ref.method(show, false, with_identifier),
    load = job_ref.method(show, true, with_identifier),
    download = job_ref.method(op.call { "GET /download/reporting_data/{job_identifier}",
      target = "job_identifier", returns = "text", accept = "application/octet-stream", args = WORKSPACE_ARGS },
      false, with_app),
  },
}
