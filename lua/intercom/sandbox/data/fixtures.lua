-- Seeded data of the data group's resources: reporting datasets, workflows,
-- AI content, Fin Voice calls and sample events. All invented for the
-- sandbox; deterministic except where dated from the time of the reset.
local _M = {}

-- The workspace as the number some endpoints show (app_id: integer).
_M.APP_NUMBER = 2718281

_M.EPOCH = 1704067200 -- 2024-01-01T00:00:00Z, as in fixtures.lua
local DAY = 86400

-- Reporting datasets and their attributes; values says what a column holds.
_M.DATASETS = {
  { id = "conversation", name = "Conversation",
    description = "One row per conversation: channel, state, assignment and first response.",
    default_time_attribute_id = "conversation_started_at",
    attributes = {
      { id = "conversation_id", name = "Conversation ID" },
      { id = "conversation_started_at", name = "Conversation started at" },
      { id = "channel", name = "Channel", values = { "chat", "email", "whatsapp" } },
      { id = "state", name = "Conversation state", values = { "closed", "open", "snoozed" } },
      { id = "team_assignee_id", name = "Team assigned" },
      { id = "admin_assignee_id", name = "Teammate assigned" },
      { id = "first_response_time_seconds", name = "First response time (seconds)", values = { "42", "318", "97" } },
      { id = "rating", name = "Conversation rating", values = { "5", "4", "" } },
    } },
  { id = "ticket", name = "Ticket",
    description = "One row per ticket: type, state and time to resolve.",
    default_time_attribute_id = "ticket_created_at",
    attributes = {
      { id = "ticket_id", name = "Ticket ID" },
      { id = "ticket_created_at", name = "Ticket created at" },
      { id = "ticket_type", name = "Ticket type", values = { "Bug report", "Refund request", "Bug report" } },
      { id = "ticket_state", name = "Ticket state", values = { "resolved", "in_progress", "waiting_on_customer" } },
      { id = "time_to_resolve_seconds", name = "Time to resolve (seconds)", values = { "5400", "", "" } },
    } },
  { id = "fin_ai_agent", name = "Fin AI Agent",
    description = "One row per conversation Fin took part in, with how it ended.",
    default_time_attribute_id = "fin_involved_at",
    attributes = {
      { id = "conversation_id", name = "Conversation ID" },
      { id = "fin_involved_at", name = "Fin involved at" },
      { id = "resolution_state", name = "Fin resolution state",
        values = { "confirmed_resolution", "assumed_resolution", "escalated" } },
      { id = "answer_count", name = "Fin answers sent", values = { "2", "1", "3" } },
    } },
}

_M.WORKFLOWS = {
  { id = "318822", title = "Route billing questions", state = "live", trigger_type = "inbound_conversation",
    description = "Asks what the billing question is about, then assigns it to the Billing team.",
    target_channels = { "chat", "email" }, preferred_devices = { "desktop", "mobile" },
    created_at = _M.EPOCH + 20 * DAY, updated_at = _M.EPOCH + 61 * DAY,
    targeting = { role = "user", predicates = { { attribute = "custom_attributes.plan", comparison = "in",
      value = { "pro", "team" } } } },
    steps = { "Ask: What is your question about? (Invoice, Refund, Plan change)", "Assign to team Billing",
      "Tag conversation: billing" },
    attributes = { { identifier = "billing_topic", name = "Billing topic", type = "list" } } },
  { id = "318907", title = "Welcome new trial users", state = "draft", trigger_type = "customer_first_message",
    description = "Greets trial users and offers the getting-started guide.",
    target_channels = { "chat" }, preferred_devices = { "desktop" },
    created_at = _M.EPOCH + 75 * DAY, updated_at = _M.EPOCH + 75 * DAY,
    targeting = { role = "user", predicates = { { attribute = "custom_attributes.trial", comparison = "eq",
      value = true } } },
    steps = { "Send message: Welcome aboard! Here is our getting-started guide.", "Let Fin answer" },
    attributes = {} },
}

-- Content import sources and their external pages.
_M.SOURCES = {
  { id = 3101, url = "https://docs.example.com", sync_behavior = "api", status = "active" },
  { id = 3102, url = "https://status.example.com", sync_behavior = "automatic", status = "active" },
}

_M.PAGES = {
  { id = "7201", source_id = 3101, external_id = "billing-faq", title = "Billing FAQ",
    url = "https://docs.example.com/billing/faq",
    html = "<h1>Billing FAQ</h1><p>Invoices are sent on the first of each month.</p>" },
  { id = "7202", source_id = 3101, external_id = "sso-setup", title = "Setting up single sign-on",
    url = "https://docs.example.com/security/sso",
    html = "<h1>Single sign-on</h1><p>SSO is available on the Pro and Team plans.</p>" },
}

-- Fin Voice calls already registered.
_M.CALLS = {
  { external_call_id = "ctr-5b21c9d0", user_phone_number = "+353871234567", intercom_call_id = "88120",
    intercom_conversation_id = "215467", status = "completed", source = "aws_connect",
    call_summary = "Caller asked when the next invoice is due; Fin gave the date and emailed a copy.",
    intent = { { name = "billing_question", confidence = 0.94 } },
    transcript = { { "user", "Hi, when is my next invoice due?" },
      { "fin", "Your next invoice is due on the first of the month. I have emailed you a copy." },
      { "user", "Great, thanks." } } },
  { external_call_id = "f9-20931", user_phone_number = "+14155550123", intercom_call_id = "88131",
    intercom_conversation_id = "215502", status = "escalated", source = "five9",
    call_summary = "Caller could not sign in after enabling SSO; Fin handed the call to a teammate.",
    intent = { { name = "login_problem", confidence = 0.88 } },
    transcript = { { "user", "I can't log in since we turned on SSO." },
      { "fin", "I'm sorry about that. Let me connect you with a teammate who can check your SSO settings." } } },
}

-- Events of the seeded contacts, dated back from the reset: { email, name, days ago, metadata }.
_M.EVENTS = {
  { "ann@example.com", "placed-order", 30, { order_number = "ORD-4471", price = { amount = 4900, currency = "eur" } } },
  { "ann@example.com", "viewed-pricing", 12, { plan = "team" } },
  { "ann@example.com", "placed-order", 3, { order_number = "ORD-4519", price = { amount = 1200, currency = "eur" } } },
  { "bob@example.com", "invited-teammate", 5, { invitee_email = "sam@example.com" } },
}

return _M
