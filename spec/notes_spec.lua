-- client.notes end to end against the sandbox.
local harness = require "sandbox_harness"

describe("client.notes", function()
  local sandbox, client

  local h = harness.new({ token = "notes_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last = h.last

  it("finds a note on a contact by id, as a table or from an object", function()
    local ann = client.contacts:find{ email = "ann@example.com" }
    local made = ann:create_note{ body = "<p>Wants a demo of the API.</p>" }
    local note = client.notes:find(made.id)
    assert.equal("note", note.type)
    assert.equal("<p>Wants a demo of the API.</p>", note.body)
    assert.equal(ann.id, note.contact.id)
    assert.equal("admin", note.author.type)
    assert.equal("integer", math.type(note.created_at))
    assert.equal("GET /notes/" .. made.id, last().method .. " " .. last().path)
    assert.equal(made.id, client.notes:find{ id = made.id }.id)
    assert.equal(made.id, client.notes:find(note).id)
  end)

  it("finds a note on a company", function()
    local acme = client.companies:find{ company_id = "acme-1" }
    local first = acme:notes():first()
    local note = client.notes:find(first.id)
    assert.equal(acme.id, note.company.id)
    assert.is_nil(note.contact)
  end)

  it("raises ResourceNotFound for an unknown note and refuses bad input", function()
    local ok, err = pcall(client.notes.find, client.notes, "424242")
    assert.is_false(ok)
    assert.equal("ResourceNotFound", err.class)
    local before = #sandbox:requests()
    ok, err = pcall(client.notes.find, client.notes, { id = {} })
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.matches("notes:find", err.message)
    ok, err = pcall(client.notes.find, client.notes)
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
    assert.equal(before, #sandbox:requests())
  end)
end)
