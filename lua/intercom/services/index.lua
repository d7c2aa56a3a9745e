-- Where each service lives, and which service gives each object type its
-- methods. Adding a service is a line here and a file beside this one.
local _M = {
  services = {
    contacts = "intercom.services.contacts",
  },
  types = {
    contact = "contacts",
  },
}

for _, group in ipairs({ "people", "conversations", "content", "data" }) do
  local g = require("intercom.services.groups." .. group)
  for name, module in pairs(g.services) do _M.services[name] = module end
  for type_name, service in pairs(g.types) do _M.types[type_name] = service end
end

return _M
