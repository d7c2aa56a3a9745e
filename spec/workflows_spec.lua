-- client.workflows end to end against the sandbox: exporting a workflow.
local harness = require "sandbox_harness"

describe("client.workflows", function()
  local sandbox, client

  harness.new({ token = "workflows_spec_token" }, function(c, s) client, sandbox = c, s end)

  it("exports a workflow's whole configuration", function()
    local export = client.workflows:export("318822")
    local req = sandbox:requests()[#sandbox:requests()]
    assert.equal("GET /export/workflows/318822", req.method .. " " .. req.path)
    assert.equal("1.0", export.export_version)
    assert.equal("integer", math.type(export.app_id))
    assert.matches("^%d%d%d%d%-%d%d%-%d%dT%d%d:%d%d:%d%dZ$", export.exported_at)
    local w = export.workflow
    assert.equal("318822", w.id)
    assert.equal("Route billing questions", w.title)
    assert.equal("live", w.state)
    assert.same({ "chat", "email" }, w.target_channels)
    assert.equal(3, #w.embedded_rules)
    assert.equal("draft", client.workflows:export{ id = "318907" }.workflow.state)
  end)

  it("raises ResourceNotFound for an unknown workflow", function()
    local ok, err = pcall(client.workflows.export, client.workflows, "999")
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
    assert.equal("Workflow not found", err.message)
  end)

  it("checks arguments before sending", function()
    local before = #sandbox:requests()
    local ok, err = pcall(client.workflows.export, client.workflows)
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.matches("workflows:export: argument 'id' must be a non%-empty string", err.message)
    ok, err = pcall(client.workflows.export, client.workflows, {})
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.equal(before, #sandbox:requests())
  end)
end)
