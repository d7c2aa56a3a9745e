-- Every operation of API 2.15 (../shared/intercom-openapi/2.15/operations.tsv,
-- read in place) is reachable by a named method. Skips where ../shared is
-- absent. `make coverage` prints the same report.
local operations = require "operations"

describe("API coverage", function()
  for _, version in ipairs({ "2.15", "2.6" }) do
    it(("reaches every operation of API %s by a named method"):format(version), function()
      local covered, missing, total = operations.report(version)
      if not covered then
        pending(("%s/%s/operations.tsv is not here"):format(operations.SHARED, version))
        return
      end
      local lines = {}
      for _, o in ipairs(missing) do lines[#lines + 1] = ("  %s %s (%s)"):format(o.method, o.path, o.id) end
      print(("\n%d of %d operations covered (API %s)"):format(#covered, total, version))
      assert(#missing == 0, "missing:\n" .. table.concat(lines, "\n"))
      assert.equal(total, #covered)
    end)
  end
end)
