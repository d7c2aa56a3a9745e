-- client.sections: the legacy /help_center/sections (API 2.10 and older),
-- against the sandbox, which answers them only to such a version.
local intercom = require "intercom"
local harness = require "sandbox_harness"

describe("client.sections (legacy)", function()
  local sandbox, client

  local h = harness.new({ token = "sections_spec_token", api_version = "2.6" },
    function(c, s) client, sandbox = c, s end)
  local last, bad_input, api_error = h.last, h.bad_input, h.api_error

  it("lists the sections: collections inside a top-level collection", function()
    local sections = client.sections:all():to_array()
    assert.equal("GET /help_center/sections", last().method .. " " .. last().path)
    assert.equal("2.6", last().headers["intercom-version"])
    assert.equal(1, #sections)
    assert.equal("section", sections[1].type)
    assert.equal("Invoices", sections[1].name)
    assert.equal(4102, sections[1].parent_id)
  end)

  it("creates, finds, saves, updates and deletes a section", function()
    local s = client.sections:create{ name = "Refunds", parent_id = 4102 }
    assert.equal("POST /help_center/sections", last().method .. " " .. last().path)
    assert.same({ name = "Refunds", parent_id = 4102 }, last().json)
    assert.equal("section", s.type)
    assert.equal("Refunds", client.sections:find(s.id).name)
    assert.equal("GET /help_center/sections/" .. s.id, last().method .. " " .. last().path)
    s.name = "Refunds and credits"
    client.sections:save(s)
    assert.equal("PUT /help_center/sections/" .. s.id, last().method .. " " .. last().path)
    assert.same({ name = "Refunds and credits" }, last().json)
    local moved = client.sections:update{ id = s.id, parent_id = 4101 }
    assert.equal(4101, moved.parent_id)
    assert.equal(s, client.sections:delete(s))
    assert.equal("DELETE /help_center/sections/" .. s.id, last().method .. " " .. last().path)
    local ok, err = pcall(client.sections.find, client.sections, s.id)
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
    local answer = client.sections:archive("4104")
    assert.equal("section", answer.object)
    assert.is_true(answer.deleted)
  end)

  it("is a sub-collection seen from API 2.15", function()
    local s = client.sections:create{ name = "Receipts", parent_id = 4102 }
    local now = intercom.new{ token = "t", transport = sandbox:transport() }
    assert.equal("4102", now.collections:find(s.id).parent_id)
  end)

  it("is gone from newer versions: ResourceNotFound", function()
    for _, version in ipairs({ "2.11", "2.15" }) do
      local newer = intercom.new{ token = "t", transport = sandbox:transport(), api_version = version, max_retries = 0 }
      local ok, err = pcall(function() return newer.sections:all():first() end)
      assert.is_false(ok)
      assert.equal("ResourceNotFound", err.class)
      ok, err = pcall(newer.sections.create, newer.sections, { name = "x", parent_id = 4101 })
      assert.is_false(ok)
      assert.equal(404, err.http_code)
    end
    local ten = intercom.new{ token = "t", transport = sandbox:transport(), api_version = "2.10" }
    assert.equal("Invoices", ten.sections:find("4104").name)
  end)

  -- The gem's README creates a section with translations and no parent_id:
  -- the call goes out as the gem sends it, and API 2.6, which requires
  -- parent_id, answers 400.
  it("sends a section without parent_id, as the gem's README does, and raises the API's answer", function()
    local err = api_error("BadRequestError", function()
      client.sections:create{ name = "New Section",
        translated_content = { fr = { name = "Nouvelle section" }, es = { name = "Nueva sección" } } }
    end, 400)
    assert.equal("POST /help_center/sections", last().method .. " " .. last().path)
    assert.is_nil(last().json.parent_id)
    assert.equal("parameter_invalid", err.code)
    assert.equal("Parent ID can't be nil", err.message)
    assert.equal("parent_id", err.field)
    local s = client.sections:create{ name = "New Section", parent_id = "4102" } -- the README's string id
    assert.equal(4102, last().json.parent_id) -- an integer in API 2.6
    assert.equal(4102, s.parent_id)
  end)

  it("answers the API's errors", function()
    local ok, err = pcall(client.sections.create, client.sections, { name = "Deep", parent_id = 4104 })
    assert.is_false(ok)
    assert.equal("BadRequestError", err.class) -- a section's parent is a collection, not a section
    ok, err = pcall(client.sections.find, client.sections, "4101") -- a top-level collection
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
  end)

  it("refuses bad arguments before sending", function()
    bad_input(function() client.sections:create{ name = "x", parent_id = "faq" } end,
      "sections:create: argument 'parent_id' must be an integer id")
    bad_input(function() client.sections:create{ parent_id = 4101 } end, "'name' is required")
    bad_input(function() client.sections:update{ id = "4104", name = 3 } end, "'name' must be a string")
    bad_input(function() client.sections:find() end, "argument 'id'")
  end)
end)
