-- client.tickets and ticket objects against the sandbox. Seeded: ticket 7006
-- (a bug report from Carla, in progress, Grace's) and 7007 (Bob's refund
-- request, linked to conversation 7002); ticket types 31 Bug report
-- (Customer), 32 Refund request (Back-office), 33 Service incident (Tracker).
local harness = require "sandbox_harness"

local ADA, GRACE = "991267401", "991267402"
local IN_PROGRESS, RESOLVED = "8102", "8104"

describe("client.tickets", function()
  local client

  local h = harness.new({ token = "tickets_spec_token" }, function(c) client = c end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error

  local function new_bug(title)
    local ann = client.contacts:find{ email = "ann@example.com" }
    return client.tickets:create{ ticket_type_id = "31", contacts = { { id = ann.id } },
      ticket_attributes = { _default_title_ = title or "Dashboard is blank",
        _default_description_ = "The dashboard shows no charts since this morning." } }
  end

  describe("create, find, load", function()
    it("creates a ticket; type, state and parts read as typed objects", function()
      local ticket = new_bug()
      assert.equal("POST /tickets", line(last()))
      assert.equal("31", last().json.ticket_type_id)
      assert.equal("ticket", ticket.type)
      assert.matches("^intercom%.Ticket<", tostring(ticket))
      assert.matches("^intercom%.TicketType<31>", tostring(ticket.ticket_type))
      assert.matches("^intercom%.TicketState<8101>", tostring(ticket.ticket_state))
      assert.equal("submitted", ticket.ticket_state.category)
      assert.equal("Customer", ticket.category)
      assert.equal("Dashboard is blank", ticket.ticket_attributes._default_title_)
      assert.matches("^intercom%.TicketPart<", tostring(ticket.ticket_parts[1]))
      assert.is_string(ticket.ticket_id)
      assert.is_true(ticket.open)
      assert.equal("0", ticket.admin_assignee_id)
    end)

    it("creates a contact for an unknown email, and assigns", function()
      local ticket = client.tickets:create{ ticket_type_id = "32", contacts = { { email = "newcomer@example.org" } },
        ticket_attributes = { _default_title_ = "Refund order 88" }, assignment = { admin_assignee_id = ADA } }
      local who = client.contacts:find(ticket.contacts[1].id)
      assert.equal("newcomer@example.org", who.email)
      assert.equal("lead", who.role)
      assert.equal(ADA, ticket.admin_assignee_id)
      assert.equal("Back-office", ticket.category)
    end)

    it("answers the API's errors for tickets it cannot create", function()
      local ann = client.contacts:find{ email = "ann@example.com" }
      api_error("ResourceNotFound", function()
        client.tickets:create{ ticket_type_id = "999", contacts = { { id = ann.id } } }
      end, 404)
      api_error("BadRequestError", function() client.tickets:create{ ticket_type_id = "31", contacts = {} } end, 400)
      api_error("BadRequestError", function()
        client.tickets:create{ ticket_type_id = "31", contacts = { { id = ann.id } },
          ticket_attributes = { Colour = "red" } }
      end, 400)
    end)

    it("finds and loads", function()
      local ticket = client.tickets:find("7006")
      assert.equal("GET /tickets/7006", line(last()))
      assert.equal("CSV export drops the last row", ticket.ticket_attributes._default_title_)
      assert.equal("in_progress", ticket.ticket_state.category)
      assert.equal(GRACE, ticket.admin_assignee_id)
      assert.equal("7003", ticket.linked_objects[1].id)
      assert.equal(ticket.id, client.tickets:find{ id = "7006" }.id)
      client:put("/tickets/7006", { is_shared = false })
      assert.equal(ticket, client.tickets:load(ticket))
      assert.is_false(ticket.is_shared)
      api_error("ResourceNotFound", function() client.tickets:find("1") end, 404)
    end)
  end)

  describe("update, save, delete", function()
    it("updates the state, attributes and assignee", function()
      local ticket = client.tickets:update{ id = "7007", ticket_state_id = IN_PROGRESS, admin_id = ADA,
        assignee_id = GRACE, ticket_attributes = { Amount = 59.5 } }
      assert.equal("PUT /tickets/7007", line(last()))
      -- admin_id is an integer in PUT /tickets/{id} (API 2.15); assignee_id a string
      assert.same({ ticket_state_id = IN_PROGRESS, admin_id = 991267401, assignee_id = GRACE,
        ticket_attributes = { Amount = 59.5 } }, last().json)
      assert.equal("in_progress", ticket.ticket_state.category)
      assert.equal(GRACE, ticket.admin_assignee_id)
      assert.equal(59.5, ticket.ticket_attributes.Amount)
      local parts = ticket.ticket_parts
      local changed
      for _, p in ipairs(parts) do
        if p.part_type == "ticket_state_updated_by_admin" and p.ticket_state == "in_progress" then changed = p end
      end
      assert.equal("submitted", changed.previous_ticket_state)
      api_error("BadRequestError", function() client.tickets:update{ id = "7007", ticket_state_id = "1" } end, 400)
    end)

    it("saves what changed on the object", function()
      local ticket = client.tickets:find("7006")
      ticket.ticket_attributes.Browser = "Safari 17.3"
      ticket.ticket_state_id = RESOLVED
      ticket.open = false
      client.tickets:save(ticket)
      assert.equal("PUT /tickets/7006", line(last()))
      assert.same({ ticket_attributes = { Browser = "Safari 17.3" }, ticket_state_id = RESOLVED, open = false },
        last().json)
      assert.equal("resolved", ticket.ticket_state.category)
      assert.is_false(ticket.open)
    end)

    it("deletes", function()
      local answer = client.tickets:delete("7006")
      assert.equal("DELETE /tickets/7006", line(last()))
      assert.same({ id = "7006", object = "ticket", deleted = true }, answer:to_table())
      api_error("ResourceNotFound", function() client.tickets:find("7006") end, 404)
      assert.equal(0, #client.conversations:find("7003").linked_objects)
    end)
  end)

  describe("search", function()
    it("searches by type, state, title and attribute", function()
      local function ids(q)
        local out = {}
        for t in client.tickets:search{ query = q } do out[#out + 1] = t.id end
        table.sort(out)
        return out
      end
      assert.same({ "7006" }, ids{ field = "ticket_type_id", operator = "=", value = "31" })
      assert.same({ "7007" }, ids{ field = "state", operator = "=", value = "submitted" })
      assert.same({ "7006" }, ids{ field = "title", operator = "~", value = "csv" })
      assert.same({ "7007" }, ids{ field = "category", operator = "=", value = "task" })
      assert.same({ "7006", "7007" }, ids{ field = "open", operator = "=", value = true })
      local req = last()
      assert.equal("POST /tickets/search", line(req))
      assert.equal(150, req.json.pagination.per_page)
    end)

    it("pages through the body's pagination", function()
      for i = 1, 3 do new_bug("bug " .. i) end
      local seen = {}
      for t in client.tickets:search{ query = { field = "open", operator = "=", value = true }, per_page = 2,
        sort_field = "created_at", sort_order = "descending" } do
        assert.is_nil(seen[t.id])
        seen[t.id] = true
        seen[#seen + 1] = t.id
      end
      assert.equal(5, #seen)
      assert.is_string(last().json.pagination.starting_after)
      api_error("BadRequestError", function()
        client.tickets:search{ query = { field = "colour", operator = "=", value = 1 } }:first()
      end, 400)
    end)
  end)

  describe("replies, enqueue, tags", function()
    it("replies as an admin and as the ticket's contact", function()
      local part = client.tickets:reply{ id = "7006", type = "admin", admin_id = GRACE, message_type = "comment",
        body = "<p>A fix is rolling out today.</p>" }
      assert.equal("POST /tickets/7006/reply", line(last()))
      assert.same({ type = "admin", admin_id = GRACE, message_type = "comment",
        body = "<p>A fix is rolling out today.</p>" }, last().json)
      assert.equal("ticket_part", part.type)
      assert.equal("comment", part.part_type)
      assert.equal("Grace Hopper", part.author.name)
      local carla = client.contacts:find{ email = "carla@example.org" }
      part = client.tickets:reply{ id = "7006", type = "user", intercom_user_id = carla.id, message_type = "comment",
        body = "<p>Thank you!</p>" }
      assert.equal("user", part.author.type)
    end)

    it("refuses a contact's reply on a back-office ticket", function()
      local bob = client.contacts:find{ email = "bob@example.com" }
      local err = api_error("BadRequestError", function()
        client.tickets:reply{ id = "7007", type = "user", intercom_user_id = bob.id, message_type = "comment",
          body = "hello?" }
      end, 400)
      assert.equal("parameter_mismatch", err.code)
    end)

    it("enqueues a ticket and answers with a job", function()
      local ann = client.contacts:find{ email = "ann@example.com" }
      local job = client.tickets:enqueue{ ticket_type_id = "33", contacts = { { id = ann.id } },
        ticket_attributes = { _default_title_ = "Login page is slow" } }
      assert.equal("POST /tickets/enqueue", line(last()))
      assert.equal("job", job.type)
      assert.equal("ticket", job.resource_type)
      assert.equal("Login page is slow", client.tickets:find(job.resource_id).ticket_attributes._default_title_)
      local status = client.jobs:status(job.id) -- the job can be looked up afterwards
      assert.equal("success", status.status)
      assert.equal(job.resource_id, status.resource_id)
    end)

    it("tags and untags from the object", function()
      local ticket = client.tickets:find("7006")
      local tag = ticket:add_tag{ id = "101", admin_id = ADA }
      assert.equal("POST /tickets/7006/tags", line(last()))
      assert.same({ id = "101", admin_id = ADA }, last().json)
      assert.equal("VIP", tag.name)
      local removed = ticket:remove_tag{ id = "101", admin_id = ADA }
      assert.equal("DELETE /tickets/7006/tags/101", line(last()))
      assert.same({ admin_id = ADA }, last().json)
      assert.equal("101", removed.id)
      api_error("ResourceNotFound", function() ticket:remove_tag{ id = "101", admin_id = ADA } end, 404)
      local part = ticket:reply{ type = "admin", admin_id = ADA, message_type = "note", body = "<p>internal</p>" }
      assert.equal("note", part.part_type)
    end)
  end)

  describe("bad input", function()
    it("names the argument and what was expected", function()
      bad_input(function() client.tickets:create() end, "tickets:create: expected a table of arguments, got nil")
      bad_input(function() client.tickets:update{ id = "7007", admin_id = "ada" } end,
        "tickets:update: argument 'admin_id' must be an integer id")
      bad_input(function() client.tickets:create{ contacts = {} } end, "argument 'ticket_type_id' is required")
      bad_input(function() client.tickets:create{ ticket_type_id = "31" } end, "argument 'contacts' is required")
      bad_input(function() client.tickets:enqueue{ ticket_type_id = true, contacts = {} } end,
        "argument 'ticket_type_id' must be a non%-empty")
      bad_input(function() client.tickets:find() end, "argument 'id' must be a non%-empty")
      bad_input(function() client.tickets:update{ id = "7006", open = "no" } end, "argument 'open' must be a boolean")
      bad_input(function() client.tickets:reply{ id = "7006", type = "admin" } end,
        "argument 'message_type' is required")
      bad_input(function() client.tickets:search{ query = {}, per_page = "2" } end, "per_page' must be an integer")
      bad_input(function() client.tickets:delete{} end, "argument 'id' must be a non%-empty")
      local ticket = client.tickets:find("7006")
      bad_input(function() ticket:add_tag{ id = "101" } end, "ticket:add_tag: argument 'admin_id' is required")
      bad_input(function() ticket:remove_tag{ id = "101" } end, "ticket:remove_tag: argument 'admin_id' is required")
    end)
  end)
end)
