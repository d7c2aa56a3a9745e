-- /_sandbox/*: the control functions over HTTP, so a sandbox started from the
-- CLI can be driven by other processes. No auth, not journaled, not limited.
local reply = require "intercom.sandbox.server.reply"

-- app: the module with the control functions (app.lua); passed in to avoid a
-- require cycle.
return function(app)
  local function call(fn, arg)
    local ok, res = pcall(fn, arg)
    if not ok then
      if reply.is_failure(res) then return res.response end
      reply.invalid(tostring(res))
    end
    return res
  end

  local function ok(value)
    return reply.json(200, value or { ok = true })
  end

  return {
    { "GET /_sandbox/health", function() return ok(app.info()) end },
    { "GET /_sandbox/requests", function() return ok({ type = "list", data = app.requests() }) end },
    { "DELETE /_sandbox/requests", function() return ok(app.clear_requests()) end },
    { "GET /_sandbox/faults", function() return ok({ type = "list", data = app.faults() }) end },
    { "POST /_sandbox/faults", function(ctx) return ok(call(app.fault, ctx.body)) end },
    { "DELETE /_sandbox/faults", function() return ok(app.clear_faults()) end },
    { "GET /_sandbox/rate_limit", function() return ok(app.rate_limit()) end },
    { "POST /_sandbox/rate_limit", function(ctx) return ok(call(app.set_rate_limit, ctx.body)) end },
    { "POST /_sandbox/reset", function() return ok(app.reset()) end },
    -- webhooks: a subscription as sb:subscribe makes it, and the delivery journal
    { "POST /_sandbox/subscriptions", function(ctx) return ok(call(app.subscribe, ctx.body)) end },
    { "GET /_sandbox/deliveries", function() return ok({ type = "list", data = app.deliveries() }) end },
  }
end
