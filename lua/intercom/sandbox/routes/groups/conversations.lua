-- Sandbox route modules of the conversations group (merged into app.ROUTE_MODULES).
return {}
