-- Services of the people group (merged into services/index.lua).
return {
  services = {
    companies = "intercom.services.companies",
    tags = "intercom.services.tags",
    notes = "intercom.services.notes",
    segments = "intercom.services.segments",
    subscription_types = "intercom.services.subscription_types",
    data_attributes = "intercom.services.data_attributes",
    visitors = "intercom.services.visitors",
    custom_object_instances = "intercom.services.custom_object_instances",
    counts = "intercom.services.counts",
    users = "intercom.services.users",
    leads = "intercom.services.leads",
    subscriptions = "intercom.services.subscriptions",
  },
  types = {
    company = "companies",
    visitor = "visitors",
    user = "users",
    lead = "leads",
  },
}
