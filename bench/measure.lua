-- Runs each workload on both sides against the bench's nginx and prints the
-- report. Called by bench/run once nginx answers:
--   lua5.4 bench/measure.lua PREFIX PORT MARKER NGINX_PID RUNS
-- Library side: bench/workload.lua, one lua5.4 process per run. Floor: the
-- same requests, same headers, by one curl process reusing its connection.
-- Both are timed by PREFIX/timeit (bench/timeit.c): process wall, user+sys
-- CPU, peak RSS. Each workload runs once unmeasured (warm caches), then RUNS
-- times alternating library and curl; the report gives medians.
-- Exits non-zero only when the bench itself breaks (a wrong answer, a request
-- that did not reach this nginx); a missed target is a figure, not a failure.
local w = require "workloads"
local intercom = require "intercom"

-- BENCH_ONLY=name[,name]: measure only those workloads (bench/run documents it).
if os.getenv("BENCH_ONLY") then
  local only = {}
  for name in os.getenv("BENCH_ONLY"):gmatch("[^,%s]+") do
    if not w.TITLES[name] then error("BENCH_ONLY: no workload " .. name, 0) end
    only[#only + 1] = name
  end
  w.ORDER = only
end

local prefix, port, marker, nginx_pid, runs = arg[1], arg[2], arg[3], arg[4], tonumber(arg[5])
assert(prefix and port and marker and nginx_pid and runs, "usage: measure.lua PREFIX PORT MARKER NGINX_PID RUNS")
local base_url = "http://127.0.0.1:" .. port
local timeit, time_file = prefix .. "/timeit", prefix .. "/time.out"

local function fail(message)
  io.stderr:write("bench: ", message, "\n")
  os.exit(1)
end

local function quote(s)
  return "'" .. s:gsub("'", "'\\''") .. "'"
end

local function capture(command)
  local p = assert(io.popen(command, "r"))
  local out = p:read("a")
  local ok = p:close()
  return out, ok
end

local function read_file(name)
  local f = assert(io.open(name, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- nginx's own counters (stub_status): accepted connections, requests served.
-- Read around every run: the deltas prove the requests reached this nginx and
-- count the connections the client opened. Each read is itself one request on
-- one new connection.
local function nginx_counters()
  local out = capture("curl -s " .. quote(base_url .. "/bench-status"))
  local accepts, _, requests = out:match("\n%s*(%d+)%s+(%d+)%s+(%d+)")
  if not accepts then fail("no stub_status from nginx at " .. base_url .. ": " .. out) end
  return tonumber(accepts), tonumber(requests)
end

-- CPU seconds the nginx worker(s) used so far (to show the server was mostly
-- idle: not the bottleneck): /proc/PID/schedstat's time on CPU, in ns.
local function nginx_cpu()
  local f = io.open(("/proc/%s/task/%s/children"):format(nginx_pid, nginx_pid))
  if not f then return nil end
  local total = 0
  for pid in f:read("a"):gmatch("%d+") do
    local stat = io.open("/proc/" .. pid .. "/schedstat")
    if not stat then return nil end
    total = total + tonumber(stat:read("a"):match("^(%d+)"))
    stat:close()
  end
  f:close()
  return total / 1e9
end

-- Runs COMMAND under timeit; returns its stdout and { wall, cpu, rss_kb } plus
-- what nginx saw meanwhile: connections, requests, worker CPU.
local function timed(command)
  local accepts0, requests0 = nginx_counters()
  local cpu0 = nginx_cpu()
  local out, ok = capture(quote(timeit) .. " " .. quote(time_file) .. " " .. command .. " 2>&1")
  local cpu1 = nginx_cpu()
  local accepts1, requests1 = nginx_counters()
  local wall, user, sys, rss, status = read_file(time_file):match("(%S+) (%S+) (%S+) (%d+) (%d+)")
  if not ok or status ~= "0" then fail(("this command failed (exit %s):\n  %s\n%s"):format(status, command, out)) end
  return out, {
    wall = tonumber(wall), cpu = tonumber(user) + tonumber(sys), rss_kb = tonumber(rss),
    -- minus one each: the second counter read is itself a connection and a request
    connections = accepts1 - accepts0 - 1, requests = requests1 - requests0 - 1,
    nginx_cpu = cpu0 and cpu1 - cpu0,
  }
end

local EXPECTED_REQUESTS = { find = w.FIND_COUNT, list = w.PAGES, create = w.CREATE_COUNT, idle = 0,
  parallel = w.FIND_COUNT, decode_floor = 0, page_floor = 1 }

-- The library side: lua5.4 bench/workload.lua NAME BASE_URL FIXTURES_DIR
-- (the floors read the pages nginx serves from there).
local function library_command(name)
  return ("lua5.4 bench/workload.lua %s %s %s"):format(name, base_url, quote(prefix .. "/www"))
end

local function run_library(name)
  local out, r = timed(library_command(name))
  local loop_wall, loop_cpu, requests, items = out:match(
    "RESULT %S+ loop_wall=(%S+) loop_cpu=(%S+) requests=(%d+) items=(%d+)")
  if not loop_wall then fail("bench/workload.lua " .. name .. " printed no RESULT line:\n" .. out) end
  if r.requests ~= EXPECTED_REQUESTS[name] or tonumber(requests) ~= r.requests then
    fail(("library %s: nginx served %d requests, expected %d"):format(name, r.requests, EXPECTED_REQUESTS[name]))
  end
  r.loop_wall, r.loop_cpu, r.items = tonumber(loop_wall), tonumber(loop_cpu), tonumber(items)
  return r
end

-- The floor: a curl config file per workload, the same requests and headers
-- as the library (Accept-Encoding included, via "compressed"), every body to
-- /dev/null, and one write-out line per transfer to check each answer.
local USER_AGENT
local function user_agent()
  if not USER_AGENT then
    local libcurl = capture("curl --version"):match("libcurl/(%S+)") or "?"
    USER_AGENT = ("lua-intercom/%s (%s; libcurl/%s)"):format(intercom.VERSION, _VERSION, libcurl)
  end
  return USER_AGENT
end

local function curl_options(lines)
  lines[#lines + 1] = "silent"
  lines[#lines + 1] = "show-error"
  lines[#lines + 1] = "compressed"
  lines[#lines + 1] = 'header = "Authorization: Bearer ' .. w.TOKEN .. '"'
  lines[#lines + 1] = 'header = "Accept: application/json"'
  lines[#lines + 1] = 'header = "Intercom-Version: ' .. w.API_VERSION .. '"'
  lines[#lines + 1] = 'user-agent = "' .. user_agent() .. '"'
  lines[#lines + 1] = [[write-out = "%{http_code} %{num_connects} %header{x-bench-server}\n"]]
end

local function curl_config(name)
  local lines = {}
  if name == "find" or name == "parallel" then
    curl_options(lines)
    local u = ('url = "%s/contacts/%s"'):format(base_url, w.FIND_ID)
    for _ = 1, w.FIND_COUNT do
      lines[#lines + 1] = u
      lines[#lines + 1] = 'output = "/dev/null"'
    end
  elseif name == "list" then
    curl_options(lines)
    for p = 1, w.PAGES do
      local after = p > 1 and "&starting_after=" .. w.cursor(p) or ""
      lines[#lines + 1] = ('url = "%s/contacts?per_page=%d%s"'):format(base_url, w.PER_PAGE, after)
      lines[#lines + 1] = 'output = "/dev/null"'
    end
  else
    -- Each create its own body, as the library sends: one "next" block each
    -- (curl keeps its connection across them).
    for i = 1, w.CREATE_COUNT do
      if i > 1 then lines[#lines + 1] = "next" end
      curl_options(lines)
      lines[#lines + 1] = 'header = "Content-Type: application/json"'
      lines[#lines + 1] = ('data-binary = "%s"'):format(w.create_body(i):gsub('"', '\\"'))
      lines[#lines + 1] = ('url = "%s/contacts"'):format(base_url)
      lines[#lines + 1] = 'output = "/dev/null"'
    end
  end
  local file = ("%s/curl-%s.cfg"):format(prefix, name)
  local f = assert(io.open(file, "w"))
  f:write(table.concat(lines, "\n"), "\n")
  f:close()
  return file, lines
end

local CURL_CONFIG = {}
-- The parallel workload: the same requests as find, curl --parallel keeping
-- PARALLEL transfers in flight (and as many connections, opened at once like
-- the library's); its progress meter off, so only the write-out lines print.
local function curl_command(name)
  if name == "parallel" then
    return ("curl --silent --no-progress-meter --parallel --parallel-immediate --parallel-max %d --config %s")
      :format(w.PARALLEL, CURL_CONFIG[name])
  end
  return "curl --config " .. CURL_CONFIG[name]
end

local function run_curl(name)
  local out, r = timed(curl_command(name))
  local n, connects = 0, 0
  for code, conn, from in out:gmatch("(%d+) (%d+) (%S*)\n") do
    n = n + 1
    connects = connects + tonumber(conn)
    if code ~= "200" or from ~= marker then
      fail(("curl %s: answer %d was %s from %q, expected 200 from this nginx"):format(name, n, code, from))
    end
  end
  if n ~= EXPECTED_REQUESTS[name] or r.requests ~= n then
    fail(("curl %s: %d answers, nginx served %d, expected %d\n%s"):format(name, n, r.requests,
      EXPECTED_REQUESTS[name], out))
  end
  r.curl_connects = connects
  return r
end

local function median(list, key)
  local values = {}
  for i, r in ipairs(list) do values[i] = r[key] end
  if #values == 0 or values[1] == nil then return nil end
  table.sort(values)
  local m = #values
  if m % 2 == 1 then return values[(m + 1) // 2] end
  return (values[m // 2] + values[m // 2 + 1]) / 2
end

local function max_of(list, key)
  local m
  for _, r in ipairs(list) do
    if m == nil or r[key] > m then m = r[key] end
  end
  return m
end

-- Measure.
local results = {}
for _, name in ipairs(w.ORDER) do
  CURL_CONFIG[name] = curl_config(name)
  io.stderr:write(("bench: %s: warm-up, then %d runs each side ...\n"):format(w.TITLES[name], runs))
  run_library(name)
  run_curl(name)
  local lib, curl = {}, {}
  for i = 1, runs do
    lib[i] = run_library(name)
    curl[i] = run_curl(name)
  end
  results[name] = { lib = lib, curl = curl }
end
-- The library's baseline: lua5.4, require "intercom" (libcurl and its TLS
-- libraries come with it) and intercom.new, no request.
local idle = {}
for i = 1, runs do idle[i] = run_library("idle") end
-- The floors (workload.lua): lua-cjson alone on the list's pages. Measured
-- only with the list workload, whose targets they bound.
local floors
if results.list then
  floors = { decode = {}, page = {} }
  for i = 1, runs do
    floors.decode[i] = run_library("decode_floor")
    floors.page[i] = run_library("page_floor")
  end
end

-- Report.
local function mb(kb) return ("%.1f MB"):format(kb / 1024) end
local function s(x) return x and ("%.4f s"):format(x) or "-" end
local function busy(cpu, wall)
  return cpu and ("%.0f%% of wall"):format(100 * cpu / wall) or "-"
end
local lines = {}
local function say(fmt, ...) lines[#lines + 1] = fmt:format(...) end

say("Results: median of %d runs per side (after one warm-up run each); wall = whole process, as timed from outside.",
  runs)
say("")
local row = "%-24s | %-9s %-9s %-8s | %-9s %-9s %-8s | %-6s | %-26s | %s"
say(row, "workload", "lib wall", "lib CPU", "lib RSS", "curl wall", "curl CPU", "curl RSS", "ratio", "target", "result")
say("%s", ("-"):rep(132))
-- The floors' medians: a target at or below its floor is out of reach of any
-- client that decodes whole pages with lua-cjson.
local decode_floor = floors and median(floors.decode, "loop_wall")
local page_floor_rss = floors and median(floors.page, "rss_kb")
local function verdict_floor(ok, below)
  if ok then return "PASS" end
  return below and "MISS, below floor" or "MISS"
end
local max_rss, all_pass = 0, true
local doc_rows = {} -- for docs/benchmarks.md (BENCH_WRITE=1)
for _, name in ipairs(w.ORDER) do
  local lib, curl = results[name].lib, results[name].curl
  local lw, cw = median(lib, "wall"), median(curl, "wall")
  local ratio = lw / cw
  local target = w.TARGETS[name]
  local ok, target_text, below
  if target.ratio then
    ok = ratio <= target.ratio
    target_text = ("wall <= %.2fx curl"):format(target.ratio)
  else
    local loop = median(lib, "loop_wall")
    ok = loop < target.seconds
    below = decode_floor ~= nil and decode_floor >= target.seconds
    target_text = ("in-loop < %.3f s (%.3f)"):format(target.seconds, loop)
  end
  doc_rows[#doc_rows + 1] = { name = name, lib_wall = lw, curl_wall = cw, ratio = ratio,
    loop_wall = median(lib, "loop_wall"), rss_kb = median(lib, "rss_kb"), ok = ok, below_floor = below }
  local rss = max_of(lib, "rss_kb")
  if rss > max_rss then max_rss = rss end
  all_pass = all_pass and ok
  say(row, w.TITLES[name], s(lw), s(median(lib, "cpu")), mb(median(lib, "rss_kb")),
    s(cw), s(median(curl, "cpu")), mb(median(curl, "rss_kb")), ("%.2fx"):format(ratio), target_text,
    verdict_floor(ok, below))
end
local rss_ok = max_rss < w.TARGETS.rss_kb
local rss_below = page_floor_rss ~= nil and page_floor_rss >= w.TARGETS.rss_kb
say(row, "peak RSS, every workload", "", "", mb(max_rss), "", "", "", "", ("lib max < %s"):format(mb(w.TARGETS.rss_kb)),
  verdict_floor(rss_ok, rss_below))
say("ratio = library wall / curl wall, both whole processes (startup included on both sides); the 3000-contact")
say("target is judged on the library's in-loop wall (the iteration alone; its process wall is in the lib wall column).")
say("")
if floors then
  say("Floors: lua-cjson alone (the JSON library the client decodes with) on the list's own pages, no library code:")
  say("  decode the %d pages (read from the fixtures, no HTTP)  in-loop %s   list target: in-loop < %.3f s",
    w.PAGES, s(decode_floor), w.TARGETS.list.seconds)
  say("  one request, then one page held as text and tree     peak RSS %s  target: < %s",
    mb(page_floor_rss), mb(w.TARGETS.rss_kb))
  say("  \"below floor\": the target is at or under what lua-cjson alone needs here, so no client that decodes")
  say("  whole pages with it can meet it (docs/benchmarks.md).")
  say("")
end

say("Details (medians; connections and requests as nginx counted them; nginx CPU = its worker's time on CPU):")
say("")
local detail = "%-24s | %-7s | %-12s %-12s %-14s | %-5s %-6s %-8s | %-10s %s"
say(detail, "workload", "side", "in-loop wall", "in-loop CPU", "startup+exit", "reqs", "conns", "req/s", "nginx CPU",
  "nginx busy")
say("%s", ("-"):rep(132))
for _, name in ipairs(w.ORDER) do
  for _, side in ipairs { "lib", "curl" } do
    local list = results[name][side]
    local wall = median(list, "wall")
    local loop = median(list, "loop_wall")
    local ncpu = median(list, "nginx_cpu")
    say(detail, side == "lib" and w.TITLES[name] or "", side == "lib" and "library" or "curl",
      s(loop), s(median(list, "loop_cpu")), loop and s(wall - loop) or "-",
      EXPECTED_REQUESTS[name], max_of(list, "connections"), ("%.0f"):format(EXPECTED_REQUESTS[name] / wall),
      s(ncpu), busy(ncpu, wall))
  end
end
say("")
say("Library baseline (lua5.4 + require \"intercom\" + intercom.new, no request): wall %s, peak RSS %s;",
  s(median(idle, "wall")), mb(median(idle, "rss_kb")))
say("  most of that RSS is libcurl and its TLS/compression libraries: the curl rows above carry the same.")
say("")
say("Command lines (run from the repo root; bench/run exports LUA_PATH, LUA_CPATH):")
for _, name in ipairs(w.ORDER) do
  say("  library %-6s %s %s %s", name, quote(timeit), quote(time_file), library_command(name))
  say("  curl    %-6s %s %s %s", name, quote(timeit), quote(time_file), curl_command(name))
end
say("  library %-6s %s %s %s", "idle", quote(timeit), quote(time_file), library_command("idle"))
if floors then
  for _, name in ipairs { "decode_floor", "page_floor" } do
    say("  floor   %-6s %s %s %s", name, quote(timeit), quote(time_file), library_command(name))
  end
end
say("")
say("curl config files: the same headers as the library, one url (and for creates, one body) per request, e.g.")
local _, sample = curl_config("create")
for i = 1, 14 do say("  %s", sample[i]) end
say("  ... (%d requests in all)", w.CREATE_COUNT)
say("")
say("Targets: %s.", (all_pass and rss_ok) and "all met" or "MISSED (see MISS rows above)")

io.write(table.concat(lines, "\n"), "\n")

-- BENCH_WRITE=1 (make bench-docs): the table of docs/benchmarks.md, from this run.
if os.getenv("BENCH_WRITE") == "1" and os.getenv("BENCH_ONLY") then
  io.stderr:write("bench: BENCH_ONLY is set: docs/benchmarks.md left as it is (it needs every workload)\n")
elseif os.getenv("BENCH_WRITE") == "1" then
  require("report_doc").write("docs/benchmarks.md", {
    runs = runs, rows = doc_rows, max_rss_kb = max_rss, rss_ok = rss_ok,
    idle_rss_kb = median(idle, "rss_kb"), rss_below_floor = rss_below,
    decode_floor = decode_floor, page_floor_rss_kb = page_floor_rss,
    curl_version = capture("curl --version"):match("libcurl/(%S+)"),
  })
  io.stderr:write("bench: wrote the table of docs/benchmarks.md\n")
end
