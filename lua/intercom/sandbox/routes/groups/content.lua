-- Sandbox route modules of the content group (merged into app.ROUTE_MODULES).
return {}
