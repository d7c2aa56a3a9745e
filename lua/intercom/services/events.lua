-- client.events (the Ruby gem's Service::Event): submit data events, list a
-- contact's events or their summary, and record event summaries. API 2.15:
-- /events, /events/summaries; legacy (API 1.x): POST /bulk/events.
local op = require "intercom.operation"
local check = require "intercom.check"

local type, pairs, ipairs, os_time = type, pairs, ipairs, os.time

local submit = op.call { "POST /events", needs_args = true, args = {
  event_name = "string!", created_at = "integer", user_id = "string", email = "string", id = "id",
  metadata = "table",
} }

-- create{ event_name, created_at, user_id | email | id, metadata }: the API
-- answers 202 with no body, so this returns nil (as the gem does). The API
-- needs created_at; when it is left out, the time of the call is sent.
local function create(svc, where, args)
  check.value(where, "arguments", args, "table!")
  if args.user_id == nil and args.email == nil and args.id == nil then
    check.fail(where, "give the contact as user_id, email or id")
  end
  if args.created_at == nil then
    local copy = {}
    for k, v in pairs(args) do copy[k] = v end
    copy.created_at = os_time()
    args = copy
  end
  return op.invoke(submit, where, svc, args)
end

local list = op.list { "GET /events", paging = "pages", fixed = { type = "user" }, args = {
  type = "string", intercom_user_id = "id", user_id = "string", email = "string", summary = "boolean",
  per_page = "integer",
} }

-- find_all{ intercom_user_id | user_id | email, summary = true }: a lazy
-- collection of the contact's events (newest first, following pages.next
-- links), or with summary = true, of their summaries (name, count, first,
-- last). type defaults to "user", the only type the API knows.
local function find_all(svc, where, args)
  check.value(where, "arguments", args, "table!")
  if args.intercom_user_id == nil and args.user_id == nil and args.email == nil then
    check.fail(where, "give the contact as intercom_user_id, user_id or email")
  end
  return op.invoke(list, where, svc, args)
end

local bulk = op.call { "POST /bulk/events", returns = "object!" }

-- submit_bulk_job{ create_items = {...}, job_id = nil }: the legacy bulk API
-- (Intercom-Version 1.x). Events cannot be deleted, so delete_items is refused
-- before anything is sent, as in the gem.
local function submit_bulk_job(svc, where, args)
  check.value(where, "arguments", args, "table!")
  check.args(where, args, { create_items = "table!", job_id = "id" })
  if args.delete_items ~= nil then check.fail(where, "events do not support bulk delete (delete_items)") end
  if args.create_items[1] == nil then check.fail(where, "create_items must be a non-empty array of events") end
  local items = {}
  for i, item in ipairs(args.create_items) do
    if type(item) ~= "table" then
      check.fail(where, ("create_items[%d] must be a table, got %s"):format(i, check.describe(item)))
    end
    items[i] = { method = "post", data_type = "event", data = item }
  end
  local body = { items = items }
  if args.job_id ~= nil then body.job = { id = args.job_id } end
  return op.invoke(bulk, where, svc, body)
end

return {
  ops = {
    create = op.custom(create, { "POST /events" }),
    save = op.custom(create, { "POST /events" }),
    find_all = op.custom(find_all, { "GET /events" }),
    summaries = op.call { "POST /events/summaries", needs_args = true,
      args = { user_id = "string!", event_summaries = "table!" } },
    submit_bulk_job = op.custom(submit_bulk_job, { "POST /bulk/events" }),
  },
}
