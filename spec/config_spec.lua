local intercom = require "intercom"

local function config_error(opts)
  local ok, err = pcall(intercom.new, opts)
  assert.is_false(ok, "expected intercom.new to fail")
  assert.equal("MisconfiguredClientError", err.class)
  return err.message
end

describe("intercom.new options", function()
  it("defaults to the US API, version 2.15, 30 s / 90 s timeouts", function()
    local c = intercom.new{ token = "t" }
    assert.equal("https://api.intercom.io", c.base_url)
    assert.equal("2.15", c.api_version)
    assert.equal(30, c.settings.connect_timeout)
    assert.equal(90, c.settings.timeout)
    assert.is_false(c.handle_rate_limit)
    assert.equal(2, c.settings.max_retries)
  end)

  it("picks a region's host", function()
    assert.equal("https://api.eu.intercom.io", intercom.new{ token = "t", region = "eu" }.base_url)
    assert.equal("https://api.au.intercom.io", intercom.new{ token = "t", region = "au" }.base_url)
  end)

  it("requires a token, naming the option", function()
    assert.matches("access token must be provided", config_error({}))
    assert.matches("access token", config_error(nil))
    assert.matches("option 'token' must be a non%-empty string", config_error({ token = "" }))
  end)

  it("rejects unknown options, to catch typos", function()
    assert.matches("unknown option 'tokne'", config_error({ tokne = "t" }))
  end)

  it("checks api_version like the gem", function()
    assert.is_nil(intercom.new{ token = "t", api_version = false }.api_version)
    assert.equal("Unstable", intercom.new{ token = "t", api_version = "Unstable" }.api_version)
    assert.equal("9.9", intercom.new{ token = "t", api_version = "9.9" }.api_version)
    assert.matches("api_version", config_error({ token = "t", api_version = "0.5" }))
    assert.matches("api_version", config_error({ token = "t", api_version = "abc" }))
    assert.matches("api_version", config_error({ token = "t", api_version = "" }))
  end)

  it("allows plain http only for loopback or by name", function()
    assert.equal("http://127.0.0.1:4010", intercom.new{ token = "t", base_url = "http://127.0.0.1:4010/" }.base_url)
    assert.equal("http://localhost:1", intercom.new{ token = "t", base_url = "http://localhost:1" }.base_url)
    assert.matches("plain http", config_error({ token = "t", base_url = "http://api.example.com" }))
    assert.equal("http://api.example.com",
      intercom.new{ token = "t", base_url = "http://api.example.com", allow_http = true }.base_url)
    assert.matches("http%(s%) URL", config_error({ token = "t", base_url = "ftp://x" }))
  end)

  it("refuses conflicting options", function()
    assert.matches("either base_url or region", config_error({ token = "t", region = "eu", base_url = "https://x" }))
    assert.matches("either token or app_id", config_error({ token = "t", app_id = "a", api_key = "k" }))
    assert.matches("region", config_error({ token = "t", region = "mars" }))
  end)

  it("checks types and ranges of the other options", function()
    assert.matches("'timeout' must be a positive number", config_error({ token = "t", timeout = 0 }))
    assert.matches("'max_retries' must be an integer", config_error({ token = "t", max_retries = 1.5 }))
    assert.matches("'handle_rate_limit' must be a boolean", config_error({ token = "t", handle_rate_limit = "yes" }))
    assert.matches("'transport' must be a function", config_error({ token = "t", transport = 1 }))
  end)

  it("refuses extra headers that would replace the library's or break the request", function()
    assert.matches("set by the library", config_error({ token = "t", headers = { Authorization = "x" } }))
    assert.matches("not a valid header", config_error({ token = "t", headers = { ["X-A"] = "a\r\nInjected: 1" } }))
  end)

  it("makes its fields read-only", function()
    local c = intercom.new{ token = "t" }
    local ok, err = pcall(function() c.base_url = "https://evil.test" end)
    assert.is_false(ok)
    assert.equal("ArgumentError", err.class)
  end)

  it("closes idempotently, and a closed client says so", function()
    local c = intercom.new{ token = "t", base_url = "http://127.0.0.1:9" }
    c:close()
    c:close()
    assert.matches("%(closed%)", tostring(c))
    local ok, err = pcall(c.get, c, "/me")
    assert.is_false(ok)
    assert.matches("closed", err.message)
  end)

  it("closes at the end of a to-be-closed scope", function()
    local outer
    do
      local c <close> = intercom.new{ token = "t" }
      outer = c
    end
    assert.matches("%(closed%)", tostring(outer))
  end)
end)
