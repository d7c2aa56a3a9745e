-- Version gates for endpoints the API has dropped: a legacy route answers
-- only to an Intercom-Version that still had it, and 404 to any other, as
-- the API does. A request without the header gets the app's default
-- version, which for the sandbox is the version it serves, 2.15.
local reply = require "intercom.sandbox.server.reply"

local _M = {}

_M.DEFAULT = "2.15"

-- major, minor of the request's version ("Unstable" and "Preview" are newest).
function _M.version(ctx)
  local v = ctx.req.headers["intercom-version"] or _M.DEFAULT
  local major, minor = v:match("^(%d+)%.(%d+)$")
  if not major then return math.huge, 0 end
  return tonumber(major), tonumber(minor)
end

-- Is the request's version at most major.minor?
function _M.at_most(ctx, major, minor)
  local ma, mi = _M.version(ctx)
  return ma < major or (ma == major and mi <= minor)
end

-- A handler that answers only up to version major.minor.
function _M.until_version(major, minor, handler)
  return function(ctx)
    if not _M.at_most(ctx, major, minor) then reply.not_found() end
    return handler(ctx)
  end
end

-- The v1 API (1.0 to 1.4): users, leads as /contacts, counts, bulk jobs,
-- webhook subscriptions.
function _M.v1(handler)
  return _M.until_version(1, 99, handler)
end

return _M
