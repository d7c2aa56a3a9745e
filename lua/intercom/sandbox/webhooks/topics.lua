-- Which API calls make which webhook topics, as data: a route key (as the
-- router names it) -> a rule(ev) returning topic, item, or nothing.
--   ev.value   the route's JSON answer       ev.body  the request's JSON body
--   ev.params  the path's parameters          ev.now   the request's time
--   ev.grew    whether the rule's `grows` kind gained a record (a create, not
--              an upsert of one that existed)
--   ev.fetch(path) -> the API's rendering of GET path (nil when missing)
-- The item is what the API would render for the object, as Intercom sends it.
local _M = {}

local function contact_tag(ev, topic)
  local contact = ev.fetch("/contacts/" .. tostring(ev.params.id))
  if not contact then return nil end
  local tag = ev.value
  if type(tag) ~= "table" or tag.type ~= "tag" then return nil end
  return topic, { type = "contact_tag", created_at = ev.now, tag = tag, contact = contact }
end

local PART_TOPICS = {
  close = "conversation.admin.closed", open = "conversation.admin.opened",
  assignment = "conversation.admin.assigned", snoozed = "conversation.admin.snoozed",
}

_M.RULES = {
  ["POST /contacts"] = { grows = "contacts", function(ev)
    local v = ev.value
    if not ev.grew or type(v) ~= "table" or v.type ~= "contact" then return nil end
    return v.role == "lead" and "contact.lead.created" or "contact.user.created", v
  end },
  ["POST /contacts/{}/tags"] = { function(ev) return contact_tag(ev, "contact.tag.created") end },
  ["DELETE /contacts/{}/tags/{}"] = { function(ev) return contact_tag(ev, "contact.tag.deleted") end },
  ["POST /users"] = { grows = "contacts", function(ev)
    if ev.grew and type(ev.value) == "table" then return "user.created", ev.value end
  end },
  ["DELETE /users/{}"] = { function(ev)
    if type(ev.value) == "table" then return "user.deleted", ev.value end
  end },
  ["POST /conversations"] = { function(ev)
    local v = ev.value
    if type(v) ~= "table" or v.conversation_id == nil then return nil end
    local c = ev.fetch("/conversations/" .. tostring(v.conversation_id))
    if c then return "conversation.user.created", c end
  end },
  ["POST /messages"] = { function(ev)
    local v = ev.value
    if type(v) ~= "table" or v.type ~= "admin_message" or v.conversation_id == nil then return nil end
    local c = ev.fetch("/conversations/" .. tostring(v.conversation_id))
    if c then return "conversation.admin.single.created", c end
  end },
  ["POST /conversations/{}/reply"] = { function(ev)
    local b = type(ev.body) == "table" and ev.body or {}
    if b.type == "admin" then
      return b.message_type == "note" and "conversation.admin.noted" or "conversation.admin.replied", ev.value
    end
    return "conversation.user.replied", ev.value
  end },
  ["POST /conversations/{}/parts"] = { function(ev)
    local b = type(ev.body) == "table" and ev.body or {}
    local topic = PART_TOPICS[b.message_type]
    if topic then return topic, ev.value end
  end },
  ["POST /companies"] = { grows = "companies", function(ev)
    if ev.grew and type(ev.value) == "table" then return "company.created", ev.value end
  end },
  ["POST /tags"] = { grows = "tags", function(ev)
    if ev.grew and type(ev.value) == "table" then return "tag.created", ev.value end
  end },
  ["POST /tickets"] = { function(ev)
    if type(ev.value) == "table" and ev.value.type == "ticket" then return "ticket.created", ev.value end
  end },
  ["POST /events"] = { function(ev)
    local b = ev.body
    if type(b) ~= "table" or type(b.event_name) ~= "string" then return nil end
    return "event.created", {
      type = "event", event_name = b.event_name, created_at = b.created_at or ev.now,
      user_id = b.user_id, email = b.email, id = b.id, metadata = b.metadata,
    }
  end },
}

-- A subscription may name a topic by its v1 name: contact.user.created was
-- user.created there. The delivery carries the name the subscription asked for.
_M.V1_NAMES = {
  ["contact.user.created"] = "user.created",
  ["contact.lead.created"] = "contact.created",
  ["contact.tag.created"] = "user.tag.created",
  ["contact.tag.deleted"] = "user.tag.deleted",
}

-- Every topic a subscription may ask for.
_M.ALL = {
  "conversation.user.created", "conversation.user.replied", "conversation.admin.replied",
  "conversation.admin.single.created", "conversation.admin.assigned", "conversation.admin.noted",
  "conversation.admin.closed", "conversation.admin.opened", "conversation.admin.snoozed",
  "conversation.admin.unsnoozed", "user.created", "user.deleted", "user.unsubscribed", "user.email.updated",
  "user.tag.created", "user.tag.deleted", "contact.created", "contact.signed_up", "contact.added_email",
  "contact.user.created", "contact.lead.created", "contact.tag.created", "contact.tag.deleted",
  "company.created", "event.created", "tag.created", "ticket.created", "visitor.signed_up", "ping",
}

return _M
