-- Services of the conversations group (merged into services/index.lua).
return {
  services = {
    conversations = "intercom.services.conversations",
    messages = "intercom.services.messages",
    tickets = "intercom.services.tickets",
    ticket_types = "intercom.services.ticket_types",
    ticket_states = "intercom.services.ticket_states",
    calls = "intercom.services.calls",
  },
  types = {
    conversation = "conversations",
    ticket = "tickets",
    ticket_type = "ticket_types",
  },
}
