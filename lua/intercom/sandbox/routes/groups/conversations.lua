-- Sandbox route modules of the conversations group (merged into app.ROUTE_MODULES).
return { "conversations", "conversation_parts", "messages", "tickets", "ticket_types", "calls" }
