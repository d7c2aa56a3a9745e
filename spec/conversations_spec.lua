-- client.conversations and conversation objects, end to end against the
-- sandbox, with the wire format (verb, path, query, body) checked at the
-- sandbox. The seeded inbox (fixtures/conversations.lua): 7001 Ann's SSO
-- question (closed), 7002 Bob's double charge (open, assigned to Ada, with
-- handling events), 7003 Carla's phone call (snoozed), 7004 Alan's message
-- to Eve (admin-initiated), 7005 Dev's email (unassigned).
local intercom = require "intercom"
local sandbox_module = require "intercom.sandbox"
local harness = require "sandbox_harness"

local ADA, GRACE = "991267401", "991267402"

describe("client.conversations", function()
  local sandbox, client

  local h = harness.new({ token = "conversations_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error

  local function contact(email)
    return client.contacts:find{ email = email }
  end

  local function parts_of(conv)
    return conv.conversation_parts
  end

  describe("create, find, load", function()
    it("creates a conversation from a contact and answers with the message", function()
      local ann = contact("ann@example.com")
      local message = client.conversations:create{ from = { type = "user", id = ann.id },
        body = "<p>Where can I download my invoices?</p>" }
      assert.equal("user_message", message.type)
      assert.equal("inapp", message.message_type)
      assert.is_string(message.conversation_id)
      assert.equal("POST /conversations", line(last()))
      assert.same({ from = { type = "user", id = ann.id }, body = "<p>Where can I download my invoices?</p>" },
        last().json)
      local conv = client.conversations:find(message.conversation_id)
      assert.equal("<p>Where can I download my invoices?</p>", conv.source.body)
      assert.equal(ann.id, conv.contacts[1].id)
      assert.equal("customer_initiated", conv.source.delivered_as)
      assert.equal("open", conv.state)
      assert.equal("integer", math.type(conv.waiting_since))
    end)

    it("refuses a conversation from an unknown contact or without a body", function()
      api_error("ResourceNotFound", function()
        client.conversations:create{ from = { type = "user", id = "000000000000000000000000" }, body = "hi" }
      end, 404)
      local ann = contact("ann@example.com")
      api_error("BadRequestError", function()
        client.conversations:create{ from = { type = "robot", id = ann.id }, body = "hi" }
      end, 400)
    end)

    it("finds by id, object or table, with extra arguments in the query", function()
      local conv = client.conversations:find{ id = "7002", display_as = "plaintext" }
      assert.equal("GET /conversations/7002", line(last()))
      assert.same({ display_as = "plaintext" }, last().query)
      assert.equal("I think I was charged twice for January. Can you check invoice 4417?", conv.source.body)
      assert.equal("7002", client.conversations:find(conv).id)
      assert.equal("7002", client.conversations:find("7002").id)
      local args = { id = "7002" }
      client.conversations:find(args)
      assert.same({ id = "7002" }, args)
    end)

    it("reads parts, statistics and source as typed objects", function()
      local conv = client.conversations:find("7001")
      assert.matches("^intercom%.ConversationStatistics", tostring(conv.statistics))
      assert.equal("conversation_statistics", conv.statistics.type)
      assert.equal(6, conv.statistics.count_conversation_parts)
      assert.equal(0, conv.statistics.count_reopens)
      assert.equal(GRACE, conv.statistics.last_closed_by_id)
      assert.equal(1200, conv.statistics.time_to_admin_reply) -- Grace answered after 20 minutes
      assert.matches("^intercom%.Conversation<40001>", tostring(conv.source)) -- typed by its "type"
      assert.equal("Ann Lee", conv.source.author.name)
      local parts = parts_of(conv)
      assert.equal(5, #parts)
      assert.matches("^intercom%.ConversationPart<", tostring(parts[1]))
      assert.same({ "assignment", "comment", "comment", "note", "close" },
        { parts[1].part_type, parts[2].part_type, parts[3].part_type, parts[4].part_type, parts[5].part_type })
      assert.equal(GRACE, parts[1].assigned_to.id)
      assert.equal("Grace Hopper", parts[2].author.name)
      assert.equal("VIP", conv.tags[1].name)
      assert.equal(5, conv.conversation_rating.rating)
      assert.equal(991267402, conv.admin_assignee_id)
      assert.is_false(conv.open)
    end)

    it("loads an object again", function()
      local conv = client.conversations:find("7005")
      client:put("/conversations/7005", { title = "Rate limits" })
      assert.equal(conv, client.conversations:load(conv))
      assert.equal("Rate limits", conv.title)
      assert.equal("GET /conversations/7005", line(last()))
    end)

    it("raises ResourceNotFound for an unknown conversation", function()
      local err = api_error("ResourceNotFound", function() client.conversations:find("1") end, 404)
      assert.equal("not_found", err.code)
    end)
  end)

  describe("all and search", function()
    it("walks every conversation, newest first, asking for 150 a page", function()
      local ids = {}
      for conv in client.conversations:all() do ids[#ids + 1] = conv.id end
      assert.same({ "7005", "7004", "7003", "7002", "7001" }, ids)
      assert.equal("GET /conversations", line(last()))
      assert.equal("150", last().query.per_page)
      assert.is_nil(client.conversations:all():first().conversation_parts) -- lists leave the parts out
    end)

    it("pages with cursors, with no duplicates or gaps", function()
      local ann = contact("ann@example.com")
      for i = 1, 4 do
        client.conversations:create{ from = { type = "user", id = ann.id }, body = "<p>question " .. i .. "</p>" }
      end
      sandbox:clear_requests()
      local seen, count = {}, 0
      for conv in client.conversations:all{ per_page = 2 } do
        assert.is_nil(seen[conv.id], "duplicate " .. conv.id)
        seen[conv.id] = true
        count = count + 1
      end
      assert.equal(9, count)
      local requests = sandbox:requests()
      assert.equal(5, #requests)
      assert.is_nil(requests[1].query.starting_after)
      assert.is_string(requests[2].query.starting_after)
      assert.equal("2", requests[5].query.per_page)
    end)

    it("searches with the query language, nested and sorted", function()
      local found = client.conversations:search{
        query = { operator = "AND", value = {
          { field = "open", operator = "=", value = true },
          { operator = "OR", value = {
            { field = "admin_assignee_id", operator = "=", value = 991267401 },
            { field = "source.type", operator = "IN", value = { "email", "phone_call" } },
          } },
        } },
        sort_field = "created_at", sort_order = "ascending",
      }:to_array()
      local ids = {}
      for i, c in ipairs(found) do ids[i] = c.id end
      assert.same({ "7002", "7003", "7005" }, ids)
      local req = last()
      assert.equal("POST /conversations/search", line(req))
      assert.same({ field = "created_at", order = "ascending" }, req.json.sort)
      assert.equal(150, req.json.pagination.per_page)
    end)

    it("matches source.body word by word, and tags and contacts by id", function()
      local ids = function(q)
        local out = {}
        for c in client.conversations:search{ query = q } do out[#out + 1] = c.id end
        table.sort(out)
        return out
      end
      assert.same({ "7002" }, ids{ field = "source.body", operator = "=", value = "charged" })
      assert.same({ "7001" }, ids{ field = "tag_ids", operator = "=", value = "101" })
      assert.same({ "7004" }, ids{ field = "contact_ids", operator = "=", value = contact("eve@example.com").id })
      assert.same({ "7001", "7003" }, ids{ field = "teammate_ids", operator = "IN", value = { GRACE } })
    end)

    it("pages search results through the body's pagination", function()
      local seen = {}
      local coll = client.conversations:search{ query = { field = "id", operator = "!=", value = "0" }, per_page = 2 }
      for c in coll do seen[#seen + 1] = c.id end
      assert.equal(5, #seen)
      local req = last()
      assert.equal(2, req.json.pagination.per_page)
      assert.is_string(req.json.pagination.starting_after)
    end)

    it("answers 400 for a field conversations cannot be searched by", function()
      local err = api_error("BadRequestError", function()
        client.conversations:search{ query = { field = "favourite_colour", operator = "=", value = "red" } }:first()
      end, 400)
      assert.equal("parameter_invalid", err.code)
    end)
  end)

  describe("save, update, mark_read", function()
    it("saves what changed", function()
      local conv = client.conversations:find("7002")
      conv.title = "Refund for invoice 4417"
      conv.custom_attributes.order_ref = "A-4417"
      client.conversations:save(conv)
      assert.equal("PUT /conversations/7002", line(last()))
      assert.same({ title = "Refund for invoice 4417", custom_attributes = { order_ref = "A-4417" } }, last().json)
      assert.equal("A-4417", client.conversations:find("7002").custom_attributes.order_ref)
    end)

    it("creates with save when the object has no id", function()
      local ann = contact("ann@example.com")
      local message = client.conversations:save{ from = { type = "user", id = ann.id }, body = "<p>hello</p>" }
      assert.equal("POST /conversations", line(last()))
      assert.equal("user_message", message.type)
    end)

    it("updates with arguments, and marks read", function()
      local conv = client.conversations:update{ id = "7005", title = "Raise the limit", read = true }
      assert.same({ title = "Raise the limit", read = true }, last().json)
      assert.equal("Raise the limit", conv.title)
      assert.is_false(client.conversations:find("7004").read)
      local marked = client.conversations:mark_read("7004")
      assert.equal("PUT /conversations/7004", line(last()))
      assert.same({ read = true }, last().json)
      assert.is_true(marked.read)
    end)

    it("answers 400 for a field that cannot be updated", function()
      api_error("BadRequestError", function() client.conversations:update{ id = "7002", state = "closed" } end, 400)
    end)
  end)

  describe("replies", function()
    it("replies as an admin, without adding the id to the body (the gem does)", function()
      local conv = client.conversations:reply{ id = "7005", type = "admin", admin_id = ADA,
        message_type = "comment", body = "<p>We can raise it to 1,000 a minute.</p>" }
      assert.equal("POST /conversations/7005/reply", line(last()))
      assert.same({ type = "admin", admin_id = ADA, message_type = "comment",
        body = "<p>We can raise it to 1,000 a minute.</p>" }, last().json)
      local parts = parts_of(conv)
      assert.equal("<p>We can raise it to 1,000 a minute.</p>", parts[#parts].body)
      assert.equal("admin", parts[#parts].author.type)
      assert.is_nil(conv.waiting_since)
      assert.is_number(conv.statistics.time_to_admin_reply)
    end)

    it("replies as a contact, which reopens a closed conversation", function()
      local ann = contact("ann@example.com")
      local conv = client.conversations:reply{ id = "7001", type = "user", intercom_user_id = ann.id,
        message_type = "comment", body = "<p>One more thing about SSO...</p>" }
      assert.equal("open", conv.state)
      assert.equal(1, conv.statistics.count_reopens)
      assert.equal("user", parts_of(conv)[#parts_of(conv)].author.type)
    end)

    it("replies to a contact's last conversation", function()
      local conv = client.conversations:reply_to_last{ type = "user", email = "bob@example.com",
        message_type = "comment", body = "<p>Any news on the refund?</p>" }
      assert.equal("POST /conversations/last/reply", line(last()))
      assert.equal("7002", conv.id)
      assert.equal("<p>Any news on the refund?</p>", parts_of(conv)[#parts_of(conv)].body)
    end)

    it("answers the API's errors for replies it cannot take", function()
      api_error("AdminNotFound", function()
        client.conversations:reply{ id = "7005", type = "admin", admin_id = "1", message_type = "comment", body = "x" }
      end, 404)
      api_error("BadRequestError", function()
        client.conversations:reply{ id = "7005", type = "admin", admin_id = ADA, message_type = "shout", body = "x" }
      end, 400)
      api_error("BadRequestError", function() -- Ann is not in Dev's conversation
        client.conversations:reply{ id = "7005", type = "user", email = "ann@example.com", message_type = "comment",
          body = "x" }
      end, 400)
    end)
  end)

  describe("open, close, snooze, assign (POST /conversations/{id}/parts; the gem posts to /reply)", function()
    it("closes with a message and opens again", function()
      local conv = client.conversations:close{ id = "7005", admin_id = ADA, body = "<p>Limit raised.</p>" }
      assert.equal("POST /conversations/7005/parts", line(last()))
      assert.same({ message_type = "close", type = "admin", admin_id = ADA, body = "<p>Limit raised.</p>" },
        last().json)
      assert.equal("closed", conv.state)
      assert.is_false(conv.open)
      assert.equal(ADA, conv.statistics.last_closed_by_id)
      conv = client.conversations:open{ id = "7005", admin_id = ADA }
      assert.same({ message_type = "open", admin_id = ADA }, last().json)
      assert.equal("open", conv.state)
      assert.equal(1, conv.statistics.count_reopens)
    end)

    it("snoozes until a time", function()
      local conv = client.conversations:snooze{ id = "7002", admin_id = ADA, snoozed_until = 1893456000 }
      assert.same({ message_type = "snoozed", admin_id = ADA, snoozed_until = 1893456000 }, last().json)
      assert.equal("snoozed", conv.state)
      assert.equal(1893456000, conv.snoozed_until)
      assert.equal("snoozed", parts_of(conv)[#parts_of(conv)].part_type)
    end)

    it("assigns to an admin or a team, and unassigns with 0", function()
      local conv = client.conversations:assign{ id = "7005", admin_id = ADA, assignee_id = GRACE }
      assert.same({ message_type = "assignment", type = "admin", admin_id = ADA, assignee_id = GRACE }, last().json)
      assert.equal(991267402, conv.admin_assignee_id)
      assert.equal(1, conv.statistics.count_assignments)
      conv = client.conversations:assign{ id = "7005", admin_id = ADA, assignee_id = "814865", type = "team" }
      assert.equal("team", last().json.type)
      assert.equal(814865, conv.team_assignee_id)
      conv = client.conversations:assign{ id = "7005", admin_id = ADA, assignee_id = "0" }
      assert.is_nil(conv.admin_assignee_id)
      api_error("AdminNotFound", function()
        client.conversations:assign{ id = "7005", admin_id = ADA, assignee_id = "5" }
      end, 404)
    end)

    it("checks what the gem checks, and what the API requires, before sending", function()
      bad_input(function() client.conversations:snooze{ id = "7002", admin_id = ADA } end,
        "conversations:snooze: argument 'snoozed_until' is required")
      bad_input(function() client.conversations:snooze{ id = "7002", admin_id = ADA, snoozed_until = "soon" } end,
        "argument 'snoozed_until' must be an integer")
      bad_input(function() client.conversations:assign{ id = "7002", admin_id = ADA } end,
        "conversations:assign: argument 'assignee_id' is required")
      bad_input(function() client.conversations:open{ id = "7002" } end, "argument 'admin_id' is required")
      bad_input(function() client.conversations:close("7002") end, "argument 'admin_id' is required")
      bad_input(function() client.conversations:open() end, "expected a table of arguments, got nil")
      bad_input(function() client.conversations:close{ admin_id = ADA } end, "argument 'id' must be a non%-empty")
    end)
  end)

  describe("legacy endpoints", function()
    it("runs assignment rules with an API version that had them (before 2.12)", function()
      local old = intercom.new{ token = "t", transport = sandbox:transport(), api_version = "2.6", max_retries = 0 }
      local conv = old.conversations:run_assignment_rules("7001")
      assert.equal("POST /conversations/7001/run_assignment_rules", line(last()))
      assert.equal("2.6", last().headers["intercom-version"])
      assert.equal("", last().body) -- API 2.6 declares no body
      assert.is_nil(last().headers["content-type"])
      assert.equal("open", conv.state) -- it reopens a closed conversation
      assert.is_number(conv.admin_assignee_id)
      api_error("ResourceNotFound", function() client.conversations:run_assignment_rules("7001") end, 404)
    end)

    it("find_all filters with API 2.5 and below, and is a find with an id", function()
      local ann = contact("ann@example.com")
      local old = intercom.new{ token = "t", transport = sandbox:transport(), api_version = "2.5", max_retries = 0 }
      local ids = {}
      for conv in old.conversations:find_all{ type = "user", intercom_user_id = ann.id } do ids[#ids + 1] = conv.id end
      assert.same({ "7001" }, ids)
      assert.equal("GET /conversations", line(last()))
      assert.same({ type = "user", intercom_user_id = ann.id }, last().query)
      local open = old.conversations:find_all{ type = "admin", admin_id = ADA, open = true }:to_array()
      assert.equal(1, #open)
      assert.equal("7002", open[1].id)
      -- newer versions ignore the filters, as the API ignores unknown parameters
      assert.equal(5, #client.conversations:find_all{ type = "user", intercom_user_id = ann.id }:to_array())
      local one = client.conversations:find_all{ id = "7003" }
      assert.equal("GET /conversations/7003", line(last()))
      assert.equal("7003", one.id)
      bad_input(function() client.conversations:find_all() end, "argument 'params' is required")
    end)
  end)

  describe("delete, redact, convert, handling events", function()
    it("deletes, answering with what was deleted", function()
      local answer = client.conversations:delete("7004")
      assert.equal("DELETE /conversations/7004", line(last()))
      assert.is_true(answer.deleted)
      assert.equal("7004", answer.id)
      api_error("ResourceNotFound", function() client.conversations:find("7004") end, 404)
      assert.equal("7002", client.tickets:find("7007").linked_objects[1].id)
      client.conversations:delete{ id = "7002" }
      assert.equal(0, #client.tickets:find("7007").linked_objects) -- the ticket no longer links to it
    end)

    it("redacts a part and a contact's source message", function()
      local part = parts_of(client.conversations:find("7002"))[3]
      assert.equal("comment", part.part_type)
      local conv = client.conversations:redact{ type = "conversation_part", conversation_id = "7002",
        conversation_part_id = part.id }
      assert.equal("POST /conversations/redact", line(last()))
      assert.same({ type = "conversation_part", conversation_id = "7002", conversation_part_id = part.id }, last().json)
      local redacted = parts_of(conv)[3]
      assert.is_true(redacted.redacted)
      assert.not_equal(part.body, redacted.body)
      conv = client.conversations:redact{ type = "source", conversation_id = "7002", source_id = conv.source.id }
      assert.is_true(conv.source.redacted)
      assert.not_matches("4417", conv.source.body)
    end)

    it("refuses to redact what cannot be", function()
      api_error("BadRequestError", function() -- an admin wrote this source
        client.conversations:redact{ type = "source", conversation_id = "7004", source_id = "40004" }
      end, 400)
      local err = api_error("ResourceNotFound", function()
        client.conversations:redact{ type = "conversation_part", conversation_id = "7002", conversation_part_id = "1" }
      end, 404)
      assert.equal("conversation_part_or_message_not_found", err.code)
      bad_input(function() client.conversations:redact{ type = "source" } end,
        "argument 'conversation_id' is required")
    end)

    it("converts to a ticket of a customer ticket type", function()
      local ticket = client.conversations:convert{ id = "7005", ticket_type_id = "31",
        attributes = { _default_title_ = "Raise the API rate limit" } }
      assert.equal("POST /conversations/7005/convert", line(last()))
      assert.same({ ticket_type_id = "31", attributes = { _default_title_ = "Raise the API rate limit" } },
        last().json)
      assert.equal("ticket", ticket.type)
      assert.equal("Bug report", ticket.ticket_type.name)
      assert.equal("Raise the API rate limit", ticket.ticket_attributes._default_title_)
      assert.equal("7005", ticket.linked_objects[1].id)
      local conv = client.conversations:find("7005")
      assert.equal(ticket.id, conv.linked_objects[1].id)
      api_error("BadRequestError", function() client.conversations:convert{ id = "7005", ticket_type_id = "32" } end,
        400)
    end)

    it("lists handling events", function()
      local events = client.conversations:handling_events("7002"):to_array()
      assert.equal("GET /conversations/7002/handling_events", line(last()))
      assert.equal(2, #events)
      assert.equal("paused", events[1].type)
      assert.equal("Lunch break", events[1].reason)
      assert.equal("Ada Lovelace", events[1].teammate.name)
      assert.matches("^%d%d%d%d%-%d%d%-%d%dT", events[2].timestamp)
      assert.equal(0, #client.conversations:handling_events{ id = "7005" }:to_array())
    end)
  end)

  describe("a conversation's own methods", function()
    it("tags and untags, sending admin_id in the DELETE body", function()
      local conv = client.conversations:find("7005")
      local tag = conv:add_tag{ id = "103", admin_id = ADA }
      assert.equal("POST /conversations/7005/tags", line(last()))
      assert.same({ id = "103", admin_id = ADA }, last().json)
      assert.equal("tag", tag.type)
      assert.equal("Churn risk", tag.name)
      assert.equal(ADA, tag.applied_by.id)
      assert.equal(2, #client.conversations:find("7005").tags)
      local removed = conv:remove_tag{ id = "103", admin_id = ADA }
      assert.equal("DELETE /conversations/7005/tags/103", line(last()))
      assert.same({ admin_id = ADA }, last().json)
      assert.equal("103", removed.id)
      assert.equal(1, #client.conversations:find("7005").tags)
      api_error("ResourceNotFound", function() conv:remove_tag{ id = "103", admin_id = ADA } end, 404)
    end)

    it("adds and removes a participant; the last one stays", function()
      local conv = client.conversations:find("7005")
      local bob = contact("bob@example.com")
      local after = conv:add_contact{ admin_id = ADA, customer = { intercom_user_id = bob.id } }
      assert.equal("POST /conversations/7005/customers", line(last()))
      assert.same({ admin_id = ADA, customer = { intercom_user_id = bob.id } }, last().json)
      assert.equal(2, #after.contacts)
      after = conv:remove_contact{ id = bob.id, admin_id = ADA }
      assert.equal("DELETE /conversations/7005/customers/" .. bob.id, line(last()))
      assert.same({ admin_id = ADA }, last().json)
      assert.equal(1, #after.contacts)
      local err = api_error("BadRequestError", function()
        conv:remove_contact{ id = after.contacts[1].id, admin_id = ADA }
      end, 400)
      assert.equal("Removing the last customer is not allowed", err.message)
    end)

    it("replies, converts and lists handling events from the object", function()
      local conv = client.conversations:find("7002")
      local updated = conv:reply{ type = "admin", admin_id = ADA, message_type = "note", body = "<p>Refund sent.</p>" }
      assert.equal("POST /conversations/7002/reply", line(last()))
      assert.equal("note", parts_of(updated)[#parts_of(updated)].part_type)
      assert.equal(2, #conv:handling_events():to_array())
      local ticket = conv:convert{ ticket_type_id = "31" }
      assert.equal("POST /conversations/7002/convert", line(last()))
      assert.equal("Double charge in January", ticket.ticket_attributes._default_title_)
    end)

    it("checks arguments before sending", function()
      local conv = client.conversations:find("7005")
      bad_input(function() conv:add_tag{ id = "101" } end, "conversation:add_tag: argument 'admin_id' is required")
      bad_input(function() conv:remove_tag{ id = "101" } end,
        "conversation:remove_tag: argument 'admin_id' is required")
      bad_input(function() conv:remove_tag{ admin_id = ADA } end, "argument 'id' must be a non%-empty")
      bad_input(function() conv:add_contact{ admin_id = ADA } end, "argument 'customer' is required")
      bad_input(function() conv:remove_contact{ admin_id = ADA } end, "argument 'id' must be a non%-empty")
      bad_input(function() conv:reply{ type = "admin" } end, "argument 'message_type' is required")
      bad_input(function() conv:convert{} end, "argument 'ticket_type_id' is required")
    end)
  end)

  describe("bad input to the service", function()
    it("names the argument and what was expected", function()
      bad_input(function() client.conversations:find(true) end, "conversations:find: expected an intercom object")
      bad_input(function() client.conversations:find{ id = "7001", display_as = 1 } end,
        "argument 'display_as' must be a string")
      bad_input(function() client.conversations:create() end, "expected a table of arguments, got nil")
      bad_input(function() client.conversations:create{ body = "hi" } end, "argument 'from' is required")
      bad_input(function() client.conversations:create{ from = {}, body = 5 } end, "argument 'body' must be a string")
      bad_input(function() client.conversations:reply{ id = "7001", message_type = "comment" } end,
        "argument 'type' is required")
      bad_input(function() client.conversations:reply_to_last{ type = "user" } end,
        "argument 'message_type' is required")
      bad_input(function() client.conversations:search{} end, "argument 'query' is required")
      bad_input(function() client.conversations:update{ id = "7001", read = "yes" } end,
        "argument 'read' must be a boolean")
      bad_input(function() client.conversations:delete() end, "argument 'id' must be a non%-empty")
      bad_input(function() client.conversations:save("7001") end, "argument 'object' must be an intercom object")
      bad_input(function() client.conversations:mark_read(1.5) end, "got a number")
      bad_input(function() client.conversations:handling_events() end, "argument 'id' must be a non%-empty")
    end)
  end)

  it("starts with an empty inbox, but ticket types, in a sandbox without seeded contacts", function()
    local bare = sandbox_module.start{ port = 0, seed = false }
    local c = intercom.new{ token = "t", base_url = bare.url, max_retries = 0 }
    local ok, err = pcall(function()
      assert.is_nil(c.conversations:all():first())
      assert.is_nil(c.calls:all():first())
      assert.equal(3, #c.ticket_types:all():to_array())
      local lead = c.contacts:create{ role = "lead", name = "First visitor" }
      local message = c.conversations:create{ from = { type = "lead", id = lead.id }, body = "<p>hello</p>" }
      assert.equal(message.conversation_id, c.conversations:all():first().id)
    end)
    bare:stop()
    assert(ok, err)
  end)
end)
