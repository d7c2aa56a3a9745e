-- The table make bench-docs writes into docs/benchmarks.md (bench/report_doc.lua):
-- each target's verdict, and "below floor" where lua-cjson alone needs more
-- than the target allows.
package.path = "bench/?.lua;" .. package.path
local report = require "report_doc"
local w = require "workloads"

local function run(overrides)
  local r = {
    runs = 5, curl_version = "7.88.1", idle_rss_kb = 11.2 * 1024,
    max_rss_kb = 12.0 * 1024, rss_ok = true, rss_below_floor = false,
    decode_floor = 0.046, page_floor_rss_kb = 12.7 * 1024,
    rows = {
      { name = "find", lib_wall = 0.2, curl_wall = 0.25, ratio = 0.8, loop_wall = 0.18, rss_kb = 11.8 * 1024,
        ok = true },
      { name = "list", lib_wall = 0.13, curl_wall = 0.03, ratio = 4.3, loop_wall = 0.030, rss_kb = 12 * 1024,
        ok = true },
    },
  }
  for k, v in pairs(overrides or {}) do r[k] = v end
  return r
end

local function row_of(text, title)
  for line in text:gmatch("[^\n]+") do
    if line:find("| " .. title .. " |", 1, true) then return line end
  end
end

describe("bench report (docs/benchmarks.md)", function()
  it("says met for a target met", function()
    local text = report.render(run())
    assert.matches("| met |$", row_of(text, w.TITLES.list))
    assert.matches("| met |$", row_of(text, "peak RSS, every workload"))
  end)

  it("says MISS, below floor, when lua-cjson alone needs more than the target allows", function()
    local r = run { rss_ok = false, rss_below_floor = true, max_rss_kb = 13.3 * 1024 }
    r.rows[2].ok, r.rows[2].below_floor, r.rows[2].loop_wall = false, true, 0.084
    local text = report.render(r)
    assert.matches("| %*%*MISS%*%*, below floor |$", row_of(text, w.TITLES.list))
    assert.matches("| %*%*MISS%*%*, below floor |$", row_of(text, "peak RSS, every workload"))
  end)

  it("says a plain MISS when the floor is under the target", function()
    local r = run()
    r.rows[2].ok, r.rows[2].below_floor = false, false
    assert.matches("| %*%*MISS%*%* |$", row_of(report.render(r), w.TITLES.list))
  end)

  it("gives the floors it judged by", function()
    local text = report.render(run())
    assert.matches("decoding the 20 pages takes 0.046 s", text, 1, true)
    assert.matches("peaks at 12.7 MB", text, 1, true)
  end)
end)
