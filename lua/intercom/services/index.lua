-- Where each service lives, and which service gives each object type its
-- methods. Adding a service is a line here and a file beside this one.
return {
  services = {
    contacts = "intercom.services.contacts",
  },
  types = {
    contact = "contacts",
  },
}
