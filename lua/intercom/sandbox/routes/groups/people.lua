-- Sandbox route modules of the people group (merged into app.ROUTE_MODULES).
return {
  "visitors", "data_attributes", "custom_object_instances",
  "legacy_users", "legacy_leads", "counts", "webhook_subscriptions",
}
