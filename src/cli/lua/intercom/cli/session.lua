-- The client the commands use, from the flags and the environment: a seeded
-- in-process sandbox (--sandbox), or INTERCOM_TOKEN / --token-file with
-- --region, --base-url and --api-version. The token is read here and handed
-- to the client; it is never printed.
local intercom = require "intercom"
local core = require "intercom.core"
local failure = require "intercom.cli.failure"
local fail = failure.fail

local _M = {}

local NO_TOKEN = "no access token: set INTERCOM_TOKEN or pass --token-file FILE"
  .. " (or --sandbox to use a local sandbox)"

local function read_token(path)
  local f, why = io.open(path, "r")
  if not f then fail(("cannot read --token-file: %s"):format(why)) end
  local text = f:read("a") or ""
  f:close()
  local token = text:match("^%s*(.-)%s*$")
  if token == "" then fail(("--token-file %s is empty"):format(path)) end
  return token
end

-- The token to use, or nil (never printed).
function _M.token(opts)
  if opts.token_file then return read_token(opts.token_file) end
  local env = os.getenv("INTERCOM_TOKEN")
  if env and env:match("%S") then return env end
  return nil
end

local function api_version(v)
  if v == "none" then return false end
  return v
end

-- Builds the client: returns client, sandbox (nil unless --sandbox).
-- A bad option is a usage error naming it (exit 2).
function _M.client(opts)
  local settings = { api_version = api_version(opts.api_version) }
  local sandbox
  if opts.sandbox then
    if opts.base_url or opts.region or opts.token_file then
      fail("--sandbox cannot go with --base-url, --region or --token-file")
    end
    local ok, sb = pcall(require("intercom.sandbox").start, { port = 0 })
    if not ok then fail("cannot start the sandbox: " .. failure.message(sb), 1) end
    sandbox = sb
    settings.token, settings.base_url = "sandbox", sb.url
  else
    settings.token = _M.token(opts)
    if not settings.token then fail(NO_TOKEN) end
    settings.region, settings.base_url = opts.region, opts.base_url
  end
  local ok, client = pcall(intercom.new, settings)
  if not ok then
    if core.is_error(client) then fail(client.message) end
    error(client, 0)
  end
  return client, sandbox
end

return _M
