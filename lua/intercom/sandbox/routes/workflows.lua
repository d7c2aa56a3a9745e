-- GET /export/workflows/{id}: a seeded workflow's whole configuration.
local fixtures = require "intercom.sandbox.fixtures.data"
local json = require "intercom.sandbox.server.json"
local reply = require "intercom.sandbox.server.reply"

local BY_ID = {}
for _, w in ipairs(fixtures.WORKFLOWS) do BY_ID[w.id] = w end

local function iso(t) return os.date("!%Y-%m-%dT%H:%M:%SZ", t) end

local function rules(w)
  local out = json.array()
  for i, step in ipairs(w.steps) do
    out[i] = { type = "step", position = i, description = step }
  end
  return out
end

local function export(ctx)
  local w = BY_ID[ctx.params.id]
  if not w then reply.not_found("Workflow not found") end
  return reply.json(200, {
    export_version = "1.0", exported_at = iso(ctx.now), app_id = fixtures.APP_NUMBER,
    workflow = {
      id = w.id, title = w.title, description = w.description, state = w.state, trigger_type = w.trigger_type,
      target_channels = json.array(json.copy(w.target_channels)),
      preferred_devices = json.array(json.copy(w.preferred_devices)),
      created_at = iso(w.created_at), updated_at = iso(w.updated_at),
      targeting = json.copy(w.targeting),
      embedded_rules = rules(w),
      attributes = json.array(json.copy(w.attributes)),
      snapshot = { steps = #w.steps, version = 3 },
    },
  })
end

return {
  { "GET /export/workflows/{id}", export },
}
