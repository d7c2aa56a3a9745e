-- Sandbox route modules of the people group (merged into app.ROUTE_MODULES).
return {}
