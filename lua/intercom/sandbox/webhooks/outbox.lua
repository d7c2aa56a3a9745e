-- The sandbox's webhook deliveries: a notification for each subscription
-- that wants a topic, queued here, sent by whoever drains the queue (the
-- HTTP front's delivery thread, or sb:deliver() in-process), retried with
-- backoff, and journaled for sb:deliveries().
--
-- Deliveries go to loopback URLs only (127.x, localhost, [::1]): any other
-- is journaled as "skipped", so the sandbox never sends anything off the
-- machine. Each POST is signed as Intercom signs it: X-Hub-Signature:
-- sha1=<hex HMAC-SHA1 of the body>, keyed with the subscription's
-- hub_secret, else the sandbox's client_secret.
local core = require "intercom.core"
local json = require "intercom.sandbox.server.json"
local ids = require "intercom.sandbox.model.ids"
local store = require "intercom.sandbox.model.store"
local topics = require "intercom.sandbox.webhooks.topics"

local _M = {}

_M.DEFAULTS = { client_secret = "sandbox-client-secret", attempts = 3, backoff = 1, timeout = 5 }
_M.MAX_JOURNAL = 1000 -- the oldest entries go first past this many

-- outbox.new(cfg) with cfg = { client_secret, attempts, backoff, timeout }
function _M.new(cfg)
  cfg = type(cfg) == "table" and cfg or {}
  local o = { list = {}, by_id = {}, serial = 0 }
  for k, v in pairs(_M.DEFAULTS) do o[k] = cfg[k] == nil and v or cfg[k] end
  return o
end

local function loopback(url)
  local host = url:match("^https?://([^/:%[]+)") or url:match("^https?://(%[[^%]]*%])")
  return host == "localhost" or host == "[::1]" or (host ~= nil and host:match("^127%.%d+%.%d+%.%d+$") ~= nil)
end

local function wants(sub, topic)
  if sub.active == false then return nil end
  local v1 = topics.V1_NAMES[topic]
  for _, t in ipairs(sub.topics or {}) do
    if t == topic or (v1 and t == v1) then return t end
  end
  return nil
end

local function notification_id()
  return "notif_" .. ids.request_id()
end

-- The body of one attempt (delivery_attempts counts this one).
local function body_of(d)
  return json.encode({
    type = "notification_event", app_id = d.app_id, id = d.notification_id, topic = d.topic,
    data = { type = "notification_event_data", item = d.item },
    created_at = d.created_at, first_sent_at = d.first_sent_at or d.created_at, delivered_at = 0,
    delivery_attempts = d.attempts + 1, delivery_status = d.attempts == 0 and "pending" or "retry",
    links = json.array(), self = json.null, metadata = {},
  })
end

local function journal_trim(o)
  while #o.list > _M.MAX_JOURNAL do
    local old = table.remove(o.list, 1)
    o.by_id[old.id] = nil
  end
end

-- A topic happened: queue a delivery for every subscription that wants it.
function _M.publish(o, st, topic, item, now)
  for _, sub in ipairs(store.list(st, "webhook_subscriptions")) do
    local asked = wants(sub, topic)
    if asked then
      o.serial = o.serial + 1
      local d = {
        id = "dlv_" .. o.serial, notification_id = notification_id(), subscription_id = sub.id,
        url = sub.url, topic = asked, app_id = st.workspace_id, item = json.copy(item), created_at = now,
        attempts = 0, status = "pending", due = now, responses = json.array(),
        secret = sub.hub_secret or o.client_secret,
      }
      if not loopback(sub.url) then
        d.status = "skipped"
        d.reason = "not a loopback URL: the sandbox delivers to this machine only"
      end
      o.list[#o.list + 1] = d
      o.by_id[d.id] = d
    end
  end
  journal_trim(o)
end

-- Deliveries due by now, marked as sending: { jobs = {...}, wait = seconds
-- until the next pending one is due, or -1 when none is pending }.
function _M.take(o, now)
  local jobs, wait = json.array(), -1
  for _, d in ipairs(o.list) do
    if d.status == "pending" then
      if d.due <= now then
        local body = body_of(d)
        d.status, d.sending_body = "sending", body
        d.first_sent_at = d.first_sent_at or math.floor(now)
        jobs[#jobs + 1] = {
          id = d.id, url = d.url, body = body, timeout = o.timeout,
          headers = {
            ["Content-Type"] = "application/json",
            ["User-Agent"] = "Intercom-Webhooks (lua-intercom sandbox)",
            ["X-Hub-Signature"] = "sha1=" .. core.hmac_hex("sha1", d.secret, body),
          },
        }
      else
        local w = d.due - now
        if wait < 0 or w < wait then wait = w end
      end
    end
  end
  return { jobs = jobs, wait = wait }
end

-- Results of sent jobs: { { id, status } | { id, error } }. A 2xx is
-- delivered; anything else is retried after backoff * 2^(attempt-1) seconds
-- until attempts are spent, then "failed".
function _M.record(o, results, now)
  for _, r in ipairs(type(results) == "table" and results or {}) do
    local d = type(r) == "table" and o.by_id[r.id]
    if d and d.status == "sending" then
      d.attempts = d.attempts + 1
      d.body, d.sending_body = d.sending_body, nil
      local ok = type(r.status) == "number" and r.status >= 200 and r.status < 300
      d.responses[#d.responses + 1] = { status = r.status or json.null, error = r.error or json.null, at = now }
      if ok then
        d.status, d.delivered_at = "delivered", now
      elseif d.attempts >= o.attempts then
        d.status = "failed"
      else
        d.status, d.due = "pending", now + o.backoff * 2 ^ (d.attempts - 1)
      end
    end
  end
  return { ok = true }
end

-- How many are still to send (pending or sending).
function _M.pending(o)
  local n = 0
  for _, d in ipairs(o.list) do
    if d.status == "pending" or d.status == "sending" then n = n + 1 end
  end
  return n
end

-- The journal, oldest first, as sb:deliveries() shows it.
function _M.list(o)
  local out = json.array()
  for i, d in ipairs(o.list) do
    out[i] = {
      id = d.id, notification_id = d.notification_id, subscription_id = d.subscription_id, url = d.url,
      topic = d.topic, status = d.status, attempts = d.attempts, responses = d.responses,
      body = d.body or json.null, reason = d.reason or json.null, created_at = d.created_at,
      delivered_at = d.delivered_at or json.null,
    }
  end
  return out
end

_M.loopback = loopback

return _M
