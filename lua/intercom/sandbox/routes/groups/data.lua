-- Sandbox route modules of the data group (merged into app.ROUTE_MODULES).
return {
  "events", "bulk_events", "jobs", "data_exports", "reporting_exports", "phone_call_redirects",
  "ai_content", "fin", "fin_voice", "workflows",
}
