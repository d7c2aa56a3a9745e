local intercom = require "intercom"
local fake_transport = require "fake_transport"

local errors = intercom.errors

-- One call against a fake answer; returns the error it raises.
local function error_for(answer)
  local fake = fake_transport.new({ answer })
  local client = fake_transport.client(fake, { max_retries = 0 })
  local ok, err = pcall(client.get, client, "/contacts/1")
  assert.is_false(ok, "expected an error")
  return err
end

local function error_list(code, message, extra)
  local e = { code = code, message = message }
  for k, v in pairs(extra or {}) do e[k] = v end
  return { type = "error.list", request_id = "req-1", errors = { e } }
end

describe("error classes", function()
  it("have IntercomError at the root of the API errors", function()
    for _, name in ipairs({ "AuthenticationError", "ResourceNotFound", "RateLimitExceeded", "ServerError",
      "TlsError", "ReadTimeoutError", "TagHasDependentObjects" }) do
      local class = errors[name]
      while class.parent do class = class.parent end
      assert.equal(errors.IntercomError, class, name)
    end
  end)

  it("keep bad input and configuration outside IntercomError", function()
    assert.is_nil(errors.ArgumentError.parent)
    assert.is_nil(errors.MisconfiguredClientError.parent)
  end)

  it("print as intercom.errors.Name", function()
    assert.equal("intercom.errors.ResourceNotFound", tostring(errors.ResourceNotFound))
  end)
end)

describe("mapping a response to an error", function()
  -- status, code, class: the Ruby gem's tables, codes before statuses.
  local cases = {
    { 401, "unauthorized", "AuthenticationError" },
    { 403, "forbidden", "AuthenticationError" },
    { 401, "token_not_found", "AuthenticationError" },
    { 401, "token_suspended", "AppSuspendedError" },
    { 401, "token_revoked", "TokenRevokedError" },
    { 401, "token_unauthorized", "TokenUnauthorizedError" },
    { 400, "bad_request", "BadRequestError" },
    { 400, "missing_parameter", "BadRequestError" },
    { 400, "parameter_invalid", "BadRequestError" },
    { 400, "parameter_not_found", "BadRequestError" },
    { 400, "not_restorable", "BlockedUserError" },
    { 404, "not_found", "ResourceNotFound" },
    { 404, "company_not_found", "ResourceNotFound" },
    { 404, "admin_not_found", "AdminNotFound" },
    { 429, "rate_limit_exceeded", "RateLimitExceeded" },
    { 400, "custom_data_limit_reached", "CDALimitReachedError" },
    { 400, "invalid_document", "InvalidDocumentError" },
    { 503, "service_unavailable", "ServiceUnavailableError" },
    { 409, "conflict", "MultipleMatchingUsersError" },
    { 409, "unique_user_constraint", "MultipleMatchingUsersError" },
    { 409, "resource_conflict", "ResourceNotUniqueError" },
    { 400, "intercom_version_invalid", "ApiVersionInvalid" },
    { 400, "scroll_exists", "ScrollAlreadyExistsError" },
    { 400, "tag_has_dependent_objects", "TagHasDependentObjects" },
    { 418, "something_new", "UnexpectedError" },
    { 500, "server_error", "ServerError" },
  }
  for _, case in ipairs(cases) do
    local status, code, class = case[1], case[2], case[3]
    it(("%d %s is %s"):format(status, code, class), function()
      local err = error_for({ status = status, body = error_list(code, "it failed", { field = "email" }) })
      assert.equal(class, err.class)
      assert.is_true(err:is(errors[class]))
      assert.is_true(err:is(errors.IntercomError))
      assert.equal(status, err.http_code)
      assert.equal(code, err.code)
      assert.equal("it failed", err.message)
      assert.equal("email", err.field)
      assert.equal("req-1", err.request_id)
      assert.equal(1, #err.errors)
      assert.equal("GET", err.method)
      assert.equal("https://api.example.test/contacts/1", err.url)
    end)
  end

  local by_status = {
    { 400, "BadRequestError" }, { 401, "AuthenticationError" }, { 403, "AuthenticationError" },
    { 404, "ResourceNotFound" }, { 409, "ResourceNotUniqueError" }, { 422, "BadRequestError" },
    { 429, "RateLimitExceeded" }, { 500, "ServerError" }, { 502, "BadGatewayError" },
    { 503, "ServiceUnavailableError" }, { 504, "GatewayTimeoutError" }, { 599, "ServerError" },
    { 418, "UnexpectedError" },
  }
  for _, case in ipairs(by_status) do
    it(("a bare %d is %s"):format(case[1], case[2]), function()
      local err = error_for({ status = case[1], body = "", headers = { ["x-request-id"] = "hdr-9" } })
      assert.equal(case[2], err.class)
      assert.equal(case[1], err.http_code)
      assert.equal("hdr-9", err.request_id)
      assert.is_string(err.message)
    end)
  end

  it("keeps code, message and request_id for 404 (the gem drops them)", function()
    local err = error_for({ status = 404, body = error_list("not_found", "Contact Not Found") })
    assert.equal("not_found", err.code)
    assert.equal("Contact Not Found", err.message)
    assert.equal("req-1", err.request_id)
  end)

  it("reads the code of an {error_key, message} body", function()
    local err = error_for({ status = 400, body = { error_key = "invalid_phone_number", message = "Invalid phone" } })
    assert.equal("BadRequestError", err.class)
    assert.equal("invalid_phone_number", err.code)
    assert.equal("Invalid phone", err.message)
  end)

  it("raises for an error.list even with status 200", function()
    assert.equal("BadRequestError", error_for({ status = 200, body = error_list("parameter_invalid", "no") }).class)
  end)

  it("makes a body that is not JSON an UnexpectedResponseError with its first bytes", function()
    local err = error_for({ status = 502, body = "<html><body>Bad gateway</body></html>" })
    assert.equal("UnexpectedResponseError", err.class)
    assert.equal(502, err.http_code)
    assert.matches("<html><body>Bad gateway", err.message, 1, true)
    assert.equal("<html><body>Bad gateway</body></html>", err.body)
  end)

  local failures = {
    connect = "ServiceConnectionError", dns = "DnsResolutionError", connect_timeout = "ConnectTimeoutError",
    tls = "TlsError", timeout = "ReadTimeoutError", dropped = "ConnectionDroppedError",
  }
  for kind, class in pairs(failures) do
    it(("a %s failure is %s"):format(kind, class), function()
      local err = error_for({ fail = kind })
      assert.equal(class, err.class)
      assert.equal(kind, err.kind)
      assert.equal("fake " .. kind, err.message)
      assert.is_true(err:is(errors.IntercomError))
    end)
  end

  it("groups timeouts with the gem's classes for them", function()
    assert.is_true(error_for({ fail = "connect_timeout" }):is(errors.ServiceConnectionError))
    assert.is_true(error_for({ fail = "timeout" }):is(errors.ServiceUnavailableError))
  end)

  it("prints one readable line", function()
    local s = tostring(error_for({ status = 404, body = error_list("not_found", "Contact Not Found") }))
    assert.equal("intercom.ResourceNotFound (404 not_found): Contact Not Found [field email]"
      .. " (GET https://api.example.test/contacts/1) request_id=req-1",
      tostring(error_for({ status = 404, body = error_list("not_found", "Contact Not Found", { field = "email" }) })))
    assert.is_nil(s:find("\n"))
  end)

  it("are read-only", function()
    local err = error_for({ status = 404, body = "" })
    assert.has_error(function() err.class = "x" end)
  end)
end)
