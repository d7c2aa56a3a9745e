-- Sandbox route modules of the data group (merged into app.ROUTE_MODULES).
return {}
