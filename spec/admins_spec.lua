-- client.admins and admin objects, end to end against the sandbox, with the
-- wire format checked at the sandbox.
local harness = require "sandbox_harness"

describe("client.admins", function()
  local sandbox, client
  local ADA, GRACE, ALAN = "991267401", "991267402", "991267403"

  local h = harness.new({ token = "admins_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, bad_input, api_error = h.last, h.bad_input, h.api_error

  describe("all, find, me", function()
    it("lists every admin, without avatars unless asked", function()
      local admins = client.admins:all():to_array()
      assert.equal(3, #admins)
      assert.equal("admin", admins[1].type)
      assert.equal("ada@sandbox.example.com", admins[1].email)
      assert.is_nil(admins[1].avatar)
      assert.equal("GET /admins", last().method .. " " .. last().path)
      assert.equal("", last().raw_query)
      local with = client.admins:all{ display_avatar = true }:first()
      assert.equal("display_avatar=true", last().raw_query)
      assert.matches("^https://", with.avatar)
    end)

    it("finds by id, table or object, passing other arguments as the query", function()
      local ada = client.admins:find(ADA)
      assert.equal("Ada Lovelace", ada.name)
      assert.equal("/admins/" .. ADA, last().path)
      assert.equal(ada.email, client.admins:find{ id = ADA }.email)
      assert.equal(ada.email, client.admins:find(ada).email)
      local args = { id = GRACE, display_avatar = true }
      assert.equal("Grace Hopper", client.admins:find(args).name)
      assert.equal("display_avatar=true", last().raw_query)
      assert.same({ id = GRACE, display_avatar = true }, args) -- the gem deletes :id; we copy
    end)

    it("shows team membership with priority levels", function()
      local alan = client.admins:find(ALAN)
      assert.same({ 814866 }, alan.team_ids)
      assert.same({ 814866 }, alan.team_priority_level.primary_team_ids)
      assert.equal(403, alan.away_status_reason_id)
    end)

    it("raises AdminNotFound for an unknown admin", function()
      local err = api_error("AdminNotFound", function() client.admins:find("1") end, 404)
      assert.equal("admin_not_found", err.code)
    end)

    it("identifies the token's admin with /me", function()
      local me = client.admins:me()
      assert.equal(ADA, me.id)
      assert.equal("sandbox1", me.app.id_code)
      assert.equal("GET /me", last().method .. " " .. last().path)
    end)

    it("refuses bad arguments before sending", function()
      bad_input(function() client.admins:all{ display_avatar = "yes" } end, "display_avatar' must be a boolean")
      bad_input(function() client.admins:find(true) end, "admins:find")
      bad_input(function() client.admins:find{} end, "argument 'id'")
      bad_input(function() client.admins:find{ id = "" } end, "argument 'id'")
    end)
  end)

  describe("away", function()
    it("sets an admin away with a reason, which find then shows", function()
      local admin = client.admins:away{ id = GRACE, away_mode_enabled = true, away_mode_reassign = true,
        away_status_reason_id = "402" } -- an integer in API 2.15: the string of digits goes as one
      local req = last()
      assert.equal("PUT /admins/" .. GRACE .. "/away", req.method .. " " .. req.path)
      assert.same({ away_mode_enabled = true, away_mode_reassign = true, away_status_reason_id = 402 }, req.json)
      assert.equal("admin", admin.type)
      assert.is_true(admin.away_mode_enabled)
      local again = client.admins:find(GRACE)
      assert.is_true(again.away_mode_enabled)
      assert.is_true(again.away_mode_reassign)
      assert.equal(402, again.away_status_reason_id)
    end)

    it("takes the admin (object or id) and the settings apart, as the gem's keywords read", function()
      local grace = client.admins:find(GRACE)
      client.admins:away(grace, { away_mode_enabled = true, away_mode_reassign = false })
      assert.equal("/admins/" .. GRACE .. "/away", last().path)
      assert.same({ away_mode_enabled = true, away_mode_reassign = false }, last().json)
      local back = client.admins:away(ALAN, { away_mode_enabled = false, away_mode_reassign = false })
      assert.is_false(back.away_mode_enabled)
      assert.is_nil(back.away_status_reason_id) -- back at work: no reason
      assert.equal("/admins/" .. ALAN .. "/away", last().path)
    end)

    it("works on an admin object, which is refreshed", function()
      local grace = client.admins:find(GRACE)
      assert.equal(grace, grace:away{ away_mode_enabled = true, away_mode_reassign = false,
        away_status_reason_id = 401 })
      assert.equal("PUT /admins/" .. GRACE .. "/away", last().method .. " " .. last().path)
      assert.is_true(grace.away_mode_enabled)
      assert.equal(401, grace.away_status_reason_id)
    end)

    it("answers the API's errors", function()
      local err = api_error("BadRequestError", function()
        client.admins:away{ id = GRACE, away_mode_enabled = true, away_mode_reassign = false,
          away_status_reason_id = 405 }
      end)
      assert.equal("parameter_invalid", err.code)
      assert.matches("deleted", err.message)
      api_error("AdminNotFound", function()
        client.admins:away{ id = "12", away_mode_enabled = true, away_mode_reassign = false }
      end)
      assert.is_false(client.admins:find(GRACE).away_mode_enabled) -- nothing changed
    end)

    it("refuses bad arguments before sending", function()
      bad_input(function() client.admins:away{ id = GRACE, away_mode_reassign = false } end,
        "away_mode_enabled' is required")
      bad_input(function() client.admins:away{ id = GRACE, away_mode_enabled = "on", away_mode_reassign = false } end,
        "away_mode_enabled' must be a boolean")
      bad_input(function()
        client.admins:away(GRACE, { away_mode_enabled = true, away_mode_reassign = true, away_status_reason_id = {} })
      end, "away_status_reason_id")
      bad_input(function() client.admins:away(GRACE, "away") end, "settings' must be a table")
      bad_input(function() client.admins:away(nil, { away_mode_enabled = true }) end, "argument 'id'")
      bad_input(function() client.admins:away() end, "expected a table of arguments")
      local grace = client.admins:find(GRACE)
      bad_input(function() grace:away() end, "expected a table of arguments")
      bad_input(function() grace:away{ away_mode_enabled = true } end, "away_mode_reassign' is required")
    end)
  end)

  describe("activity_logs", function()
    it("lists the log newest first, between two dates", function()
      local logs = client.admins:activity_logs{ created_at_after = 1704067200, created_at_before = 1705000000 }
      local entries = logs:to_array()
      assert.is_true(#entries >= 3)
      for i, e in ipairs(entries) do
        assert.is_true(e.created_at >= 1704067200 and e.created_at <= 1705000000)
        if i > 1 then assert.is_true(entries[i - 1].created_at >= e.created_at) end
        assert.equal("admin", e.performed_by.type)
      end
      local req = last()
      assert.equal("GET /admins/activity_logs", req.method .. " " .. req.path)
      assert.same({ created_at_after = "1704067200", created_at_before = "1705000000" }, req.query)
    end)

    it("records away mode changes, and pages with the cursor", function()
      local since = os.time() - 5
      for i = 1, 24 do
        client.admins:away{ id = GRACE, away_mode_enabled = i % 2 == 1, away_mode_reassign = false }
      end
      sandbox:clear_requests()
      local seen, ids = 0, {}
      for e in client.admins:activity_logs{ created_at_after = since } do
        seen = seen + 1
        assert.equal("admin_away_mode_change", e.activity_type)
        assert.is_nil(ids[e.id], "an entry came twice")
        ids[e.id] = true
      end
      assert.equal(24, seen)
      local reqs = sandbox:requests()
      assert.equal(2, #reqs) -- 20 a page
      assert.is_nil(reqs[1].query.starting_after)
      assert.is_string(reqs[2].query.starting_after)
      assert.equal(tostring(since), reqs[2].query.created_at_after)
    end)

    it("needs created_at_after as an integer timestamp", function()
      bad_input(function() client.admins:activity_logs() end, "expected a table of arguments")
      bad_input(function() client.admins:activity_logs{} end, "created_at_after' is required")
      bad_input(function() client.admins:activity_logs{ created_at_after = "yesterday" } end,
        "created_at_after' must be an integer")
      bad_input(function() client.admins:activity_logs{ created_at_after = 1, created_at_before = 2.5 } end,
        "created_at_before' must be an integer")
    end)
  end)
end)
