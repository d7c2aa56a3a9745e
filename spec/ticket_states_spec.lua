-- client.ticket_states against the sandbox (more in ticket_types_spec.lua).
local harness = require "sandbox_harness"

describe("client.ticket_states", function()
  local sandbox, client

  harness.new({ token = "ticket_states_spec_token" }, function(c, s) client, sandbox = c, s end)

  it("lists every state in one request, and a new ticket type shows in each", function()
    client.ticket_types:create{ name = "Onboarding", category = "Back-office" }
    sandbox:clear_requests()
    local states = client.ticket_states:all():to_array()
    local requests = sandbox:requests()
    assert.equal(1, #requests)
    assert.equal("GET", requests[1].method)
    assert.equal("/ticket_states", requests[1].path)
    assert.equal(4, #states)
    for _, s in ipairs(states) do
      assert.equal("ticket_state", s.type)
      local names = {}
      for _, tt in ipairs(s.ticket_types) do names[tt.name] = true end
      assert.is_true(names.Onboarding)
    end
  end)

  it("takes no arguments it cannot send", function()
    local ok, err = pcall(client.ticket_states.all, client.ticket_states, "open")
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
  end)
end)
