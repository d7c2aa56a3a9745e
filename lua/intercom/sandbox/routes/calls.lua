-- /calls: the seeded phone calls (fixtures/conversations.lua), page by page;
-- a call's recording (302 to a signed URL) and transcript (text/plain); the
-- calls of some conversations, transcripts included.
local input = require "intercom.sandbox.server.input"
local json = require "intercom.sandbox.server.json"
local paging = require "intercom.sandbox.search.paging"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"
local urlcode = require "intercom.sandbox.server.urlcode"

local null, array = json.null, json.array

local orn = json.or_null

local function render(ctx, c)
  local base = ctx.base_url .. "/calls/" .. c.id
  return {
    type = "call", id = c.id, conversation_id = orn(c.conversation_id), admin_id = orn(c.admin_id),
    contact_id = orn(c.contact_id), phone = c.phone, direction = c.direction, call_type = c.call_type,
    state = c.state, ended_reason = orn(c.ended_reason), initiated_at = c.initiated_at,
    answered_at = c.answered_at, ended_at = c.ended_at, created_at = c.created_at, -- not nullable in 2.15
    updated_at = c.updated_at, recording_url = c.recording and base .. "/recording" or null,
    transcription_url = c.transcript and base .. "/transcript" or null,
    fin_recording_url = null, fin_transcription_url = null,
  }
end

local function find(ctx)
  local c = store.get(ctx.st, "calls", ctx.params.id)
  if not c then reply.not_found("Call not found") end
  return c
end

local function newest_first(st)
  local calls = store.list(st, "calls")
  table.sort(calls, function(a, b) return a.seq > b.seq end)
  return calls
end

-- Page numbers (at most 25 a page); pages.next is left out, as the API does.
local function list(ctx)
  local per_page = paging.per_page(ctx.query.per_page, 25, 25)
  local page = paging.page_number(ctx.query.page)
  local items, pages, total = paging.number_page(newest_first(ctx.st), page, per_page, function() return nil end)
  local data = array()
  for i, c in ipairs(items) do data[i] = render(ctx, c) end
  return reply.json(200, { type = "list", data = data, total_count = total, pages = pages })
end

local function show(ctx)
  return reply.json(200, render(ctx, find(ctx)))
end

-- A signed, short-lived URL, as the API redirects to.
local function recording(ctx)
  local c = find(ctx)
  if not c.recording then reply.not_found("Recording not found") end
  local expires = ctx.now + 300
  local signature = string.format("%08x%08x", (tonumber(c.id) * 2654435761) % 0x100000000, expires % 0x100000000)
  local location = ("https://recordings.sandbox.example.com/calls/%s/recording.mp3?expires=%d&signature=%s")
    :format(urlcode.encode(c.id), expires, signature)
  return { status = 302, headers = { Location = location, ["Content-Type"] = "text/plain; charset=utf-8" }, body = "" }
end

local function clock(seconds)
  return string.format("%02d:%02d:%02d", seconds // 3600, seconds // 60 % 60, seconds % 60)
end

local function transcript(ctx)
  local c = find(ctx)
  if not c.transcript then reply.not_found("Transcript not found") end
  local lines = {}
  for i, l in ipairs(c.transcript) do lines[i] = ("[%s] %s: %q"):format(clock(l.at), l.speaker, l.text) end
  return {
    status = 200,
    headers = {
      ["Content-Type"] = "text/plain; charset=utf-8",
      ["Content-Disposition"] = ("attachment; filename=transcription_data-%s.txt"):format(os.date("!%Y-%m-%d",
        c.created_at)),
    },
    body = table.concat(lines, "\n") .. "\n",
  }
end

local function search(ctx)
  local body = input.object(ctx.body)
  local ids = body.conversation_ids
  if not json.is_array(ids) or #ids == 0 then
    reply.invalid("conversation_ids must be a list of 1 to 20 conversation ids", "conversation_ids")
  end
  if #ids > 20 then reply.invalid("conversation_ids takes at most 20 ids", "conversation_ids") end
  local wanted = {}
  for _, id in ipairs(ids) do
    if type(id) ~= "string" and math.type(id) ~= "integer" then
      reply.invalid("conversation_ids must be a list of ids", "conversation_ids")
    end
    wanted[tostring(id)] = true
  end
  local data = array()
  for _, c in ipairs(newest_first(ctx.st)) do
    if c.conversation_id and wanted[c.conversation_id] then
      local o = render(ctx, c)
      o.transcript = array()
      for i, l in ipairs(c.transcript or {}) do
        o.transcript[i] = { timestamp = clock(l.at), speaker = l.speaker, speaker_type = l.role, text = l.text }
      end
      o.transcript_status = c.transcript and "completed" or null
      data[#data + 1] = o
    end
  end
  return reply.json(200, { type = "list", data = data })
end

return {
  { "GET /calls", list },
  { "POST /calls/search", search },
  { "GET /calls/{id}", show },
  { "GET /calls/{id}/recording", recording },
  { "GET /calls/{id}/transcript", transcript },
}
