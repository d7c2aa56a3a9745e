-- client.away_status_reasons against the sandbox.
local harness = require "sandbox_harness"

describe("client.away_status_reasons", function()
  local sandbox, client

  harness.new({ token = "away_spec_token" }, function(c, s) client, sandbox = c, s end)

  it("lists every reason, deleted ones included, in order", function()
    local reasons = client.away_status_reasons:all():to_array()
    local req = sandbox:requests()[1]
    assert.equal("GET /away_status_reasons", req.method .. " " .. req.path)
    assert.equal(5, #reasons)
    local deleted = 0
    for i, r in ipairs(reasons) do
      assert.equal("away_status_reason", r.type)
      assert.equal(i, r.order)
      assert.is_string(r.emoji)
      if r.deleted then deleted = deleted + 1 end
    end
    assert.equal(1, deleted)
  end)

  it("gives ids that admins:away accepts, except a deleted one", function()
    for r in client.away_status_reasons:all() do
      local ok, err = pcall(client.admins.away, client.admins,
        { id = "991267402", away_mode_enabled = true, away_mode_reassign = false, away_status_reason_id = r.id })
      assert.equal(not r.deleted, ok, tostring(err))
    end
  end)

  it("refuses arguments of the wrong kind", function()
    local ok, err = pcall(client.away_status_reasons.all, client.away_status_reasons, "all")
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.equal(0, #sandbox:requests())
  end)
end)
