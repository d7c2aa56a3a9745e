-- The seeded content of the sandbox workspace: teams, away status reasons,
-- activity logs, help centers, collections (sub-collections are the legacy
-- "sections"), articles, internal articles, newsfeeds and news items, brands,
-- sender email addresses. Deterministic, so ids and dates survive sb:reset().
-- Each route module seeds its own kind from these tables.
local _M = {}

_M.EPOCH = 1704067200 -- 2024-01-01T00:00:00Z, as in fixtures.lua
local DAY = 86400
local E = _M.EPOCH

-- Seeded admins (fixtures.lua): 991267401 Ada (support lead, "me"),
-- 991267402 Grace (engineer), 991267403 Alan (sales, away on holiday).
local ADA, GRACE, ALAN = "991267401", "991267402", "991267403"
_M.ADMIN_IDS = { ADA, GRACE, ALAN }

_M.TEAMS = {
  { id = "814865", name = "Support", distribution_method = "balanced", assignment_limit = 15,
    created_at = E + 3 * DAY },
  { id = "814866", name = "Sales", distribution_method = "round_robin", created_at = E + 4 * DAY },
}
-- Alan joins the Sales team (fixtures.lua leaves him without one).
_M.TEAM_MEMBERSHIP = { [ALAN] = { 814866 } }
_M.AWAY_REASON = { [ALAN] = "403" }

_M.AWAY_STATUS_REASONS = {
  { id = "401", emoji = "☕", label = "On a break", order = 1 },
  { id = "402", emoji = "🍽️", label = "At lunch", order = 2 },
  { id = "403", emoji = "🏖️", label = "On holiday", order = 3 },
  { id = "404", emoji = "🤒", label = "Out sick", order = 4 },
  { id = "405", emoji = "📞", label = "In a customer call", order = 5, deleted = true },
}

local OFFICE_IP = "203.0.113.24"

_M.ACTIVITY_LOGS = {
  { at = 2, by = ADA, activity_type = "admin_login_success",
    activity_description = "Ada Lovelace signed in with email and password.",
    metadata = { sign_in_method = "email_password" } },
  { at = 3, by = ADA, activity_type = "app_team_creation",
    activity_description = "Ada Lovelace created the team Support.",
    metadata = { team = { id = 814865, name = "Support" } } },
  { at = 4, by = ADA, activity_type = "app_team_creation",
    activity_description = "Ada Lovelace created the team Sales.",
    metadata = { team = { id = 814866, name = "Sales" } } },
  { at = 5, by = ADA, activity_type = "app_name_change",
    activity_description = "Ada Lovelace renamed the workspace from Sandbox Ltd to Sandbox.",
    metadata = { before = "Sandbox Ltd", after = "Sandbox" } },
  { at = 9, by = ALAN, activity_type = "admin_away_mode_change",
    activity_description = "Alan Turing set themselves away (On holiday) and reassigned new conversations.",
    metadata = { away_mode = true, reassign_conversations = true, away_status_reason = "🏖️ On holiday",
      source = "admin update from web" } },
  { at = 12, by = GRACE, activity_type = "help_center_settings_change",
    activity_description = "Grace Hopper turned on the Sandbox Help Center website.",
    metadata = { before = { website_turned_on = false }, after = { website_turned_on = true } } },
  { at = 20, by = ADA, activity_type = "admin_permission_change",
    activity_description = "Ada Lovelace allowed Grace Hopper to manage articles.",
    metadata = { before = { can_manage_articles = false }, after = { can_manage_articles = true } } },
}
_M.OFFICE_IP = OFFICE_IP

_M.HELP_CENTERS = {
  { id = "31", identifier = "sandbox", display_name = "Sandbox Help Center", website_turned_on = true,
    url = "https://help.sandbox.example.com", custom_domain = "help.sandbox.example.com",
    created_at = E + DAY, updated_at = E + 12 * DAY },
  { id = "32", identifier = "sandbox-pro", display_name = "Sandbox Pro Docs", website_turned_on = false,
    url = "https://help.sandbox.example.com/pro", created_at = E + 30 * DAY, updated_at = E + 30 * DAY },
}
_M.DEFAULT_HELP_CENTER = "31"

-- parent: a sub-collection (what API 2.10 and older call a section).
_M.COLLECTIONS = {
  { id = "4101", help_center = "31", name = "Getting started", icon = "book-bookmark", order = 1,
    description = "Set up your workspace and invite your team", at = 10 },
  { id = "4102", help_center = "31", name = "Billing and plans", icon = "credit-card", order = 2,
    description = "Plans, invoices and payment methods", at = 11 },
  { id = "4103", help_center = "31", name = "Integrations", icon = "plug", order = 3,
    description = "Connect Sandbox to the tools you already use", at = 14 },
  { id = "4104", help_center = "31", parent = "4102", name = "Invoices", icon = "receipt", order = 1, at = 15 },
  { id = "4105", help_center = "32", name = "Administration", icon = "shield", order = 1,
    description = "Security and user management for Pro workspaces", at = 31 },
}

_M.ARTICLES = {
  { id = "7201", parent = "4101", author = ADA, state = "published", at = 16, views = 1840, reactions = { 31, 6, 2 },
    title = "Create your first workspace", description = "The first five minutes with Sandbox",
    body = "<p>Sign up with your work email, name your workspace and choose where your data is hosted. "
      .. "You can invite teammates as soon as the workspace exists.</p>" },
  { id = "7202", parent = "4101", author = ADA, state = "published", at = 18, views = 920, reactions = { 12, 4, 1 },
    title = "Invite your teammates", description = "Give your colleagues a seat",
    body = "<p>Open <b>Settings &gt; Teammates</b> and send an invitation by email. "
      .. "Invitations expire after seven days.</p>" },
  { id = "7203", parent = "4102", author = GRACE, state = "published", at = 21, views = 610, reactions = { 5, 5, 4 },
    title = "Change your billing plan", description = "Upgrade, downgrade or cancel",
    body = "<p>Plan changes take effect at once; we prorate the difference on your next invoice.</p>" },
  { id = "7204", parent = "4104", author = GRACE, state = "published", at = 22, views = 433, reactions = { 9, 1, 0 },
    title = "Download an invoice", description = "PDF invoices for your accounting team",
    body = "<p>Every invoice can be downloaded as a PDF from <b>Billing &gt; Invoices</b>.</p>" },
  { id = "7205", parent = "4103", author = ADA, state = "draft", at = 25,
    title = "Connect Slack", description = "Get notified in a Slack channel",
    body = "<p>Install the Slack app, pick a channel, and new conversations will be posted there.</p>" },
  { id = "7206", author = GRACE, state = "published", at = 27, views = 75, reactions = { 2, 0, 0 },
    title = "Export your data", description = "Take a copy of everything",
    body = "<p>Admins can export contacts, companies and conversations as CSV files at any time.</p>" },
  { id = "7207", parent = "4105", author = ADA, state = "draft", at = 33,
    title = "Set up single sign-on", description = "SAML for Pro workspaces",
    body = "<p>Add your identity provider's metadata URL, then require SSO for every teammate.</p>" },
}

_M.INTERNAL_ARTICLES = {
  { id = "9301", folder = "55", author = ADA, owner = ADA, at = 17, title = "Refunds for annual plans",
    body = "<p>Refund the unused months in full within 30 days of renewal; after that, offer account credit.</p>" },
  { id = "9302", folder = "55", author = GRACE, owner = ADA, at = 19, title = "Escalating a bug to engineering",
    body = "<p>Reproduce it first, then open a ticket with the steps, the workspace id and a screenshot.</p>" },
  { id = "9303", folder = "56", author = ADA, owner = GRACE, at = 24, title = "Handling a security report",
    body = "<p>Thank the reporter, do not discuss details in the conversation, and page the on-call engineer.</p>" },
}

_M.NEWSFEEDS = {
  { id = "2101", name = "Customers", at = 6 },
  { id = "2102", name = "Everyone", at = 7 },
}

_M.NEWS_ITEMS = {
  { id = "1501", sender = ADA, state = "live", at = 40, labels = { "Product" }, reactions = { "😍", "👍", "🎉" },
    feeds = { "2101", "2102" }, cover_image_url = "https://static.sandbox.example.com/news/dark-mode.png",
    title = "Dark mode is here", body = "<p>Switch it on from your profile menu. Your eyes will thank you.</p>" },
  { id = "1502", sender = GRACE, state = "live", at = 44, labels = { "Status" }, reactions = { "👍" },
    feeds = { "2102" }, deliver_silently = true,
    title = "Maintenance on Sunday morning",
    body = "<p>Sandbox will be read-only for about twenty minutes from 06:00 UTC.</p>" },
  { id = "1503", sender = ADA, state = "draft", at = 47, labels = { "Pricing" }, reactions = {},
    feeds = { "2101" }, title = "New pricing for growing teams",
    body = "<p>Seats get cheaper from the eleventh one on.</p>" },
}

-- The default brand's id is the workspace id (brands.lua fills it in).
_M.BRANDS = {
  { default = true, name = "Sandbox", help_center_id = "31", address = "61", at = 0, updated = 12 },
  { id = "8", name = "Sandbox Pro", help_center_id = "32", address = "62", at = 30, updated = 35 },
}

_M.EMAILS = {
  { id = "61", email = "support@sandbox.example.com", brand = "default", verified = true, forwarding = true,
    last_received = 92, at = 1 },
  { id = "62", email = "hello@pro.sandbox.example.com", brand = "8", verified = true, forwarding = false, at = 30 },
  { id = "63", email = "billing@sandbox.example.com", brand = "default", verified = false, forwarding = false,
    at = 50 },
}

_M.IP_ALLOWLIST = { enabled = false, ip_allowlist = { "203.0.113.0/24", "198.51.100.7" } }

_M.DAY = DAY
return _M
