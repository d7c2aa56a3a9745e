-- API shapes (2.15) for the workspace settings the content group serves:
-- brands, sender email addresses (email settings) and the IP allowlist.
local json = require "intercom.sandbox.server.json"

local _M = {}

local null, array = json.null, json.array

function _M.brand(b)
  return {
    type = "brand", id = b.id, name = b.name, is_default = b.is_default == true,
    help_center_id = b.help_center_id, default_address_settings_id = b.default_address_settings_id,
    created_at = b.created_at, updated_at = b.updated_at,
  }
end

function _M.email_setting(e)
  return {
    type = "email_setting", id = e.id, email = e.email, domain = e.email:match("@(.+)$"), brand_id = e.brand_id,
    verified = e.verified, forwarding_enabled = e.forwarding_enabled,
    forwarded_email_last_received_at = e.forwarded_email_last_received_at or null,
    created_at = e.created_at, updated_at = e.updated_at,
  }
end

function _M.ip_allowlist(l)
  return { type = "ip_allowlist", enabled = l.enabled, ip_allowlist = array(json.copy(l.ip_allowlist)) }
end

return _M
