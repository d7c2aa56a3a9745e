-- The quickstart (make demo).
--
-- With no INTERCOM_TOKEN it starts the sandbox in this process and shows the
-- library working: create, find, update, search, list, an error caught.
-- With INTERCOM_TOKEN set it runs only the read-only part, against the real API.
--
--   lua5.4 examples/quickstart.lua
--   INTERCOM_TOKEN=... lua5.4 examples/quickstart.lua
local intercom = require "intercom"

local token = os.getenv("INTERCOM_TOKEN")
local sandbox, client
if token and token ~= "" then
  client = intercom.new{ token = token }
  print("Using the Intercom API at " .. client.base_url .. " (read-only)")
else
  sandbox = require("intercom.sandbox").start{ port = 0 }
  client = intercom.new{ token = "sandbox-token", base_url = sandbox.url }
  print("No INTERCOM_TOKEN: using a local sandbox at " .. sandbox.url)
end

-- Read-only: list and search.
print("\nThe first contacts (all() pages lazily; to_array(5) stops after five):")
for _, contact in ipairs(client.contacts:all():to_array(5)) do
  print("  " .. tostring(contact))
end

print("\nUsers whose email ends in example.com:")
local users = client.contacts:search{
  query = { operator = "AND", value = {
    { field = "role", operator = "=", value = "user" },
    { field = "email", operator = "$", value = "example.com" },
  } },
  sort_field = "created_at", sort_order = "descending",
}
for contact in users do print("  " .. contact.email) end

if sandbox then
  -- Writes happen only against the sandbox.
  print("\nCreate, find, update:")
  local ann = client.contacts:create{ email = "quickstart@example.com", name = "Quick Start", role = "user" }
  print("  created  " .. tostring(ann) .. " at " .. os.date("!%Y-%m-%d %H:%M", ann.created_at))
  local same = client.contacts:find{ id = ann.id }
  print("  found    " .. tostring(same))
  same.name = "Quick Start II"
  same.custom_attributes.plan = "pro"
  client.contacts:save(same) -- sends only name and custom_attributes.plan
  print("  saved    " .. same.name .. ", plan " .. same.custom_attributes.plan)
  local tag = same:add_tag{ id = client:get("/tags").data[1].id }
  print("  tagged   " .. tag.name)

  print("\nAn error, caught:")
  local ok, err = pcall(client.contacts.find, client.contacts, { id = "does-not-exist" })
  assert(not ok)
  print("  " .. tostring(err))
  print("  err.class = " .. err.class .. ", err.http_code = " .. err.http_code .. ", err.code = " .. err.code)
end

local limits = client.rate_limit_details
print(("\nRate limit: %s of %s left, resets at %s"):format(limits.remaining, limits.limit,
  limits.reset_at and os.date("!%H:%M:%S", limits.reset_at) or "?"))

client:close()
if sandbox then sandbox:stop() end
