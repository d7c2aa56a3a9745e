-- Bad ids to every operation that acts on one record (client.tags:find(id),
-- client.tags:find{ id = id }, ...): an ArgumentError naming the method and
-- the argument, nothing sent. Ids "." and ".." must never become a dot
-- segment of the path ("DELETE /tags/.." is "DELETE /"): refused, or sent
-- percent-encoded.
local catalog = require "service_catalog"
local bad = require "bad_values"
local refusal = require "refusal"

-- Operations declared with an id in their path (hand-written ones are in
-- spec/bad_input_arguments_spec.lua), and the argument that fills it.
local by_id = {}
for _, m in ipairs(catalog.service_methods()) do
  if m.spec.by_id and m.spec.kind ~= "custom" then
    m.id_argument = catalog.path_arguments(m.spec)[1]
    by_id[#by_id + 1] = m
  end
end

-- The id alone (when the operation takes one), and in a table that is valid
-- but for it: { label, argument, the names the message must hold }.
local function forms(m, value)
  local args = catalog.valid_arguments(m.spec)
  args[m.id_argument] = value[2]
  local out = {}
  if m.id_argument == "id" then out[1] = { value[1], value[2], { m.where, "id" } } end
  out[#out + 1] = { ("{ %s = %s }"):format(m.id_argument, value[1]), args,
    { m.where, "'" .. m.id_argument .. "'" } }
  return out
end

local function call_with(m, value)
  return function(client)
    local svc = client[m.service]
    return svc[m.method](svc, value)
  end
end

describe("operations on one record", function()
  it("are many (the catalog found them)", function()
    assert.is_true(#by_id >= 80, #by_id .. " operations")
  end)

  for _, m in ipairs(by_id) do
    for _, value in ipairs(bad.not_ids) do
      for _, form in ipairs(forms(m, value)) do
        it(("%s refuses the id %s"):format(m.where, form[1]), function()
          refusal.expect(call_with(m, form[2]), { names = form[3] })
        end)
      end
    end
    for _, value in ipairs(bad.dot_ids) do
      for _, form in ipairs(forms(m, value)) do
        it(("%s never sends the id %s as a dot segment"):format(m.where, form[1]), function()
          refusal.no_dot_segment(call_with(m, form[2]), { names = { m.where } })
        end)
      end
    end
  end
end)

-- Operations that refresh the object they are given (contacts:load): an id
-- has nothing to refresh (find takes one), so it is refused before sending,
-- as users:load and leads:load refuse it.
describe("operations that refresh an object", function()
  local refreshing = {}
  for _, m in ipairs(by_id) do
    if m.spec.returns == "refresh" and m.spec.target then refreshing[#refreshing + 1] = m end
  end

  it("are several (the catalog found them)", function()
    assert.is_true(#refreshing >= 5, #refreshing .. " operations")
  end)

  for _, m in ipairs(refreshing) do
    it(("%s refuses an id (\"abc\"), naming 'object'"):format(m.where), function()
      refusal.expect(call_with(m, "abc"), { names = { m.where, "'object'", "find" } })
    end)
    it(("%s refuses { %s = \"abc\" }, naming 'object'"):format(m.where, m.id_argument), function()
      refusal.expect(call_with(m, catalog.valid_arguments(m.spec, { [m.id_argument] = "abc" })),
        { names = { m.where, "'object'" } })
    end)
  end
end)
