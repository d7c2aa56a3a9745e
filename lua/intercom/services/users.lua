-- client.users (the Ruby gem's deprecated Service::User): the v1 users API,
-- gone from API 2.x, for workspaces still on it. Use a client with
-- api_version = "1.4" (or none), with a token or app_id + api_key (Basic).
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"
local request = require "intercom.request"
local common = require "intercom.services.people_common"
local increments = require "intercom.services.increments"

local KEEP_NULL = { null = core.null } -- a body keeps the nulls the object holds

local type, ipairs = type, ipairs
local is_resource = core.is_resource

local by_id = op.call { "GET /users/{id}", target = "id", returns = "object!" }
local lookup = op.call { "GET /users", args = { email = "string", user_id = "string" }, returns = "object!" }
local find_all = op.list { "GET /users", paging = "pages", per_page = 60, needs_args = true }

-- find(id), find{ id = }, find{ email = } or find{ user_id = }.
local function find(svc, where, x)
  if type(x) == "table" and not is_resource(x) and x.id == nil then
    if x.email == nil and x.user_id == nil then check.fail(where, "give an id, an email or a user_id") end
    return op.invoke(lookup, where, svc, x)
  end
  return op.invoke(by_id, where, svc, x)
end

local function by(param)
  return op.custom(function(svc, where, x)
    return op.invoke(find_all, where, svc, { [param] = common.id_of(where, param, x) })
  end, { "GET /users" })
end

-- An item of a bulk job: a table, or an object as a plain table.
local function bulk_data(where, name, x)
  if is_resource(x) then
    local t = x:to_table(KEEP_NULL)
    t.type = nil
    return t
  end
  if type(x) ~= "table" then
    check.fail(where, ("each of '%s' must be a table or an intercom object, got %s"):format(name, check.describe(x)))
  end
  return x
end

-- submit_bulk_job{ create_items = {...}, delete_items = {...}, job_id = }:
-- POST /bulk/users with the gem's envelope; returns the job.
local function submit_bulk_job(svc, where, args)
  check.value(where, "arguments", args, "table!")
  check.args(where, args, { create_items = "table", delete_items = "table", job_id = "id" })
  local items = {}
  for _, spec in ipairs({ { "create_items", "post" }, { "delete_items", "delete" } }) do
    for _, x in ipairs(args[spec[1]] or {}) do
      items[#items + 1] = { method = spec[2], data_type = "user", data = bulk_data(where, spec[1], x) }
    end
  end
  if #items == 0 then check.fail(where, "give create_items or delete_items (a non-empty list)") end
  local body = { items = items }
  if args.job_id ~= nil then body.job = { id = args.job_id } end
  local data = request.send(op.client(svc), "POST", "/bulk/users", nil, body, { where = where })
  return op.result(where, { returns = "object!" }, op.client(svc), data)
end

return {
  ops = {
    all = op.list { "GET /users", paging = "pages", per_page = 60 },
    scroll = op.list { "GET /users/scroll", paging = "scroll" },
    find = op.custom(find, { "GET /users/{id}", "GET /users" }),
    find_all = find_all,
    load = common.load("GET /users/{id}", "id"),
    create = op.call { "POST /users", needs_args = true },
    save = op.save { update = "POST /users", create = "POST /users", identity = { "id", "email", "user_id" } },
    delete = op.call { "DELETE /users/{id}", target = "id", returns = "target" },
    archive = op.call { "DELETE /users/{id}", target = "id", returns = "target" },
    request_hard_delete = common.request_hard_delete(),
    submit_bulk_job = op.custom(submit_bulk_job, { "POST /bulk/users" }),
    by_tag = by("tag_id"),
    by_segment = by("segment_id"),
  },
  classes = {
    user = {
      autovivify = { custom_attributes = true },
      methods = {
        increment = increments.increment,
        decrement = increments.decrement,
      },
    },
  },
}
