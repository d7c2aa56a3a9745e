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

-- An argument no operation declares goes along in the query or the body as
-- it is; one that cannot be sent (NaN) is an ArgumentError naming the method
-- and the argument, at the call: a list refuses it when made, not on the
-- first iteration.
local SENDS_QUERY = { GET = true, DELETE = true }
-- What the hand-shaped arguments of some operations need to be valid.
local VALID_SHAPED = { ["companies:list"] = { order = "asc" } }
local function valid_with_extra(m)
  local args = catalog.valid_arguments(m.spec, VALID_SHAPED[m.where])
  if m.spec.paging == "search" then args.query = {} end
  args.extra = 0 / 0
  return args
end

describe("undeclared arguments that cannot be sent", function()
  for _, m in ipairs(catalog.service_methods()) do
    local spec = m.spec
    local sent = spec.kind == "list" or SENDS_QUERY[spec.method] or spec.body ~= false
    if (spec.kind == "call" or spec.kind == "list") and sent and spec.returns ~= "refresh" then
      it(("%s refuses extra = NaN at the call, naming itself and 'extra'"):format(m.where), function()
        refusal.expect(call_with(m, valid_with_extra(m)), { names = { m.where, "extra" } })
      end)
    end
  end
  for _, m in ipairs(catalog.object_methods()) do
    local spec = m.spec
    local sent = spec.kind == "list" or SENDS_QUERY[spec.method] or spec.body ~= false
    if (spec.kind == "call" or spec.kind == "list") and sent then
      it(("%s refuses extra = NaN at the call, naming itself and 'extra'"):format(m.where), function()
        refusal.expect(function(client)
          local obj = require("intercom.core").resource({ type = m.type, id = "obj_1" }, client)
          return obj[m.method](obj, valid_with_extra(m))
        end, { names = { m.where, "extra" } })
      end)
    end
  end
end)

-- Hand-written methods and save: a value they cannot send is refused naming
-- the method too (not only the request, "PUT /visitors").
local function object(client, type_name, extra)
  local o = require("intercom.core").resource({ type = type_name, id = "1", user_id = "u1" }, client)
  for k, v in pairs(extra) do o[k] = v end
  return o
end
local HAND_WRITTEN_UNSENDABLE = {
  { "leads:create", function(c) return c.leads:create{ email = "a@example.com", extra = 0 / 0 } end },
  { "companies:update", function(c) return c.companies:update{ id = "1", extra = 0 / 0 } end },
  { "contacts:save", function(c) return c.contacts:save(object(c, "contact", { extra = 0 / 0 })) end },
  { "contacts:save", function(c) return c.contacts:save{ email = "a@example.com", extra = 0 / 0 } end },
  { "visitors:save", function(c) return c.visitors:save(object(c, "visitor", { extra = 0 / 0 })) end },
  { "leads:save", function(c) return c.leads:save(object(c, "contact", { extra = 0 / 0 })) end },
  { "visitors:load", function(c) return c.visitors:load(object(c, "visitor", { user_id = 0 / 0 })) end, "user_id" },
}

describe("hand-written methods given a value that cannot be sent", function()
  for i, case in ipairs(HAND_WRITTEN_UNSENDABLE) do
    it(("%s refuses it naming itself (%d)"):format(case[1], i), function()
      refusal.expect(case[2], { names = { case[1], case[3] or "extra" } })
    end)
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
