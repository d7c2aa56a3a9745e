-- client.calls: phone calls, their recordings and transcripts. API 2.15: /calls.
local op = require "intercom.operation"

return {
  ops = {
    all = op.list { "GET /calls", paging = "pages", per_page = 25 },
    find = op.call { "GET /calls/{call_id}", target = "call_id", returns = "object!" },
    -- The API answers 302 to a signed URL: that URL is returned, not followed.
    recording = op.call { "GET /calls/{call_id}/recording", target = "call_id", returns = "location" },
    -- A text/plain download, returned as a string.
    transcript = op.call { "GET /calls/{call_id}/transcript", target = "call_id", returns = "text" },
    -- The calls of up to 20 conversations, each with its transcript.
    search = op.list { "POST /calls/search", needs_args = true, args = { conversation_ids = "table!" } },
  },
}
