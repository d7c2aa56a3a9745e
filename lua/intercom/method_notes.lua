-- The arguments and result of each hand-written method (op.custom in
-- lua/intercom/services/*.lua), for the generated reference: the generator
-- reads the requests from the definition and these two cells from here, and
-- fails when a hand-written method has no entry. Keys: "service:method" or
-- "type:method" (a method of objects of that type).
local increment = {
  args = "`key` (string, required), `by` (number, default 1); no request: the next save sends it",
  returns = "the object, with `custom_attributes[key]` changed",
}
local decrement = {
  args = "`key` (string, required), `by` (number, default 1); no request: the next save sends it",
  returns = "the object, with `custom_attributes[key]` changed",
}
local people_load = { args = "an object (only: an id has nothing to refresh)", returns = "the object, refreshed" }
local hard_delete = {
  args = "a user or lead, its id, or `{ id = }`; sends `intercom_user_id`",
  returns = "the object given (given an id: the API's answer)",
}
local leads_list = {
  args = "arguments go in the query",
  returns = "a lazy collection of leads (contacts whose role is user are left out), typed `lead`",
}

return {
  ["subscription_types:find"] = {
    args = "an id, `{ id = }` or a subscription type",
    returns = "the subscription type, picked out of GET /subscription_types (ResourceNotFound when absent)",
  },
  ["messages:create"] = {
    args = "an admin's message: `body` (required), `to` (required), `from`, `message_type`, `subject`, ...;"
      .. " or a contact's: `from = { type = \"user\"|\"lead\"|\"contact\", id }`, `body`, no `to`",
    returns = "the admin_message, or the user_message (sent to POST /conversations)",
  },
  ["messages:save"] = {
    args = "a table of message fields, as create",
    returns = "the admin_message",
  },
  ["admins:away"] = {
    args = "`(admin or id, settings)` or one table with `id`; settings: `away_mode_enabled`,"
      .. " `away_mode_reassign`, `away_status_reason_id`",
    returns = "the admin (an admin given is refreshed)",
  },
  ["articles:search"] = {
    args = "`phrase`, `state` (published, draft or all), `help_center_id`, `highlight`; or a phrase string",
    returns = "a lazy collection of articles (items at `data.articles`; highlights on each page)",
  },
  ["companies:find"] = {
    args = "an id, or `{ id = }`, `{ company_id = }` or `{ name = }`",
    returns = "a company",
  },
  ["companies:load"] = people_load,
  ["companies:update"] = {
    args = "a company (sends what changed), or `{ id = ..., field = ... }` (sends the fields given)",
    returns = "the company, refreshed (given a table: a company)",
  },
  ["companies:by_tag"] = { args = "a tag, its id, or `{ id = }`", returns = "a lazy collection of companies" },
  ["companies:by_segment"] = { args = "a segment, its id, or `{ id = }`", returns = "a lazy collection of companies" },
  ["company:increment"] = increment,
  ["company:decrement"] = decrement,
  ["contacts:find"] = {
    args = "an id, or `{ id = }`, `{ external_id = }`, or attributes to match (`{ email = }`, ...: a search)",
    returns = "a contact; ResourceNotFound when none matches",
  },
  ["contacts:merge"] = {
    args = "`(lead, user)`: two contacts, roles lead and user",
    returns = "the user, refreshed",
  },
  ["contact:increment"] = increment,
  ["contact:decrement"] = decrement,
  ["conversations:find_all"] = {
    args = "filters (`type`, `admin_id`, `intercom_user_id`, `open`, ...: API 2.5 and before), or `{ id = }`",
    returns = "a lazy collection of conversations (given only an id: that conversation)",
  },
  ["custom_object_instances:find"] = {
    args = "`{ type =, id = }` or `{ type =, external_id = }`, or an instance",
    returns = "an instance",
  },
  ["custom_object_instances:delete"] = {
    args = "an instance, or `{ type =, id = }` or `{ type =, external_id = }`",
    returns = "the API's answer (`id`, `object`, `deleted`)",
  },
  ["data_attributes:archive"] = { args = "a data attribute", returns = "the attribute, archived and refreshed" },
  ["events:create"] = {
    args = "`event_name`, one of `user_id`, `email`, `id`; `created_at` (default: now), `metadata`",
    returns = "nil (the API answers 202 with no body)",
  },
  ["events:save"] = {
    args = "as `create`",
    returns = "nil",
  },
  ["events:find_all"] = {
    args = "one of `intercom_user_id`, `user_id`, `email` (required); `summary = true`; `type` (default user)",
    returns = "a lazy collection of events, newest first (or their summaries), page links",
  },
  ["events:submit_bulk_job"] = {
    args = "`create_items` (table, required), `job_id`; `delete_items` is refused (API 1.x)",
    returns = "the job",
  },
  ["export_content:find"] = { args = "a job, or its `job_identifier`", returns = "the job" },
  ["export_content:load"] = { args = "a job", returns = "the job, refreshed" },
  ["export_content:cancel"] = { args = "a job, or its `job_identifier`", returns = "the job" },
  ["export_content:download"] = {
    args = "a job, or its `job_identifier`; asks for `application/octet-stream`",
    returns = "the file's bytes as they came (gzip'd CSV)",
  },
  ["fin:start"] = {
    args = "`conversation_id` (id, required), `user` (a table, or its id; required), `message` (a table, or"
      .. " the user's text, sent now; required), `attachments` (table), `conversation_metadata` (table)",
    returns = "an object: Fin's status and `sse_subscription_url`",
  },
  ["fin:reply"] = {
    args = "as `start`, without `conversation_metadata`",
    returns = "an object: Fin's status",
  },
  ["fin:submit_csat"] = {
    args = "`conversation_id` (id, required), `rating` (terrible, bad, ok, good or amazing; required), `remark`",
    returns = "an object",
  },
  ["fin_voice:find"] = {
    args = "an id, or `{ id = }`, `{ external_id = }` or `{ phone_number = }` (its most recent call)",
    returns = "a call",
  },
  ["fin_voice:for_conversation"] = {
    args = "a conversation or its id",
    returns = "an array of calls (the API answers a bare array, no paging)",
  },
  ["ip_allowlist:update"] = {
    args = "`enabled` (boolean), `ip_allowlist` (array of strings): replaces the settings",
    returns = "the settings",
  },
  ["ip_allowlist:save"] = {
    args = "the settings object from `find`, changed in place: sent whole",
    returns = "the settings, refreshed",
  },
  ["leads:all"] = leads_list,
  ["leads:find_all"] = leads_list,
  ["leads:scroll"] = {
    args = "none",
    returns = "a lazy collection of leads: scroll pages (API 1.x)",
  },
  ["leads:find"] = { args = "an id, or `{ id = }`", returns = "a lead" },
  ["leads:load"] = people_load,
  ["leads:create"] = { args = "a table, or nothing; `role` is lead unless given", returns = "a lead" },
  ["leads:save"] = {
    args = "a lead: with an id, `PUT` with what changed; without, created",
    returns = "the lead, refreshed",
  },
  ["leads:convert"] = {
    args = "`(lead, user)`: the user an object or identifiers (`{ email = }`, ...)",
    returns = "the user",
  },
  ["leads:request_hard_delete"] = hard_delete,
  ["phone_call_redirect:create"] = {
    args = "`phone_number` or `phone` (string, required; sent as `phone`), `custom_attributes`",
    returns = "an object with the Messenger's `url`",
  },
  ["phone_call_redirect:save"] = { args = "as `create`", returns = "as `create`" },
  ["reporting_data_exports:find"] = {
    args = "a job or its id; `{ app_id =, client_id = }` (strings: the workspace)",
    returns = "the job",
  },
  ["reporting_data_exports:load"] = {
    args = "a job; `{ app_id =, client_id = }` (strings: the workspace)",
    returns = "the job, refreshed",
  },
  ["reporting_data_exports:download"] = {
    args = "a job or its id; `{ app_id = }` (string: the workspace); asks for `application/octet-stream`",
    returns = "the CSV's bytes as they came",
  },
  ["tags:tag"] = {
    args = "`name` (string, required), `users` and/or `companies`: arrays of objects, ids or"
      .. " `{ id | email | user_id | company_id = }`",
    returns = "the tag",
  },
  ["tags:untag"] = {
    args = "as `tag`",
    returns = "the tag",
  },
  ["users:find"] = { args = "an id, or `{ id = }`, `{ email = }` or `{ user_id = }`", returns = "a user" },
  ["users:load"] = people_load,
  ["users:by_tag"] = { args = "a tag, its id, or `{ id = }`", returns = "a lazy collection of users" },
  ["users:by_segment"] = { args = "a segment, its id, or `{ id = }`", returns = "a lazy collection of users" },
  ["users:submit_bulk_job"] = {
    args = "`create_items`, `delete_items` (arrays of tables or objects; one required), `job_id`",
    returns = "the job",
  },
  ["users:request_hard_delete"] = hard_delete,
  ["user:increment"] = increment,
  ["user:decrement"] = decrement,
  ["visitors:find"] = {
    args = "`{ user_id = }` (2.15), or an id / `{ id = }` (API 2.6 and before)",
    returns = "a visitor",
  },
  ["visitors:load"] = {
    args = "a visitor: fetched again by its `user_id` (by `id` when it has none)",
    returns = "the visitor, refreshed",
  },
  ["visitors:save"] = {
    args = "a visitor (sends what changed and its `id`), or `{ id | user_id, ... }` (sent as it is)",
    returns = "the visitor, refreshed",
  },
  ["visitors:convert"] = {
    args = "`(visitor)`: into a lead; `(visitor, contact)`: into that user (an object, or `{ email = }`, ...)."
      .. " The visitor: an object, its `user_id`, or `{ user_id | id | email = }`",
    returns = "the contact",
  },
  ["visitor:increment"] = increment,
  ["visitor:decrement"] = decrement,
}
