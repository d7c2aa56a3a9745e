-- client.teams against the sandbox: teams list their members, the admins
-- whose team_ids name them.
local harness = require "sandbox_harness"

describe("client.teams", function()
  local sandbox, client

  local h = harness.new({ token = "teams_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last = h.last

  it("lists the teams, with the seeded admins as members", function()
    local teams = client.teams:all():to_array()
    assert.equal(2, #teams)
    assert.equal("GET /teams", last().method .. " " .. last().path)
    for _, team in ipairs(teams) do
      assert.equal("team", team.type)
      for _, admin_id in ipairs(team.admin_ids) do
        local admin = client.admins:find(string.format("%d", admin_id))
        local member = false
        for _, tid in ipairs(admin.team_ids) do member = member or tostring(tid) == team.id end
        assert.is_true(member, admin.name .. " is not in " .. team.name)
      end
    end
    assert.same({ 991267401, 991267402 }, teams[1].admin_ids)
  end)

  it("finds a team by id, table or object", function()
    local support = client.teams:find("814865")
    assert.equal("Support", support.name)
    assert.equal("GET /teams/814865", last().method .. " " .. last().path)
    assert.equal(15, support.assignment_limit)
    assert.equal("Support", client.teams:find{ id = 814865 }.name)
    assert.equal("Support", client.teams:find(support).name)
  end)

  it("raises ResourceNotFound (team_not_found) for an unknown team", function()
    local ok, err = pcall(client.teams.find, client.teams, "42")
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
    assert.equal("team_not_found", err.code)
  end)

  it("refuses bad arguments before sending", function()
    local before = #sandbox:requests()
    for _, bad in ipairs({ false, {}, { id = 1.5 } }) do
      local ok, err = pcall(client.teams.find, client.teams, bad)
      assert.is_false(ok)
      assert.equal("ArgumentError", err.class)
      assert.matches("teams:find", err.message)
    end
    assert.equal(before, #sandbox:requests())
  end)
end)
