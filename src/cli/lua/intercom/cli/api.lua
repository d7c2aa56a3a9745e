-- intercom api METHOD PATH [--data JSON|@FILE] [--query k=v]... [--paginate [--ndjson]]:
-- one request with the client's headers, retries and error mapping; prints
-- the JSON answer. With --paginate every page is fetched and the items are
-- printed as one JSON array (or one per line with --ndjson). Exit 0 on
-- success, 1 on an API error (its line on stderr), 2 on bad usage.
local core = require "intercom.core"
local request = require "intercom.request"
local collection = require "intercom.collection"
local session = require "intercom.cli.session"
local fail = require("intercom.cli.failure").fail

local _M = {}

local METHODS = { GET = true, POST = true, PUT = true, PATCH = true, DELETE = true }

local function body_of(data)
  if data == nil then return nil end
  local text = data
  if data:sub(1, 1) == "@" then
    local f, why = io.open(data:sub(2), "r")
    if not f then fail(("cannot read --data file: %s"):format(why)) end
    text = f:read("a") or ""
    f:close()
  end
  local body, why = core.json_decode(text)
  if body == nil then fail(("--data is not valid JSON: %s"):format(why or "empty")) end
  return body
end

local function query_of(list)
  local query = {}
  for _, kv in ipairs(list or {}) do
    local k, v = kv:match("^([^=]+)=(.*)$")
    if not k then fail(("--query takes k=v, got '%s'"):format(kv)) end
    query[k] = v
  end
  return query
end

-- cjson writes a slash as \/ (valid JSON, but noise to read: https:\/\/...).
-- Every backslash opens a two-character escape, so each \/ pair is one.
local function unescape_slash(c) if c == "/" then return "/" end end
local function print_json(v)
  io.stdout:write((core.json_encode(v):gsub("\\(.)", unescape_slash)), "\n")
end

function _M.main(opts, positional)
  local method, path, extra = positional[1], positional[2], positional[3]
  if not method or not path then fail("intercom api needs METHOD and PATH, e.g. intercom api GET /me") end
  if extra then fail(("intercom api takes one METHOD and one PATH; unexpected '%s'"):format(extra)) end
  method = method:upper()
  if not METHODS[method] then
    fail(("METHOD must be GET, POST, PUT, PATCH or DELETE, got '%s'"):format(positional[1]))
  end
  if path:sub(1, 1) ~= "/" then fail(("PATH must start with '/', got '%s'"):format(path)) end
  if opts.ndjson and not opts.paginate then fail("--ndjson goes with --paginate") end
  local body = body_of(opts.data)
  local query = query_of(opts.query)
  local client = session.client(opts)
  if not opts.paginate then
    local data = request.send(client, method, path, query, body, { where = "intercom api" })
    if data ~= nil then print_json(data) end
    return 0
  end
  local all = {}
  local pages = collection.new(client, { method = method, path = path, query = query, body = body,
    paging = "auto" }):raw_pages()
  while true do
    local page, items = pages()
    if page == nil then break end
    for _, item in ipairs(items) do
      if opts.ndjson then print_json(item) else all[#all + 1] = item end
    end
    if opts.ndjson then io.stdout:flush() end
  end
  if not opts.ndjson then print_json(core.array(all)) end
  return 0
end

return _M
