-- The library side of one workload, in a process of its own (so the peak RSS
-- that /usr/bin/time reports is this workload's alone):
--   lua5.4 bench/workload.lua find|list|create|parallel|idle BASE_URL
--   lua5.4 bench/workload.lua decode_floor|page_floor BASE_URL FIXTURES_DIR
-- Uses only the public API. Every answer is checked (ids, counts), so a broken
-- client fails the bench instead of producing a fast number. Prints one line:
--   RESULT <workload> loop_wall=<s> loop_cpu=<s> requests=<n> items=<n> vmhwm_kb=<n>
-- loop_* cover the request loop only; bench/run times the whole process too.
local intercom = require "intercom"
local system = require "system" -- lua-system (luasystem): a monotonic clock
local w = require "workloads"

local name, base_url, fixtures = arg[1], arg[2], arg[3]
assert(name and base_url, "usage: lua5.4 bench/workload.lua find|list|create|parallel|idle|decode_floor|page_floor"
  .. " BASE_URL [FIXTURES_DIR]")

local function expect(got, want, what)
  if got ~= want then
    error(("%s workload: %s is %s, expected %s"):format(name, what, tostring(got), tostring(want)), 0)
  end
end

local client = intercom.new { token = w.TOKEN, base_url = base_url, api_version = w.API_VERSION }

local workloads = {}

function workloads.find()
  local contacts, id = client.contacts, w.FIND_ID
  for _ = 1, w.FIND_COUNT do
    local contact = contacts:find { id = id }
    if contact.id ~= id then expect(contact.id, id, "the found contact's id") end
  end
  return w.FIND_COUNT, w.FIND_COUNT
end

function workloads.list()
  local n, list_id = 0, w.list_id
  for contact in client.contacts:all() do
    n = n + 1
    if contact.id ~= list_id(n) then expect(contact.id, list_id(n), ("contact %d's id"):format(n)) end
  end
  expect(n, w.LIST_TOTAL, "the number of contacts iterated")
  return w.PAGES, n
end

function workloads.create()
  local contacts = client.contacts
  for i = 1, w.CREATE_COUNT do
    local contact = contacts:create { email = w.create_email(i), role = "user" }
    if contact.type ~= "contact" then expect(contact.type, "contact", "the created object's type") end
  end
  return w.CREATE_COUNT, w.CREATE_COUNT
end

-- The same finds, PARALLEL at a time, in tasks on the engine.
function workloads.parallel()
  local contacts, id = client.contacts, w.FIND_ID
  local list = {}
  for i = 1, w.FIND_COUNT do list[i] = id end
  -- the ids only: like the other workloads, nothing is kept but what is checked
  local found = intercom.map(list, function(x) return contacts:find(x).id end, { concurrency = w.PARALLEL })
  for i = 1, w.FIND_COUNT do
    if found[i] ~= id then expect(found[i], id, ("find %d's id"):format(i)) end
  end
  return w.FIND_COUNT, w.FIND_COUNT
end

-- No request: what loading the library and making a client costs (the
-- baseline the other workloads' peak RSS and startup sit on).
function workloads.idle()
  return 0, 0
end

-- The floors: what lua-cjson alone (the JSON library this project decodes
-- with) costs on the list's data, with no library code. A target below a
-- floor cannot be met while whole pages are decoded with it.

-- Page p of the list as nginx serves it, read whole in one read.
local function page_text(p)
  assert(fixtures, name .. ": needs the fixtures directory (bench/run passes it)")
  local file = fixtures .. (p == 1 and "/pages/first.json" or ("/pages/%s.json"):format(w.cursor(p)))
  local f = assert(io.open(file, "rb"))
  local size = f:seek("end")
  f:seek("set")
  local text = f:read(size)
  f:close()
  return text
end

local function cjson_decode()
  local cjson = require "cjson"
  return cjson.decode
end

-- cjson.decode of the 20 pages the list workload fetches (read before the
-- clock starts): the in-loop floor of the list target, without HTTP.
local decode_floor_texts, decode_floor_decode
if name == "decode_floor" then
  decode_floor_texts, decode_floor_decode = {}, cjson_decode()
  for p = 1, w.PAGES do decode_floor_texts[p] = page_text(p) end
end
function workloads.decode_floor()
  local n = 0
  for p = 1, w.PAGES do
    n = n + #decode_floor_decode(decode_floor_texts[p]).data
    collectgarbage("step") -- as the library's collections do between pages
  end
  expect(n, w.LIST_TOTAL, "the number of contacts decoded")
  return 0, n
end

-- One request (libcurl's connection and buffers, as in the list workload),
-- then one page held as text and as cjson's tree: the least memory a client
-- that decodes a whole page needs at the moment it hands out its first item.
function workloads.page_floor()
  local contact = client.contacts:find { id = w.FIND_ID }
  expect(contact.id, w.FIND_ID, "the found contact's id")
  local text = page_text(1)
  local page = cjson_decode()(text)
  expect(#page.data, w.PER_PAGE, "the number of contacts on the page")
  return 1, #page.data
end

local run = workloads[name]
assert(run, "unknown workload " .. name)

local wall0, cpu0 = system.monotime(), os.clock()
local requests, items = run()
local wall, cpu = system.monotime() - wall0, os.clock() - cpu0

-- Peak RSS as the kernel counts it; bench/run reports /usr/bin/time's %M
-- (the same number) for both sides, this is a cross-check.
local hwm = 0
for line in io.lines("/proc/self/status") do
  local kb = line:match("^VmHWM:%s*(%d+)")
  if kb then hwm = tonumber(kb) end
end

io.write(("RESULT %s loop_wall=%.6f loop_cpu=%.6f requests=%d items=%d vmhwm_kb=%d\n")
  :format(name, wall, cpu, requests, items, hwm))
