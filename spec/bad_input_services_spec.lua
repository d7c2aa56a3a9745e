-- Bad input to every method of every service, and of every object type: a
-- value no method takes as its argument is an ArgumentError naming the
-- method, raised before anything is sent (and nil, err through intercom.safe).
-- The cases are generated from the service definitions, so a new method is
-- covered the day it is added.
local core = require "intercom.core"
local catalog = require "service_catalog"
local bad = require "bad_values"
local refusal = require "refusal"

describe("every service method", function()
  for _, m in ipairs(catalog.service_methods()) do
    for _, value in ipairs(bad.never_arguments) do
      it(("%s refuses %s"):format(m.where, value[1]), function()
        refusal.expect(function(client)
          local svc = client[m.service]
          return svc[m.method](svc, value[2])
        end, { names = { m.where } })
      end)
    end
  end
end)

describe("every object method", function()
  for _, m in ipairs(catalog.object_methods()) do
    for _, value in ipairs(bad.never_arguments) do
      it(("%s refuses %s"):format(m.where, value[1]), function()
        refusal.expect(function(client)
          local obj = core.resource({ type = m.type, id = "obj_1" }, client)
          return obj[m.method](obj, value[2])
        end, { names = { m.where } })
      end)
    end
  end
end)

-- A dot for a colon (client.contacts.find("1")): the method gets "1" where
-- its service or object should be. Raised in safe mode too: with no client
-- in hand, the method cannot know the client is a safe one.
describe("every method called with a dot", function()
  local SELVES = { { "an id", "1" }, { "a table of arguments", { id = "1" } }, { "nothing", nil } }
  for _, m in ipairs(catalog.service_methods()) do
    for _, self in ipairs(SELVES) do
      it(("client.%s.%s(%s) is an ArgumentError saying to use a colon"):format(m.service, m.method, self[1]),
        function()
          refusal.expect_raised(function(client) return client[m.service][m.method](self[2]) end,
            { names = { m.where, "colon" } })
        end)
    end
  end
  for _, m in ipairs(catalog.object_methods()) do
    it(("%s.%s(\"1\") is an ArgumentError saying to use a colon"):format(m.type, m.method), function()
      refusal.expect_raised(function(client)
        local obj = core.resource({ type = m.type, id = "obj_1" }, client)
        return obj[m.method]("1")
      end, { names = { m.where, "colon" } })
    end)
  end
end)
