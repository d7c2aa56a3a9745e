-- Bad client options: intercom.new raises MisconfiguredClientError naming
-- the option (intercom.safe.new returns nil, err), no client is made, so
-- nothing can be sent, and a secret given never shows in the message.
local intercom = require "intercom"
local safe = require "intercom.safe"
local core = require "intercom.core"

local SECRET = "secret_tok_9876543210"

-- Options that are fine on their own; each case changes some of them.
local function base()
  local sent = {}
  return {
    token = SECRET, base_url = "https://api.example.test",
    transport = function(req) sent[#sent + 1] = req; return { status = 200, body = "{}" } end,
  }, sent
end

local function expect_refused(changes, names)
  for _, new in ipairs({ intercom.new, safe.new }) do
    local opts, sent = base()
    if type(changes) ~= "table" then
      opts = changes
    else
      for k, v in pairs(changes) do
        if v == "<absent>" then opts[k] = nil else opts[k] = v end
      end
    end
    local ok, client, err = pcall(new, opts)
    if new == intercom.new then
      assert.is_false(ok, "the options were accepted")
      err = client
    else
      assert.is_true(ok, "intercom.safe.new raised: " .. tostring(client))
      assert.is_nil(client, "intercom.safe.new made a client")
    end
    assert.is_true(core.is_error(err), "expected an intercom.Error, got " .. tostring(err))
    assert.equal("MisconfiguredClientError", err.class, tostring(err))
    for _, name in ipairs(names) do
      assert.is_truthy(err.message:find(name, 1, true), ("the message should name %s: %s"):format(name, err.message))
    end
    assert.is_nil(tostring(err):find(SECRET, 1, true), "the token is in the message")
    assert.is_nil(tostring(err):find("s3cr3t", 1, true), "a secret is in the message")
    assert.equal(0, #sent, "a request was sent")
  end
end

local NUMBERS = { "connect_timeout", "timeout", "retry_delay", "max_retry_delay" }
local BOOLEANS = { "handle_rate_limit", "verify_tls", "allow_http" }
local CALLBACKS = { "transport", "sleep", "log" }

-- { label, changes, names the message must hold }
local cases = {
  { "options that are not a table (a string)", "x", { "intercom.new" } },
  { "options that are not a table (a function)", print, { "intercom.new" } },
  { "an unknown option", { tokne = "x" }, { "tokne" } },
  { "an option with a number as its name", { [1] = "x" }, { "option" } },
  { "no token", { token = "<absent>" }, { "token" } },
  { "token and app_id together", { app_id = "a", api_key = "k" }, { "token", "app_id" } },
  { "app_id without api_key", { token = "<absent>", app_id = "a" }, { "api_key" } },
  { "base_url and region together", { region = "eu" }, { "base_url", "region" } },
  { "region \"mars\"", { base_url = "<absent>", region = "mars" }, { "region" } },
  { "region 5", { base_url = "<absent>", region = 5 }, { "region" } },
  { "token 5", { token = 5 }, { "token" } },
  { "token {}", { token = {} }, { "token" } },
  { "token \"\"", { token = "" }, { "token" } },
  { "token with CR LF", { token = SECRET .. "\r\nX-Evil: 1" }, { "token" } },
  { "token with LF", { token = SECRET .. "\nX-Evil: 1" }, { "token" } },
  { "token with CR", { token = SECRET .. "\r" }, { "token" } },
  { "token with NUL", { token = SECRET .. "\0tail" }, { "token" } },
  { "app_id with CR LF", { token = "<absent>", app_id = "app\r\nX-Evil: 1", api_key = "s3cr3t" }, { "app_id" } },
  { "app_id with NUL", { token = "<absent>", app_id = "app\0x", api_key = "s3cr3t" }, { "app_id" } },
  { "api_key with CR LF", { token = "<absent>", app_id = "app", api_key = "s3cr3t\r\nX-Evil: 1" }, { "api_key" } },
  { "api_key with NUL", { token = "<absent>", app_id = "app", api_key = "s3cr3t\0x" }, { "api_key" } },
  { "app_id 5", { token = "<absent>", app_id = 5, api_key = "s3cr3t" }, { "app_id" } },
  { "api_key \"\"", { token = "<absent>", app_id = "app", api_key = "" }, { "api_key" } },
  { "user_agent 5", { user_agent = 5 }, { "user_agent" } },
  { "user_agent \"\"", { user_agent = "" }, { "user_agent" } },
  { "user_agent with CR LF", { user_agent = "mine/1\r\nX-Evil: 1" }, { "user_agent" } },
  { "user_agent with LF", { user_agent = "mine/1\nX-Evil: 1" }, { "user_agent" } },
  { "user_agent with NUL", { user_agent = "mine/1\0" }, { "user_agent" } },
  { "api_version 2.15 (a number)", { api_version = 2.15 }, { "api_version" } },
  { "api_version true", { api_version = true }, { "api_version" } },
  { "api_version \"\"", { api_version = "" }, { "api_version" } },
  { "api_version \"v2\"", { api_version = "v2" }, { "api_version" } },
  { "api_version with CR LF", { api_version = "2.15\r\nX-Evil: 1" }, { "api_version" } },
  { "headers \"x\"", { headers = "x" }, { "headers" } },
  { "a header with a number as its name", { headers = { [1] = "x" } }, { "headers" } },
  { "a header name with a space", { headers = { ["X A"] = "x" } }, { "headers", "X A" } },
  { "a header name with a colon", { headers = { ["X-A:"] = "x" } }, { "headers" } },
  { "a header value that is a number", { headers = { ["X-A"] = 5 } }, { "headers", "X-A" } },
  { "a header value with CR LF", { headers = { ["X-A"] = "a\r\nX-Evil: 1" } }, { "headers", "X-A" } },
  { "a header value with LF", { headers = { ["X-A"] = "a\nX-Evil: 1" } }, { "headers", "X-A" } },
  { "a header value with NUL", { headers = { ["X-A"] = "a\0b" } }, { "headers", "X-A" } },
  { "an Authorization header", { headers = { Authorization = "Bearer other" } }, { "headers", "Authorization" } },
  { "a Content-Type header", { headers = { ["content-type"] = "text/plain" } }, { "headers" } },
  { "an Intercom-Version header", { headers = { ["Intercom-Version"] = "1.0" } }, { "headers" } },
  { "base_url 5", { base_url = 5 }, { "base_url" } },
  { "base_url \"\"", { base_url = "" }, { "base_url" } },
  { "base_url ftp://", { base_url = "ftp://api.example.test" }, { "base_url" } },
  { "base_url without a scheme", { base_url = "api.intercom.io" }, { "base_url" } },
  { "base_url without a host", { base_url = "https://" }, { "base_url" } },
  { "base_url over plain http to another host", { base_url = "http://192.0.2.10" }, { "base_url" } },
  { "base_url over plain http to a host named like loopback",
    { base_url = "http://127.0.0.1.evil.example" }, { "base_url" } },
  { "base_url over plain http to localhost.evil.example",
    { base_url = "http://localhost.evil.example" }, { "base_url" } },
  { "base_url with userinfo that looks like localhost (http)",
    { base_url = "http://localhost:80@192.0.2.10" }, { "base_url" } },
  { "base_url with userinfo that looks like 127.0.0.1 (http)",
    { base_url = "http://127.0.0.1@192.0.2.10/" }, { "base_url" } },
  { "base_url with user and password (https)", { base_url = "https://user:s3cr3t@api.example.test" },
    { "base_url" } },
}

for _, name in ipairs(NUMBERS) do
  for _, bad in ipairs({ { "\"5\"", "5" }, { "-1", -1 }, { "0", 0 }, { "0/0", 0 / 0 },
    { "math.huge", math.huge }, { "-math.huge", -math.huge }, { "a function", print } }) do
    cases[#cases + 1] = { ("%s %s"):format(name, bad[1]), { [name] = bad[2] }, { name } }
  end
end
for _, bad in ipairs({ { "1.5", 1.5 }, { "-1", -1 }, { "11", 11 }, { "math.huge", math.huge }, { "0/0", 0 / 0 },
  { "\"2\"", "2" } }) do
  cases[#cases + 1] = { "max_retries " .. bad[1], { max_retries = bad[2] }, { "max_retries" } }
end
for _, name in ipairs(BOOLEANS) do
  for _, bad in ipairs({ { "1", 1 }, { "\"yes\"", "yes" }, { "{}", {} } }) do
    cases[#cases + 1] = { ("%s %s"):format(name, bad[1]), { [name] = bad[2] }, { name } }
  end
end
for _, name in ipairs(CALLBACKS) do
  for _, bad in ipairs({ { "\"x\"", "x" }, { "5", 5 }, { "{}", {} }, { "true", true } }) do
    cases[#cases + 1] = { ("%s %s"):format(name, bad[1]), { [name] = bad[2] }, { name } }
  end
end
for _, name in ipairs({ "ca_file", "ca_path" }) do
  for _, bad in ipairs({ { "5", 5 }, { "\"\"", "" } }) do
    cases[#cases + 1] = { ("%s %s"):format(name, bad[1]), { [name] = bad[2] }, { name } }
  end
end

describe("intercom.new refuses", function()
  for _, case in ipairs(cases) do
    it(case[1], function() expect_refused(case[2], case[3]) end)
  end
end)
