-- Sends the sandbox's webhook deliveries: one POST per job, over luasocket
-- (loaded when the first delivery goes out), or through a transport function
-- (request -> response | nil, failure, as intercom.transport describes) that
-- a test gives sb:deliver{ transport = fn }.
--
-- run(jobs_json) is what the HTTP front's delivery thread calls, in a Lua
-- state of its own, with no lock held: the JSON of the app's
-- take_deliveries() in, the JSON of the results for delivery_results() and
-- the seconds to wait before asking again out.
local core = require "intercom.core"

local type, pcall, tostring, ipairs = type, pcall, tostring, ipairs

local _M = {}

local function over_socket(job)
  local http = require "socket.http"
  local ltn12 = require "ltn12"
  local headers = { ["content-length"] = tostring(#job.body) }
  for k, v in pairs(job.headers) do headers[k:lower()] = v end
  local chunks = {}
  local saved = http.TIMEOUT
  http.TIMEOUT = job.timeout or 5
  local ok, code = http.request {
    url = job.url, method = "POST", headers = headers,
    source = ltn12.source.string(job.body), sink = ltn12.sink.table(chunks), redirect = false,
  }
  http.TIMEOUT = saved
  if not ok then return nil, { kind = "network", message = tostring(code) } end
  return { status = code, body = table.concat(chunks) }
end

-- post(job [, transport]) -> { id, status } or { id, error }
function _M.post(job, transport)
  local ok, res, failure = pcall(transport or over_socket, {
    method = "POST", url = job.url, headers = job.headers, body = job.body, timeout = job.timeout,
  })
  if not ok then return { id = job.id, error = "transport raised: " .. tostring(res) } end
  if type(res) == "table" and type(res.status) == "number" then return { id = job.id, status = res.status } end
  local message = type(failure) == "table" and (failure.message or failure.kind) or failure
  return { id = job.id, error = tostring(message or "no response") }
end

function _M.post_all(jobs, transport)
  local results = {}
  for i, job in ipairs(jobs) do results[i] = _M.post(job, transport) end
  return results
end

-- For the HTTP front: JSON in, JSON out, and the wait.
function _M.run(text)
  local taken = core.json_decode(text)
  if type(taken) ~= "table" then return "[]", 1 end
  local results = _M.post_all(taken.jobs or {})
  return core.json_encode(core.array(results)), tonumber(taken.wait) or -1
end

return _M
