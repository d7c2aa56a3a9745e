-- GET /articles/search: which articles match a phrase (in the title, the
-- description or the text of the body, ignoring case), ranked title matches
-- first, and the highlighted title and summary the API returns with
-- highlight=true.
local json = require "intercom.sandbox.server.json"

local _M = {}

local ENTITIES = { amp = "&", lt = "<", gt = ">", quot = '"', apos = "'", nbsp = " " }

-- The text of an HTML body: tags dropped, the common entities decoded.
function _M.text(html)
  if type(html) ~= "string" then return "" end
  local s = html:gsub("<[^>]*>", " "):gsub("&(%a+);", function(name) return ENTITIES[name] end)
  s = s:gsub("%s+", " "):gsub(" ([%.,;:!?])", "%1"):gsub("^ ", ""):gsub(" $", "")
  return s
end

local function contains(text, phrase)
  return type(text) == "string" and text:lower():find(phrase:lower(), 1, true) ~= nil
end

-- 2 for a title match, 1 for a match elsewhere, nil for none; every article
-- matches an empty phrase.
function _M.rank(a, phrase)
  if phrase == nil or phrase == "" then return 1 end
  if contains(a.title, phrase) then return 2 end
  if contains(a.description, phrase) or contains(_M.text(a.body), phrase) then return 1 end
  return nil
end

-- text split into { type = "highlight" | "plain", text } runs around the phrase.
function _M.segments(text, phrase)
  local out = json.array()
  if text == "" then return out end
  if phrase == nil or phrase == "" then
    out[1] = { type = "plain", text = text }
    return out
  end
  local lower, needle = text:lower(), phrase:lower()
  local pos = 1
  while true do
    local s, e = lower:find(needle, pos, true)
    if not s then break end
    if s > pos then out[#out + 1] = { type = "plain", text = text:sub(pos, s - 1) } end
    out[#out + 1] = { type = "highlight", text = text:sub(s, e) }
    pos = e + 1
  end
  if pos <= #text then out[#out + 1] = { type = "plain", text = text:sub(pos) } end
  return out
end

local SUMMARY_CONTEXT = 60 -- characters kept on each side of the first match

-- A short extract of the body around the first match (its start if none).
function _M.summary(a, phrase)
  local text = _M.text(a.body)
  if text == "" then text = a.description or "" end
  local s = phrase and phrase ~= "" and text:lower():find(phrase:lower(), 1, true)
  if not s then return text:sub(1, 2 * SUMMARY_CONTEXT) end
  local from = math.max(1, s - SUMMARY_CONTEXT)
  local to = math.min(#text, s + #phrase + SUMMARY_CONTEXT)
  -- stay on UTF-8 character boundaries
  while from > 1 and (text:byte(from) or 0) >= 0x80 and (text:byte(from) or 0) < 0xC0 do from = from - 1 end
  while to < #text and (text:byte(to + 1) or 0) >= 0x80 and (text:byte(to + 1) or 0) < 0xC0 do to = to + 1 end
  return (from > 1 and "…" or "") .. text:sub(from, to) .. (to < #text and "…" or "")
end

function _M.highlight(a, phrase)
  return {
    article_id = a.id,
    highlighted_title = _M.segments(a.title, phrase),
    highlighted_summary = json.array { _M.segments(_M.summary(a, phrase), phrase) },
  }
end

return _M
