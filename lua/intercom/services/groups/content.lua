-- Services of the content group (merged into services/index.lua).
return {
  services = {
    admins = "intercom.services.admins",
    teams = "intercom.services.teams",
    articles = "intercom.services.articles",
    collections = "intercom.services.collections",
    sections = "intercom.services.sections",
    help_centers = "intercom.services.help_centers",
    internal_articles = "intercom.services.internal_articles",
    news_items = "intercom.services.news_items",
    newsfeeds = "intercom.services.newsfeeds",
    away_status_reasons = "intercom.services.away_status_reasons",
    brands = "intercom.services.brands",
    emails = "intercom.services.emails",
    ip_allowlist = "intercom.services.ip_allowlist",
  },
  types = {
    admin = "admins",
    newsfeed = "newsfeeds",
  },
}
