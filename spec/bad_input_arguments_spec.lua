-- Named arguments: every argument an operation declares, given a value of
-- the wrong kind or a function, or left out when required, is an
-- ArgumentError naming the method and that argument; nothing is sent. The
-- other arguments of each call are valid, so only the one under test can be
-- the reason. Then the hand-written methods that take an id.
local catalog = require "service_catalog"
local bad = require "bad_values"
local refusal = require "refusal"

local function call_with(m, args)
  return function(client)
    local svc = client[m.service]
    return svc[m.method](svc, args)
  end
end

describe("declared arguments", function()
  for _, m in ipairs(catalog.service_methods()) do
    if m.spec.args and m.spec.kind ~= "custom" then
      for _, name in ipairs(catalog.sorted_keys(m.spec.args)) do
        local declared = m.spec.args[name]
        local kind, required = declared:gsub("!$", "")
        local cases = {}
        local wrong = bad.wrong_for_kind[kind]
        if wrong then
          cases[#cases + 1] = { wrong[1], wrong[2] }
          cases[#cases + 1] = { "a function", print }
        end
        for _, case in ipairs(cases) do
          it(("%s refuses %s as '%s' (%s)"):format(m.where, case[1], name, kind), function()
            refusal.expect(call_with(m, catalog.valid_arguments(m.spec, { [name] = case[2] })),
              { names = { m.where, "'" .. name .. "'" } })
          end)
        end
        if required == 1 then
          it(("%s requires '%s'"):format(m.where, name), function()
            local args = catalog.valid_arguments(m.spec)
            args[name] = nil
            refusal.expect(call_with(m, args), { names = { m.where, "'" .. name .. "'", "required" } })
          end)
        end
      end
    end
  end
end)

-- Hand-written methods whose first argument is an id, or { id = ... }.
local HAND_WRITTEN_BY_ID = {
  "companies:find", "companies:update", "contacts:find", "export_content:cancel", "export_content:download",
  "export_content:find", "export_content:load", "fin_voice:find", "fin_voice:for_conversation", "leads:find",
  "reporting_data_exports:download", "reporting_data_exports:find", "reporting_data_exports:load", "users:find",
  "visitors:find",
}

describe("hand-written methods that take an id", function()
  for _, where in ipairs(HAND_WRITTEN_BY_ID) do
    local service, method = where:match("^(.-):(.*)$")
    local m = { service = service, method = method }
    for _, value in ipairs(bad.not_ids) do
      it(("%s refuses the id %s"):format(where, value[1]), function()
        refusal.expect(call_with(m, value[2]), { names = { where } })
      end)
      it(("%s refuses { id = %s }"):format(where, value[1]), function()
        refusal.expect(call_with(m, { id = value[2] }), { names = { where } })
      end)
    end
    for _, value in ipairs(bad.dot_ids) do
      it(("%s never sends the id %s as a dot segment"):format(where, value[1]), function()
        refusal.no_dot_segment(call_with(m, value[2]), { names = { where } })
      end)
    end
  end
end)
