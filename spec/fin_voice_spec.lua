-- client.fin_voice end to end against the sandbox: register a call, then
-- collect it by id, external id, phone number and conversation.
local harness = require "sandbox_harness"

describe("client.fin_voice", function()
  local client

  local h = harness.new({ token = "fin_voice_spec_token" }, function(c) client = c end)
  local last, bad_input, api_error = h.last, h.bad_input, h.api_error

  it("registers a call", function()
    local call = client.fin_voice:register{ phone_number = "+442079460958", call_id = "zp-7731",
      source = "zoom_phone", data = { queue = "billing" } }
    local req = last()
    assert.equal("POST /fin_voice/register", req.method .. " " .. req.path)
    assert.same({ phone_number = "+442079460958", call_id = "zp-7731", source = "zoom_phone",
      data = { queue = "billing" } }, req.json)
    assert.equal("integer", math.type(call.id))
    assert.equal("zp-7731", call.external_call_id)
    assert.equal("+442079460958", call.user_phone_number)
    assert.equal("registered", call.status)
    assert.is_string(call.intercom_call_id)
    local err = api_error(nil, function()
      client.fin_voice:register{ phone_number = "+442079460958", call_id = "zp-7731" }
    end, 409)
    assert.equal("conflict", err.code)
  end)

  it("finds a call by id, external id or phone number", function()
    local call = client.fin_voice:register{ phone_number = "+442079460958", call_id = "zp-1" }
    assert.equal("zp-1", client.fin_voice:find(call.id).external_call_id)
    assert.equal("GET /fin_voice/collect/" .. call.id, last().method .. " " .. last().path)
    assert.equal("zp-1", client.fin_voice:find{ id = call.id }.external_call_id)
    assert.equal(call.id, client.fin_voice:find{ external_id = "zp-1" }.id)
    assert.equal("GET /fin_voice/external_id/zp-1", last().method .. " " .. last().path)
    local seeded = client.fin_voice:find{ external_id = "ctr-5b21c9d0" }
    assert.equal("completed", seeded.status)
    assert.equal("fin", seeded.call_transcript[2].speaker)
    assert.equal("billing_question", seeded.intent[1].name)
  end)

  it("finds the most recent call for a phone number", function()
    client.fin_voice:register{ phone_number = "+14155550123", call_id = "f9-later" }
    local call = client.fin_voice:find{ phone_number = "+14155550123" }
    assert.equal("f9-later", call.external_call_id)
    local req = last()
    assert.equal("GET", req.method)
    assert.equal("/fin_voice/phone_number/%2B14155550123", req.path) -- "+" is escaped in a path
  end)

  it("lists a conversation's calls as an array", function()
    local calls = client.fin_voice:for_conversation("215467")
    assert.equal("GET /fin_voice/conversation/215467", last().method .. " " .. last().path)
    assert.equal(1, #calls)
    assert.equal("ctr-5b21c9d0", calls[1].external_call_id)
    assert.same({}, client.fin_voice:for_conversation(999))
  end)

  it("raises ResourceNotFound for calls it cannot match", function()
    api_error("ResourceNotFound", function() client.fin_voice:find(424242) end)
    api_error("ResourceNotFound", function() client.fin_voice:find{ external_id = "nope" } end)
    api_error(nil, function() client.fin_voice:find{ phone_number = "+10000000000" } end, 404)
    local err = api_error("BadRequestError", function()
      client.fin_voice:register{ phone_number = "+1", call_id = "c", source = "skype" }
    end)
    assert.equal("source", err.field)
  end)

  it("checks arguments before sending", function()
    bad_input(function() client.fin_voice:register() end, "expected a table of arguments, got nil")
    bad_input(function() client.fin_voice:register{ call_id = "c" } end, "argument 'phone_number' is required")
    bad_input(function() client.fin_voice:register{ phone_number = "+1" } end, "argument 'call_id' is required")
    bad_input(function() client.fin_voice:find{} end, "give an id, an external_id or a phone_number")
    bad_input(function() client.fin_voice:find() end, "argument 'id' must be a non%-empty string")
    bad_input(function() client.fin_voice:find{ phone_number = 14155550123 } end,
      "argument 'phone_number' must be a string")
    bad_input(function() client.fin_voice:for_conversation() end, "argument 'conversation_id' is required")
    bad_input(function() client.fin_voice:for_conversation{} end, "argument 'conversation_id' must be")
  end)
end)
