-- client.tags (the Ruby gem's Service::Tag). API 2.15: /tags. POST /tags
-- does everything that changes tags: create, rename (with the id), and tag
-- or untag companies and users.
local op = require "intercom.operation"
local check = require "intercom.check"
local core = require "intercom.core"
local request = require "intercom.request"

local type, pairs, ipairs, next = type, pairs, ipairs, next
local is_resource = core.is_resource

-- One user or company of a tagging request, as the API names it: { id },
-- or for users { email } / { user_id }, for companies { company_id }.
local KEYS = { users = { "id", "email", "user_id" }, companies = { "id", "company_id" } }

local function entity(where, field, x, untag)
  local out
  if is_resource(x) then
    if x.id == nil then op.raise("AttributeNotSetError", where, "this object has no id") end
    out = { id = x.id }
  elseif check.is_id(x) then
    out = { id = x }
  elseif type(x) == "table" then
    out = {}
    for _, k in ipairs(KEYS[field]) do out[k] = x[k] end
    if next(out) == nil then
      check.fail(where, ("each of '%s' needs one of %s"):format(field, table.concat(KEYS[field], ", ")))
    end
  else
    check.fail(where, ("each of '%s' must be an intercom object, an id or a table, got %s")
      :format(field, check.describe(x)))
  end
  if untag then out.untag = true end
  return out
end

-- tag{ name =, users = {...} | companies = {...} } and untag{ ... }: the
-- body is name plus the lists (no tag_or_untag marker, unlike the gem).
local function tagging(untag)
  return op.custom(function(svc, where, args)
    check.value(where, "arguments", args, "table!")
    check.args(where, args, { name = "string!", users = "table", companies = "table" })
    if args.users == nil and args.companies == nil then check.fail(where, "give users or companies") end
    local body = { name = args.name }
    for field in pairs(KEYS) do
      if args[field] ~= nil then
        local list = {}
        for i, x in ipairs(args[field]) do list[i] = entity(where, field, x, untag) end
        if #list == 0 then check.fail(where, ("argument '%s' must be a non-empty list"):format(field)) end
        body[field] = list
      end
    end
    for k in pairs(args) do
      if k ~= "name" and KEYS[k] == nil then check.fail(where, ("unknown argument '%s'"):format(tostring(k))) end
    end
    local data = request.send(op.client(svc), "POST", "/tags", nil, body, { where = where })
    return op.result(where, {}, op.client(svc), data)
  end, { "POST /tags" })
end

return {
  ops = {
    all = op.list { "GET /tags", paging = "cursor" },
    find = op.call { "GET /tags/{tag_id}", target = "tag_id", returns = "object!" },
    find_all = op.list { "GET /tags", paging = "cursor" },
    create = op.call { "POST /tags", args = { name = "string!" }, needs_args = true },
    -- renames: POST /tags with the id and the new name (the gem PUTs /tags/{id})
    save = op.save { update = "POST /tags", create = "POST /tags", identity = { "id", "name" } },
    tag = tagging(false),
    untag = tagging(true),
    delete = op.call { "DELETE /tags/{tag_id}", target = "tag_id", returns = "target" },
    archive = op.call { "DELETE /tags/{tag_id}", target = "tag_id", returns = "target" },
  },
}
