-- The C front (intercom.sandbox.front, its own module) with a stand-in app module: what reaches
-- Lua, what comes back, and that a misbehaving app never takes the server down.
local core = require "intercom.core"
local front = require "intercom.sandbox.front"
local http = require "http"

local APP = [[
local core = require "intercom.core"
local app = { config = nil }
function app.configure(cfg)
  if cfg.fail then error("configure refused") end
  app.config = cfg
end
function app.echo(arg) return { arg = arg, config = app.config } end
function app.handle(req)
  local p = req.path
  if p == "/error" then error("boom") end
  if p == "/error_object" then error({}) end
  if p == "/error_newlines" then error(string.rep("\n", 500), 0) end
  if p == "/not_a_table" then return 42 end
  if p == "/bad_status" then return { status = 42 } end
  if p == "/bad_body" then return { status = 200, body = {} } end
  if p == "/bad_fault" then return { status = 200, body = "x", fault = "explode" } end
  if p == "/headers" then return { status = 201, headers = { ["X-Number"] = 5, ["X-Text"] = "yes" }, body = "made" } end
  if p == "/short_truncate" then return { status = 200, body = "x", fault = "truncate" } end
  return { status = 200, headers = { ["Content-Type"] = "application/json" },
    body = core.json_encode({ method = req.method, path = req.path, query = req.query,
      headers = req.headers, body = req.body, too_large = req.body_too_large or false }) }
end
return app
]]

describe("sandbox C front", function()
  local dir_prefix, file, sb

  setup(function()
    dir_prefix = os.tmpname() -- a unique name; the module lives beside it
    file = dir_prefix .. "_stand_in_app.lua"
    local f = assert(io.open(file, "w"))
    f:write(APP)
    f:close()
  end)

  teardown(function()
    if sb then sb:stop() end
    os.remove(file)
    os.remove(dir_prefix)
  end)

  local function start(config)
    local handle = front.start {
      port = 0, module = "stand_in_app", config = config or '{"name":"front"}',
      path = dir_prefix .. "_?.lua;" .. package.path, cpath = package.cpath,
    }
    return { handle = handle, port = handle:port(), url = "http://127.0.0.1:" .. handle:port() }
  end

  it("hands the app the raw request", function()
    sb = start()
    local res = http.request(sb, "POST", "/a%2Fb/c?x=1&y=%20z+w&x=2", "payload", { headers = { "X-Thing: One" } })
    assert.equal(200, res.status)
    local seen = res.json
    assert.equal("POST", seen.method)
    assert.equal("/a%2Fb/c", seen.path)
    assert.equal("x=1&y=%20z+w&x=2", seen.query)
    assert.equal("payload", seen.body)
    assert.equal("One", seen.headers["x-thing"])
    assert.matches("^Bearer ", seen.headers.authorization)
    assert.is_false(seen.too_large)
  end)

  it("passes the config to configure and control calls through call()", function()
    local out = core.json_decode(sb.handle:call("echo", '{"n":1}'))
    assert.equal(1, out.arg.n)
    assert.equal("front", out.config.name)
    out = core.json_decode(sb.handle:call("echo")) -- no argument: the function gets nil
    assert.is_nil(out.arg)
    assert.equal("front", out.config.name)
  end)

  it("sends the app's status, headers and body", function()
    local res = http.get(sb, "/headers")
    assert.equal(201, res.status)
    assert.equal("made", res.body)
    assert.equal("5", res.headers["x-number"])
    assert.equal("yes", res.headers["x-text"])
    assert.equal("4", res.headers["content-length"])
  end)

  it("turns every app failure into a 500 error.list and keeps serving", function()
    for _, path in ipairs { "/error", "/error_object", "/not_a_table", "/bad_status", "/bad_body", "/bad_fault" } do
      local res = http.get(sb, path)
      assert.equal(500, res.status, path)
      assert.equal("error.list", res.json.type, path)
      assert.equal("server_error", res.json.errors[1].code, path)
      assert.is_string(res.headers["x-request-id"], path)
      assert.equal(res.headers["x-request-id"], res.json.request_id, path)
    end
    assert.matches("boom", http.get(sb, "/error").json.errors[1].message)
    assert.equal(200, http.get(sb, "/fine").status)
  end)

  it("keeps a 500 for a message that escapes to more than fits (no overflow: the ASan run checks)", function()
    local res = http.get(sb, "/error_newlines")
    assert.equal(500, res.status)
    assert.equal("server_error", res.json.errors[1].code)
    assert.matches("^\n+$", res.json.errors[1].message)
    assert.equal(200, http.get(sb, "/fine").status)
  end)

  it("breaks the connection when there is too little body to truncate", function()
    local res, kind = http.request(sb, "GET", "/short_truncate")
    assert.is_nil(res)
    assert.equal("dropped", kind)
  end)

  it("tells the app when the body was over the cap", function()
    local res = http.post(sb, "/big", string.rep("y", 8 * 1024 * 1024 + 1))
    assert.is_true(res.json.too_large)
    assert.equal("", res.json.body)
  end)

  it("raises from start when the app cannot be configured", function()
    local ok, err = pcall(start, '{"fail":true}')
    assert.is_false(ok)
    assert.matches("configure refused", err)
    ok, err = pcall(start, "{not json")
    assert.is_false(ok)
    assert.matches("config", err)
  end)

  it("stops cleanly, and the handle says so", function()
    sb.handle:stop()
    assert.is_false(sb.handle:running())
    assert.matches("stopped", tostring(sb.handle))
    assert.has_error(function() sb.handle:call("echo", "{}") end)
    assert.is_nil((http.request(sb, "GET", "/fine")))
    sb = nil
  end)
end)
