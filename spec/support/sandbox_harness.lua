-- The set-up that the specs of the services share: one sandbox for a
-- describe block, reset before each test, with a fresh client on it, and the
-- helpers that look at what reached the sandbox.
--
--   local harness = require "sandbox_harness"
--   describe("client.admins", function()
--     local client, sandbox
--     local h = harness.new({ token = "admins_spec_token" },
--       function(c, s) client, sandbox = c, s end)
--     local last, line, bad_input, api_error = h.last, h.line, h.bad_input, h.api_error
--
-- harness.new(opts, ready [, how]) must be called inside a describe block. It
-- makes the sandbox in setup, stops it in teardown and, before each test,
-- resets it, makes the client (on the sandbox, max_retries = 0, and then
-- every field of opts, any intercom.new option) and calls
-- ready(client, sandbox).
--
-- The sandbox is in-process (sandbox.new, the client on its transport: no
-- threads, no sockets) unless how = { http = true }: then it listens on a
-- port (sandbox.start) and the client reaches it through libcurl, for specs
-- of the libcurl path.
--
-- busted's setup, teardown, before_each and assert are globals only inside
-- the spec files themselves, so a module asks require "busted" for them.
local busted = require "busted"
local intercom = require "intercom"
local sandbox_module = require "intercom.sandbox"

local setup, teardown, before_each, assert = busted.setup, busted.teardown, busted.before_each, busted.assert

local _M = {}

function _M.new(opts, ready, how)
  local h = {}
  local sandbox, transport
  local http = how and how.http

  setup(function()
    if http then
      sandbox = sandbox_module.start{ port = 0 }
    else
      sandbox = sandbox_module.new()
      transport = sandbox:transport()
    end
  end)
  teardown(function()
    sandbox:stop()
    sandbox, transport = nil, nil -- busted keeps this block's closures: let the sandbox go
  end)
  before_each(function()
    sandbox:reset()
    local options = { max_retries = 0 }
    if http then options.base_url = sandbox.url else options.transport = transport end
    for k, v in pairs(opts or {}) do options[k] = v end
    local client = intercom.new(options)
    if ready then ready(client, sandbox) end
  end)

  -- The last request the sandbox saw.
  function h.last()
    local all = sandbox:requests()
    return all[#all]
  end

  -- "VERB /path" of a journaled request.
  function h.line(req)
    return req.method .. " " .. req.path
  end

  -- fn must raise an ArgumentError whose message matches pattern, without
  -- sending a request.
  function h.bad_input(fn, pattern)
    local before = #sandbox:requests()
    local ok, err = pcall(fn)
    assert.is_false(ok, "expected an error")
    assert.equal("ArgumentError", err.class, tostring(err))
    assert.matches(pattern, err.message)
    assert.equal(before, #sandbox:requests(), "a request was sent")
  end

  -- fn must raise an error: of class `class` unless that is nil, with HTTP
  -- status `status` when one is given. Returns the error.
  function h.api_error(class, fn, status)
    local ok, err = pcall(fn)
    assert.is_false(ok, "expected an error")
    if class ~= nil then assert.equal(class, err.class, tostring(err)) end
    if status ~= nil then assert.equal(status, err.http_code) end
    return err
  end

  return h
end

return _M
