-- Export jobs (content data exports and reporting data exports): made
-- pending, moved along by status polls, with a file to download at the end.
-- Records: { id, kind, status, polls, created_at, completed_at, ... }.
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"
local store = require "intercom.sandbox.model.store"

local _M = {}

_M.EXPIRES_SECONDS = 2 * 86400 -- a finished export can be downloaded for two days

local ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"

-- A 16-character job identifier like the API's ("k3v9x0m2q8w1z7ty").
function _M.new_identifier(st)
  repeat
    local chars = {}
    for i = 1, 16 do
      local n = math.random(1, #ALPHABET)
      chars[i] = ALPHABET:sub(n, n)
    end
    local id = table.concat(chars)
    if not (st.data_exports or {})[id] and not (st.reporting_exports or {})[id] then return id end
  until false
end

function _M.iso(t)
  return os.date("!%Y-%m-%dT%H:%M:%SZ", t)
end

-- steps: the statuses a job passes through, one per status poll; the last one
-- is where it stays. finish(rec) may answer another final status (no_data).
function _M.poll(rec, now, steps, finish)
  if rec.done then return rec end
  rec.polls = (rec.polls or 0) + 1
  local status = steps[math.min(rec.polls + 1, #steps)]
  if rec.polls + 1 >= #steps then
    rec.done, rec.completed_at = true, now
    status = finish and finish(rec) or status
  end
  rec.status = status
  return rec
end

function _M.count_active(st, kind, finished)
  local n = 0
  for _, rec in pairs(st[kind] or {}) do
    if not finished[rec.status] then n = n + 1 end
  end
  return n
end

function _M.render(rec, download_url)
  local ready = rec.done and rec.has_file
  return {
    job_identifier = rec.id, status = rec.status,
    download_url = ready and download_url or "",
    download_expires_at = ready and _M.iso(rec.completed_at + _M.EXPIRES_SECONDS) or "",
  }
end

function _M.find(st, kind, id, message)
  local rec = store.get(st, kind, id)
  if not rec then reply.not_found(message or ("Export job not found for identifier: " .. tostring(id))) end
  return rec
end

-- A file as the download answers it: bytes with a content type that is not JSON.
function _M.file(bytes, content_type, filename)
  return { status = 200, headers = {
    ["Content-Type"] = content_type,
    ["Content-Disposition"] = ('attachment; filename="%s"'):format(filename),
  }, body = bytes }
end

-- One CSV field, quoted when it must be.
function _M.csv_field(v)
  if v == nil or v == json.null then return "" end
  v = tostring(v)
  if v:find('[,"\n]') then return '"' .. v:gsub('"', '""') .. '"' end
  return v
end

function _M.csv(rows)
  local lines = {}
  for i, row in ipairs(rows) do
    local fields = {}
    for j, v in ipairs(row) do fields[j] = _M.csv_field(v) end
    lines[i] = table.concat(fields, ",")
  end
  return table.concat(lines, "\n") .. "\n"
end

return _M
