-- client.articles against the sandbox, with the wire format checked there.
local harness = require "sandbox_harness"

describe("client.articles", function()
  local sandbox, client
  local ADA = "991267401"

  local helpers = harness.new({ token = "articles_spec_token" }, function(c, s) client, sandbox = c, s end)
  local last, bad_input = helpers.last, helpers.bad_input

  local function new_article(fields)
    local args = { title = "How to reset your password", author_id = ADA, state = "published",
      body = "<p>Click <b>Forgot password</b> on the sign-in page.</p>" }
    for k, v in pairs(fields or {}) do args[k] = v end
    return client.articles:create(args)
  end

  describe("all and find", function()
    it("lists every article, most recently updated first, asking for 250 a page", function()
      local articles = client.articles:all():to_array()
      assert.equal(7, #articles)
      for i = 2, #articles do assert.is_true(articles[i - 1].updated_at >= articles[i].updated_at) end
      assert.equal("article", articles[1].type)
      assert.is_nil(articles[1].statistics) -- list items have none
      assert.equal("GET /articles", last().method .. " " .. last().path)
      assert.equal("250", last().query.per_page)
    end)

    it("follows pages.next across pages", function()
      sandbox:clear_requests()
      local ids = {}
      for a in client.articles:all{ per_page = 3 } do
        assert.is_nil(ids[a.id], "an article came twice")
        ids[a.id] = true
      end
      local n = 0
      for _ in pairs(ids) do n = n + 1 end
      assert.equal(7, n)
      local reqs = sandbox:requests()
      assert.equal(3, #reqs)
      assert.same({ per_page = "3" }, reqs[1].query)
      assert.same({ page = "2", per_page = "3" }, reqs[2].query)
      assert.same({ page = "3", per_page = "3" }, reqs[3].query)
    end)

    it("finds an article with its statistics and place in the help center", function()
      local a = client.articles:find("7204")
      assert.equal("GET /articles/7204", last().method .. " " .. last().path)
      assert.equal("Download an invoice", a.title)
      assert.equal("article_statistics", a.statistics.type)
      assert.equal(433, a.statistics.views)
      assert.equal(4104, a.parent_id)
      assert.same({ 4104, 4102 }, a.parent_ids) -- the section, then its collection
      assert.matches("^https://help%.sandbox%.example%.com/en/articles/7204%-download%-an%-invoice$", a.url)
      assert.equal(a.title, client.articles:find{ id = 7204 }.title)
      assert.equal(a.title, client.articles:find(a).title)
    end)

    it("raises ResourceNotFound for an unknown article", function()
      local ok, err = pcall(client.articles.find, client.articles, "1")
      assert.is_false(ok)
      assert.equal("ResourceNotFound", err.class)
      assert.equal("not_found", err.code)
    end)
  end)

  describe("create, save, update", function()
    it("creates an article from a table", function()
      local a = new_article{ parent_id = 4101, description = "Locked out?" }
      local req = last()
      assert.equal("POST /articles", req.method .. " " .. req.path)
      -- API 2.15 declares author_id an integer: the admin's id given as a string goes as one
      assert.same({ title = "How to reset your password", author_id = 991267401, state = "published",
        parent_id = 4101, description = "Locked out?",
        body = "<p>Click <b>Forgot password</b> on the sign-in page.</p>" }, req.json)
      assert.matches('"author_id":991267401', req.body, 1, true)
      assert.equal("article", a.type)
      assert.equal(991267401, a.author_id)
      assert.equal(4101, a.parent_id)
      assert.equal("collection", a.parent_type)
      assert.matches("/en/articles/" .. a.id .. "%-how%-to%-reset%-your%-password$", a.url)
      assert.equal(0, a.statistics.views)
      assert.equal(a.title, client.articles:find(a.id).title)
    end)

    it("keeps translations by locale", function()
      local a = new_article{ translated_content = { fr = { title = "Réinitialiser votre mot de passe",
        body = "<p>Cliquez sur « Mot de passe oublié ».</p>", state = "published" } } }
      assert.equal("Réinitialiser votre mot de passe", a.translated_content.fr.title)
      assert.equal("How to reset your password", a.translated_content.en.title)
      assert.matches("/fr/articles/", a.translated_content.fr.url)
    end)

    it("saves only what changed, and refreshes the article", function()
      local a = new_article()
      local created_url = a.url
      a.title = "Reset a forgotten password"
      a.state = "draft"
      assert.equal(a, client.articles:save(a))
      local req = last()
      assert.equal("PUT /articles/" .. a.id, req.method .. " " .. req.path)
      assert.same({ title = "Reset a forgotten password", state = "draft" }, req.json)
      assert.is_string(created_url)
      assert.is_nil(a.url) -- a draft has no URL
      local before = #sandbox:requests()
      client.articles:save(a) -- nothing changed: nothing sent
      assert.equal(before, #sandbox:requests())
    end)

    it("saves a table as a new article", function()
      local a = client.articles:save{ title = "Two-factor authentication", author_id = ADA,
        translated_content = { fr = { title = "Authentification", author_id = "991267402" } } }
      assert.equal("POST /articles", last().method .. " " .. last().path)
      assert.equal(991267401, last().json.author_id)
      assert.equal(991267402, last().json.translated_content.fr.author_id)
      assert.equal("draft", a.state)
    end)

    it("updates by id without fetching first", function()
      local a = client.articles:update{ id = "7205", state = "published", parent_id = 4101, author_id = "991267402" }
      local req = last()
      assert.equal("PUT /articles/7205", req.method .. " " .. req.path)
      assert.same({ state = "published", parent_id = 4101, author_id = 991267402 }, req.json)
      assert.equal("published", a.state)
      assert.equal(4101, client.articles:find("7205").parent_id)
    end)

    it("answers the API's errors", function()
      local ok, err = pcall(new_article, { author_id = "12345" })
      assert.is_false(ok)
      assert.equal("BadRequestError", err.class)
      assert.equal("author_id", err.field)
      ok, err = pcall(new_article, { parent_id = 99 })
      assert.is_false(ok)
      assert.equal("parameter_invalid", err.code)
      ok, err = pcall(client.articles.update, client.articles, { id = "1", title = "x" })
      assert.is_false(ok)
      assert.equal("ResourceNotFound", err.class)
    end)

    it("refuses bad arguments before sending", function()
      bad_input(function() client.articles:create() end, "expected a table of arguments")
      bad_input(function() client.articles:create{ author_id = ADA } end, "'title' is required")
      bad_input(function() client.articles:create{ title = "x" } end, "'author_id' is required")
      bad_input(function() client.articles:create{ title = 5, author_id = ADA } end, "'title' must be a string")
      bad_input(function() client.articles:create{ title = "x", author_id = ADA, translated_content = "fr" } end,
        "translated_content' must be a table")
      bad_input(function() client.articles:update{ title = "x" } end, "argument 'id'")
      bad_input(function() client.articles:update{ id = "7201", parent_id = true } end, "parent_id")
      bad_input(function() client.articles:save("7201") end, "articles:save")
      bad_input(function() client.articles:create{ title = "x", author_id = "ada" } end, "articles:create: "
        .. "argument 'author_id' must be an integer id %(or a string of digits%), got the string \"ada\"")
      bad_input(function() client.articles:create{ title = "x", author_id = ADA, parent_id = "collection" } end,
        "argument 'parent_id' must be an integer id")
      bad_input(function()
        client.articles:create{ title = "x", author_id = ADA, translated_content = { fr = { author_id = "12a" } } }
      end, "argument 'translated_content.fr.author_id' must be an integer id")
      bad_input(function() client.articles:update{ id = "7201", author_id = "-3" } end, "must be an integer")
      local a = client.articles:find("7201")
      a.author_id = "Ada"
      bad_input(function() client.articles:save(a) end, "articles:save: argument 'author_id' must be an integer id")
    end)
  end)

  describe("delete", function()
    it("deletes an article, returning the object it was given (archive is the same)", function()
      local a = new_article()
      assert.equal(a, client.articles:delete(a))
      assert.equal("DELETE /articles/" .. a.id, last().method .. " " .. last().path)
      local ok, err = pcall(client.articles.find, client.articles, a.id)
      assert.is_false(ok)
      assert.equal("ResourceNotFound", err.class)
      local b = new_article()
      client.articles:archive(b)
      assert.equal("DELETE /articles/" .. b.id, last().method .. " " .. last().path)
    end)

    it("deletes by id, returning the API's answer", function()
      local answer = client.articles:delete("7206")
      assert.is_true(answer.deleted)
      assert.equal("article", answer.object)
      assert.equal("7206", answer.id)
    end)

    it("refuses bad arguments before sending", function()
      bad_input(function() client.articles:delete() end, "argument 'id'")
      bad_input(function() client.articles:delete(false) end, "articles:delete")
    end)
  end)

  describe("search", function()
    it("finds articles by phrase, title matches first", function()
      local found = client.articles:search{ phrase = "invoice" }:to_array()
      assert.equal(2, #found)
      assert.equal("Download an invoice", found[1].title) -- a title match
      assert.equal("Change your billing plan", found[2].title) -- a body match
      assert.equal("article_statistics", found[1].statistics.type)
      local req = last()
      assert.equal("GET /articles/search", req.method .. " " .. req.path)
      assert.same({ phrase = "invoice" }, req.query)
      assert.equal("Download an invoice", client.articles:search("INVOICE"):first().title)
    end)

    it("filters by state and help center", function()
      for a in client.articles:search{ state = "draft" } do assert.equal("draft", a.state) end
      assert.same({ state = "draft" }, last().query)
      local pro = client.articles:search{ help_center_id = 32 }:to_array()
      assert.equal(1, #pro)
      assert.equal("Set up single sign-on", pro[1].title)
      assert.equal(0, #client.articles:search{ phrase = "single sign-on", state = "published" }:to_array())
    end)

    it("returns highlights on each page", function()
      local found = client.articles:search{ phrase = "invoice", highlight = true }
      assert.equal(0, #sandbox:requests()) -- lazy: nothing sent until iterated
      local page = found:pages()()
      assert.same({ phrase = "invoice", highlight = "true" }, last().query)
      local h = page.data.highlights[1]
      assert.equal("7204", h.article_id)
      assert.same({ type = "highlight", text = "invoice" }, h.highlighted_title[2]:to_table())
      local summary = h.highlighted_summary[1]
      local marked = false
      for _, run in ipairs(summary) do
        marked = marked or (run.type == "highlight" and run.text:lower() == "invoice")
      end
      assert.is_true(marked)
    end)

    it("pages through many matches", function()
      for i = 1, 12 do new_article{ title = ("Release notes %02d"):format(i) } end
      sandbox:clear_requests()
      local titles = {}
      for a in client.articles:search{ phrase = "release notes" } do titles[#titles + 1] = a.title end
      assert.equal(12, #titles)
      local reqs = sandbox:requests()
      assert.equal(2, #reqs)
      assert.equal("2", reqs[2].query.page)
      assert.equal("release notes", reqs[2].query.phrase)
    end)

    it("refuses bad arguments before sending", function()
      bad_input(function() client.articles:search{ state = "archived" } end, "'state' must be one of")
      bad_input(function() client.articles:search{ phrase = 42 } end, "'phrase' must be a string")
      bad_input(function() client.articles:search{ highlight = "yes" } end, "'highlight' must be a boolean")
      bad_input(function() client.articles:search{ help_center_id = 3.5 } end, "help_center_id")
      bad_input(function() client.articles:search(true) end, "articles:search")
    end)
  end)
end)
