-- Services of the data group (merged into services/index.lua).
return {
  services = {
    events = "intercom.services.events",
    export_content = "intercom.services.export_content",
    reporting_data_exports = "intercom.services.reporting_data_exports",
    jobs = "intercom.services.jobs",
    phone_call_redirect = "intercom.services.phone_call_redirect",
    content_import_sources = "intercom.services.content_import_sources",
    external_pages = "intercom.services.external_pages",
    fin = "intercom.services.fin",
    fin_voice = "intercom.services.fin_voice",
    workflows = "intercom.services.workflows",
  },
  types = {
    job = "jobs",
  },
}
