-- The v1 users API (Intercom-Version 1.x only; 404 otherwise): /users with
-- page links, lookups by email or user_id, scroll, create-or-update with
-- POST, delete, hard-delete requests and bulk jobs. Users are the
-- workspace's contacts with the role "user" (see v1_people.lua).
local contact_search = require "intercom.sandbox.search.contacts"
local contacts = require "intercom.sandbox.model.contacts"
local input = require "intercom.sandbox.server.input"
local jobs = require "intercom.sandbox.model.jobs"
local json = require "intercom.sandbox.server.json"
local legacy = require "intercom.sandbox.server.legacy"
local paging = require "intercom.sandbox.search.paging"
local reply = require "intercom.sandbox.server.reply"
local scroll = require "intercom.sandbox.search.scroll"
local store = require "intercom.sandbox.model.store"
local v1 = require "intercom.sandbox.model.v1_people"

local DEFAULT_PER_PAGE, MAX_PER_PAGE = 50, 60
local SCROLL_PAGE = 100

local function users(st, keep)
  return store.list(st, "contacts", function(rec)
    return rec.fields.role == "user" and not rec.archived and (not keep or keep(rec))
  end)
end

local function in_segment(st, rec, segment_id)
  for _, seg in ipairs(contact_search.segments_of(st, rec)) do
    if seg.id == segment_id then return true end
  end
  return false
end

local function has_tag(rec, tag_id)
  for _, t in ipairs(rec.tags) do
    if t.id == tag_id then return true end
  end
  return false
end

-- GET /users?email= or ?user_id= answers one user; otherwise a page of users
-- (filtered by tag_id or segment_id) with pages.next as a URL.
local function list(ctx)
  local q = ctx.query
  if q.email or q.user_id then
    local rec = v1.find_user(ctx.st, { email = q.email, user_id = q.user_id })
    if not rec then reply.not_found("User Not Found") end
    return reply.json(200, v1.user(ctx.st, rec))
  end
  local recs = users(ctx.st, function(rec)
    if q.tag_id and not has_tag(rec, q.tag_id) then return false end
    if q.segment_id and not in_segment(ctx.st, rec, q.segment_id) then return false end
    return true
  end)
  local rendered = {}
  for i, rec in ipairs(recs) do rendered[i] = v1.user(ctx.st, rec) end
  local per_page = paging.per_page(q.per_page, DEFAULT_PER_PAGE, MAX_PER_PAGE)
  local filters = ""
  for _, k in ipairs({ "segment_id", "tag_id" }) do
    if q[k] then filters = filters .. "&" .. k .. "=" .. q[k] end
  end
  local data, pages, total = paging.number_page(rendered, paging.page_number(q.page), per_page, function(n)
    return string.format("%s/users?page=%d&per_page=%d%s", ctx.base_url, n, per_page, filters)
  end)
  return reply.json(200, { type = "user.list", users = data, total_count = total, pages = pages })
end

local function scroll_users(ctx)
  local page, param = scroll.page(ctx, "users", function() return users(ctx.st) end, SCROLL_PAGE)
  local data = json.array()
  for i, rec in ipairs(page) do data[i] = v1.user(ctx.st, rec) end
  return reply.json(200, { type = "user.list", users = data, scroll_param = param })
end

local function show(ctx)
  return reply.json(200, v1.user(ctx.st, v1.find_user(ctx.st, { id = ctx.params.id })))
end

local function upsert(ctx)
  return reply.json(200, v1.user(ctx.st, v1.upsert_user(ctx.st, ctx.body, ctx.now)))
end

-- DELETE /users/{id}: the user is gone; the answer is the user as it was.
local function delete(ctx)
  local rec = v1.find_user(ctx.st, { id = ctx.params.id })
  local shown = v1.user(ctx.st, rec)
  contacts.remove(ctx.st, rec)
  return reply.json(200, shown)
end

-- POST /user_delete_requests { intercom_user_id }: a permanent deletion of a
-- user or lead; the answer is the request's id.
local function hard_delete(ctx)
  local id = input.id(ctx.body, "intercom_user_id")
  local rec = contacts.find(ctx.st, id, "User Not Found")
  contacts.remove(ctx.st, rec)
  return reply.json(200, { id = math.tointeger(tonumber(store.next_number(ctx.st, "user_delete_request", 7301))) })
end

---- bulk jobs ----------------------------------------------------------------

-- One item of a bulk request; failures go to the job's error feed.
local function run_item(ctx, job, item)
  local ok, e = pcall(function()
    if item.method == "post" then
      v1.upsert_user(ctx.st, item.data, ctx.now)
    else
      local rec = v1.find_user(ctx.st, item.data)
      if not rec then reply.not_found("User Not Found") end
      contacts.remove(ctx.st, rec)
    end
  end)
  if ok then return end
  if not reply.is_failure(e) then error(e, 0) end
  local err = e.response.value.errors[1]
  job.errors[#job.errors + 1] = { data = json.copy(item.data), error = { code = err.code, message = err.message } }
end

-- POST /bulk/users { items = [{ method, data_type = "user", data }], job = { id } }:
-- a new job, or a new task on the open job named, in the shared store kind
-- "jobs" (model/jobs.lua), so GET /jobs/{id} and its error feed serve it.
-- Items are applied at once; the job reads "running" until polled.
local function bulk(ctx)
  local body = input.object(ctx.body)
  local items = body.items
  if not json.is_array(items) or #items == 0 then reply.invalid("items must be a non-empty array", "items") end
  for _, item in ipairs(items) do
    if not json.is_object(item) or (item.method ~= "post" and item.method ~= "delete") then
      reply.invalid("each item needs a method of 'post' or 'delete'", "items")
    end
    if item.data_type ~= "user" then reply.invalid("data_type must be 'user'", "items") end
    if not json.is_object(item.data) then reply.invalid("each item needs its data as an object", "items") end
  end
  local job
  if json.is_object(body.job) then
    job = store.get(ctx.st, "jobs", body.job.id)
    if not job then reply.not_found("Job Not Found") end
    if job.data_type ~= "user" then reply.invalid("that job is not a user job", "job") end
    if job.closing_at and ctx.now > job.closing_at then
      reply.fail(400, "job_closed", "The job is closed and takes no more items")
    end
  elseif not json.is_null(body.job) then
    reply.invalid("job must be an object with an id", "job")
  else
    job = jobs.task_job(ctx.st, "api_bulk_job", "user", ctx.now)
  end
  jobs.add_task(ctx.st, job, #items, ctx.now)
  for _, item in ipairs(items) do run_item(ctx, job, item) end
  return reply.json(202, jobs.render(ctx.st, job, ctx.base_url))
end

local gate = legacy.v1

return {
  { "GET /users", gate(list) },
  { "POST /users", gate(upsert) },
  { "GET /users/scroll", gate(scroll_users) },
  { "GET /users/{id}", gate(show) },
  { "DELETE /users/{id}", gate(delete) },
  { "POST /user_delete_requests", gate(hard_delete) },
  { "POST /bulk/users", gate(bulk) },
}
