-- client.calls against the sandbox. Seeded: call 501 (Carla, inbound, with a
-- recording and a transcript, conversation 7003), 502 (Ann, outbound, a
-- transcript but no recording, 7001), 503 (Dev, missed, 7005).
local harness = require "sandbox_harness"

describe("client.calls", function()
  local sandbox, client

  local h = harness.new({ token = "calls_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error

  it("lists calls, asking for 25 a page", function()
    local ids = {}
    for call in client.calls:all() do ids[#ids + 1] = call.id end
    assert.same({ "503", "502", "501" }, ids)
    assert.equal("GET /calls", line(last()))
    assert.equal("25", last().query.per_page)
  end)

  it("pages by page number", function()
    sandbox:clear_requests()
    local ids = {}
    for call in client.calls:all{ per_page = 1 } do ids[#ids + 1] = call.id end
    assert.same({ "503", "502", "501" }, ids)
    local requests = sandbox:requests()
    assert.equal(3, #requests)
    assert.is_nil(requests[1].query.page)
    assert.equal("2", requests[2].query.page)
    assert.equal("3", requests[3].query.page)
  end)

  it("finds a call", function()
    local call = client.calls:find("501")
    assert.equal("GET /calls/501", line(last()))
    assert.equal("call", call.type)
    assert.equal("7003", call.conversation_id)
    assert.equal("inbound", call.direction)
    assert.equal("integer", math.type(call.answered_at))
    assert.matches("/calls/501/recording$", call.recording_url)
    assert.is_nil(client.calls:find{ id = "503" }.answered_at)
    api_error("ResourceNotFound", function() client.calls:find("1") end, 404)
  end)

  it("returns the recording's URL from the 302, without following it", function()
    local location = client.calls:recording("501")
    assert.equal("GET /calls/501/recording", line(last()))
    assert.matches("^https://recordings%.sandbox%.example%.com/calls/501/recording%.mp3%?expires=%d+&signature=%x+$",
      location)
    assert.equal(1, #sandbox:requests()) -- the redirect was not followed
    api_error("ResourceNotFound", function() client.calls:recording("502") end, 404)
  end)

  it("returns the transcript as text", function()
    local text = client.calls:transcript(client.calls:find("501"))
    assert.equal("GET /calls/501/transcript", line(last()))
    assert.equal("string", type(text))
    assert.matches('^%[00:00:03%] Grace Hopper: "Hi Carla', text)
    local count = select(2, text:gsub("\n", ""))
    assert.equal(5, count)
    api_error("ResourceNotFound", function() client.calls:transcript("503") end, 404)
  end)

  it("searches the calls of conversations, with transcripts", function()
    local calls = client.calls:search{ conversation_ids = { "7003", "7005", "7002" } }:to_array()
    assert.equal("POST /calls/search", line(last()))
    assert.same({ conversation_ids = { "7003", "7005", "7002" } }, last().json)
    assert.equal(2, #calls)
    assert.equal("503", calls[1].id)
    assert.is_nil(calls[1].transcript_status)
    assert.equal(0, #calls[1].transcript)
    assert.equal("completed", calls[2].transcript_status)
    assert.equal("Carla Diaz", calls[2].transcript[2].speaker)
    local many = {}
    for i = 1, 21 do many[i] = tostring(i) end
    api_error("BadRequestError", function() client.calls:search{ conversation_ids = many }:to_array() end, 400)
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.calls:find() end, "calls:find: argument 'id' must be a non%-empty")
    bad_input(function() client.calls:recording(true) end, "calls:recording: expected an intercom object")
    bad_input(function() client.calls:transcript{} end, "argument 'id' must be a non%-empty")
    bad_input(function() client.calls:search() end, "calls:search: expected a table of arguments, got nil")
    bad_input(function() client.calls:search{} end, "argument 'conversation_ids' is required")
    bad_input(function() client.calls:search{ conversation_ids = "7003" } end,
      "argument 'conversation_ids' must be a table")
  end)
end)
