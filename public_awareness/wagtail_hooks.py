from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from portal.reports import PageReportMenuItem, page_report_urls

from .demo.loader import load
from .guides import add_symptom_guide_link
from .reports import ReadabilityReportView
from .search import providers


@hooks.register("register_admin_urls")
def register_readability_report_urls():
    return page_report_urls(ReadabilityReportView, "awareness-reading-level")


@hooks.register("register_reports_menu_item")
def register_readability_report_menu_item():
    return PageReportMenuItem(
        _("Reading level of awareness pages"),
        ReadabilityReportView,
        icon_name="doc-full",
        order=710,
    )


@hooks.register("load_demo_content")
def load_awareness_demo_content(site, log):

    load(site, log=log)


@hooks.register("register_search_providers")
def register_search_providers():

    return providers()


hooks.register("construct_not_found_links", add_symptom_guide_link)
