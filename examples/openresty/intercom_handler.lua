-- The content handler of examples/openresty/nginx.conf. One client per
-- worker: made on first use and kept by this module (nginx loads a module
-- once per worker), never one per request. Its calls go over cosockets, so
-- while one waits for Intercom the worker serves other requests.
-- luacheck: globals ngx
local safe = require "intercom.safe"

local _M = {}

local client, client_err

local function get_client()
  if not client and not client_err then
    client, client_err = safe.new{
      token = os.getenv("INTERCOM_TOKEN"),
      base_url = os.getenv("INTERCOM_BASE_URL"), -- unset: the real API
      timeout = 10,
    }
  end
  return client, client_err
end

-- GET /contact?id=...: "id email", or the error as one line with its status.
function _M.contact()
  local c, err = get_client()
  local contact
  if c then contact, err = c.contacts:find{ id = ngx.var.arg_id or "" } end
  if not contact then
    ngx.status = err.http_code or 502
    ngx.say(err.class, ": ", err.message)
    return
  end
  ngx.say(contact.id, " ", contact.email)
end

return _M
