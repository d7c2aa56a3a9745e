-- Every operation of APIs 2.15 and 2.6 (spec/fixtures/operations/<version>.tsv)
-- is reachable by a named method. `make coverage` prints the same report.
local operations = require "operations"

describe("API coverage", function()
  for _, version in ipairs({ "2.15", "2.6" }) do
    it(("reaches every operation of API %s by a named method"):format(version), function()
      local covered, missing, total = operations.report(version)
      assert(covered, missing)
      local lines = {}
      for _, o in ipairs(missing) do lines[#lines + 1] = ("  %s %s (%s)"):format(o.method, o.path, o.id) end
      print(("\n%d of %d operations covered (API %s)"):format(#covered, total, version))
      assert(#missing == 0, "missing:\n" .. table.concat(lines, "\n"))
      assert.equal(total, #covered)
    end)
  end
end)
