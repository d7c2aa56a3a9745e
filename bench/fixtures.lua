-- Writes the JSON nginx serves to the bench, into the directory given:
--   contact.json        GET /contacts/{id}: one 2.4 KB contact (API 2.15 shape)
--   created.json        POST /contacts: the contact the create made
--   pages/first.json    GET /contacts?per_page=150: page 1 of the list
--   pages/<cursor>.json GET /contacts?...&starting_after=<cursor>: pages 2..20
-- Usage: lua5.4 bench/fixtures.lua DIR
-- Each list contact has the find contact's shape and size, its own id, email
-- and external_id; bench/run prints the sizes, so a changed template shows.
local w = require "workloads"

local dir = assert(arg[1], "usage: lua5.4 bench/fixtures.lua DIR")

-- A contact as the API 2.15 returns it (compact JSON on the wire, like the API).
-- {id}, {n} and {email} are filled in per contact.
local CONTACT = [[
{"type":"contact","id":"{id}","workspace_id":"ecahpwf5","external_id":"cus_{n}",
"role":"user","email":"{email}","email_domain":"example.com","phone":"+353 1 555 0142",
"formatted_phone":"+35315550142","name":"Aoife Byrne-Fitzgerald","owner_id":5281731,
"has_hard_bounced":false,"marked_email_as_spam":false,"unsubscribed_from_emails":false,
"created_at":1715860400,"updated_at":1717081233,"signed_up_at":1715860398,
"last_seen_at":1717080411,"last_replied_at":1716902210,"last_contacted_at":1716889000,
"last_email_opened_at":1716889342,"last_email_clicked_at":null,"language_override":null,
"browser":"chrome","browser_version":"124.0.6367.91","browser_language":"en-GB",
"os":"macOS 14.4.1","ios_app_name":"Acme","ios_app_version":"5.12.0",
"ios_device":"iPhone15,2","ios_os_version":"17.4.1","ios_sdk_version":"17.0.3",
"ios_last_seen_at":1716990112,"avatar":{"type":"avatar",
"image_url":"https://static.intercomassets.com/avatars/7734561/square_128/aoife.jpg"},
"location":{"type":"location","country":"Ireland","region":"Leinster","city":"Dublin",
"country_code":"IRL","continent_code":"EU"},
"social_profiles":{"type":"list","data":[{"type":"social_profile","name":"Twitter",
"url":"https://twitter.com/aoifeb"}]},
"custom_attributes":{"plan":"growth","seats":12,"mrr":499.5,"trial":false,
"signup_source":"website","account_manager":"Ciara","nps_score":9},
"tags":{"type":"list","data":[{"type":"tag","id":"8213377","url":"/tags/8213377"},
{"type":"tag","id":"8213401","url":"/tags/8213401"}],"url":"/contacts/{id}/tags",
"total_count":2,"has_more":false},
"notes":{"type":"list","data":[{"type":"note","id":"41122907","url":"/notes/41122907"}],
"url":"/contacts/{id}/notes","total_count":1,"has_more":false},
"companies":{"type":"list","data":[{"type":"company","id":"6643703ffae7834d1792fd11",
"url":"/companies/6643703ffae7834d1792fd11"}],"url":"/contacts/{id}/companies",
"total_count":1,"has_more":false},
"opted_in_subscription_types":{"type":"list","data":[{"type":"subscription","id":"37846",
"url":"/subscriptions/37846"}],"url":"/contacts/{id}/subscriptions","total_count":1,
"has_more":false},"utm_campaign":"spring_launch","utm_content":null,
"utm_medium":"cpc","utm_source":"google",
"referrer":"https://www.google.com/","sms_consent":false,"unsubscribed_from_sms":false,
"enabled_push_messaging":true}]]

local function contact(id, n, email)
  local json = CONTACT:gsub("\n", ""):gsub("{(%a+)}", { id = id, n = n, email = email })
  return json
end

local function write(name, text)
  local f = assert(io.open(dir .. "/" .. name, "wb"))
  assert(f:write(text))
  assert(f:close())
end

write("contact.json", contact(w.FIND_ID, "00042", "aoife.byrne@example.com"))
write("created.json", contact("6650000000000000000ffff1", "new", w.create_email(1)))

for p = 1, w.PAGES do
  local data = {}
  for k = 1, w.PER_PAGE do
    local i = (p - 1) * w.PER_PAGE + k
    data[k] = contact(w.list_id(i), ("%05d"):format(i), ("user%04d@example.com"):format(i))
  end
  local next_link = ""
  if p < w.PAGES then
    next_link = ('"next":{"page":%d,"starting_after":"%s"},'):format(p + 1, w.cursor(p + 1))
  end
  local page = ('{"type":"list","data":[%s],"total_count":%d,"pages":{"type":"pages",%s'
    .. '"page":%d,"per_page":%d,"total_pages":%d}}'):format(table.concat(data, ","),
    w.LIST_TOTAL, next_link, p, w.PER_PAGE, w.PAGES)
  write(p == 1 and "pages/first.json" or ("pages/%s.json"):format(w.cursor(p)), page)
end
