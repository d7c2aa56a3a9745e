-- Operations of API 2.16 that fit the existing services, named in their
-- style. The sandbox serves 2.15, so the wire is checked here over a fake
-- transport; every other 2.16 operation is reachable with client:get/post/...
local core = require "intercom.core"
local fake_transport = require "fake_transport"

local function object(t) return { status = 200, body = t } end

describe("API 2.16 operations", function()
  local fake, client

  before_each(function()
    fake = fake_transport.new()
    fake.handler = function(req)
      if req.url:find("/tickets/") and req.method == "GET" then
        return object({ type = "ticket", id = "t1" })
      end
      return object({ type = "list", data = { { type = "item", id = "1" } } })
    end
    client = fake_transport.client(fake, { api_version = "2.16" })
  end)

  -- The last request: "VERB path?query", decoded body.
  local function sent()
    local req = fake.requests[#fake.requests]
    local body = req.body and core.json_decode(req.body) or nil
    return req.method .. " " .. req.url:gsub("^https://api%.example%.test", ""), body
  end

  local function resource(type_name, id)
    return core.resource({ type = type_name, id = id }, client)
  end

  it("merges a conversation into another", function()
    client.conversations:merge{ id = "c1", merge_into_conversation_id = "c2" }
    local line, body = sent()
    assert.equal("POST /conversations/c1/merge", line)
    assert.same({ merge_into_conversation_id = "c2" }, body)
  end)

  it("lists deleted conversations and a conversation's side conversations", function()
    client.conversations:deleted{ order = "desc" }:first()
    assert.equal("GET /conversations/deleted?order=desc&per_page=150", (sent()))
    resource("conversation", "c1"):side_conversations():first()
    assert.equal("GET /conversations/c1/side_conversations", (sent()))
  end)

  it("changes a ticket's type and links conversations to it", function()
    local ticket = resource("ticket", "t1")
    ticket:change_type{ ticket_type_id = "33", ticket_state_id = "4" }
    local line, body = sent()
    assert.equal("POST /tickets/t1/change_type", line)
    assert.same({ ticket_type_id = "33", ticket_state_id = "4" }, body)
    ticket:link_conversation{ conversation_id = "c9" }
    line, body = sent()
    assert.equal("POST /tickets/t1/linked_conversations", line)
    assert.same({ conversation_id = "c9" }, body)
    ticket:unlink_conversation("c9")
    assert.equal("DELETE /tickets/t1/linked_conversations/c9", (sent()))
  end)

  it("notes a company, measures a team, reads a contact's merge history", function()
    resource("company", "co1"):create_note{ body = "<p>renewal</p>" }
    local line, body = sent()
    assert.equal("POST /companies/co1/notes", line)
    assert.same({ body = "<p>renewal</p>" }, body)
    client.teams:metrics{ id = "814865", idle_threshold = 300 }
    assert.equal("GET /teams/814865/metrics?idle_threshold=300", (sent()))
    resource("contact", "ct1"):merge_history():first()
    assert.equal("GET /contacts/ct1/merge_history", (sent()))
  end)

  it("tags articles and internal articles", function()
    local article = resource("article", "a1")
    article:add_tag{ id = "101" }
    local line, body = sent()
    assert.equal("POST /articles/a1/tags", line)
    assert.same({ id = "101" }, body)
    article:remove_tag("101")
    assert.equal("DELETE /articles/a1/tags/101", (sent()))
    resource("internal_article", "i1"):add_tag{ id = "101", admin_id = "991267401" }
    assert.equal("POST /internal_articles/i1/tags", (sent()))
    resource("internal_article", "i1"):remove_tag{ id = "101" }
    assert.equal("DELETE /internal_articles/i1/tags/101", (sent()))
  end)

  it("reads activity log event types and searches the log", function()
    client.admins:activity_log_event_types()
    assert.equal("GET /admins/activity_log_event_types", (sent()))
    fake.handler = function() return object({ type = "activity_log.list", activity_logs = { { id = "l1" } } }) end
    local first = client.admins:search_activity_logs{ created_at_after = 1700000000, per_page = 5 }:first()
    local line, body = sent()
    assert.equal("POST /admins/activity_logs/search", line)
    assert.same({ created_at_after = 1700000000, per_page = 5 }, body)
    assert.equal("l1", first.id)
  end)

  it("checks their arguments before sending", function()
    for _, call in ipairs({
      function() client.conversations:merge{ id = "c1" } end,
      function() resource("ticket", "t1"):change_type{ ticket_type_id = "33" } end,
      function() resource("ticket", "t1"):link_conversation{} end,
      function() resource("company", "co1"):create_note{} end,
      function() client.admins:search_activity_logs{} end,
    }) do
      local ok, err = pcall(call)
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class)
    end
    assert.equal(0, #fake.requests)
  end)
end)
