-- Sandbox route modules of the content group (merged into app.ROUTE_MODULES).
return {
  "teams", "away_status_reasons", "help_centers", "collections", "sections", "articles",
  "internal_articles", "news", "brands", "emails", "ip_allowlist",
}
