"""The 'Reading level of awareness pages' report."""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page

from portal.exports import SafeSpreadsheetExportMixin

from .models import AwarenessArticlePage, AwarenessIndexPage, SymptomGuidePage
from .readability import TARGET_GRADE

AWARENESS_MODELS = (AwarenessIndexPage, SymptomGuidePage, AwarenessArticlePage)


def readability_status(page):
    result = page.readability
    if not result.measured:
        return _("Not measured")
    return _("Meets target") if result.meets_target else _("Above target")


class ReadabilityReportView(SafeSpreadsheetExportMixin, PageReportView):
    page_title = _("Reading level of awareness pages")
    header_icon = "doc-full"
    results_template_name = "public_awareness/reports/readability_results.html"
    index_url_name = "awareness_readability_report"
    index_results_url_name = "awareness_readability_report_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = [
        "title",
        "locale.language_code",
        "readability.grade",
        "readability.measure",
        "status",
    ]
    export_headings = {
        "title": _("Title"),
        "locale.language_code": _("Language"),
        "readability.grade": _("Reading grade"),
        "readability.measure": _("Measure"),
        "status": _("Status"),
    }

    def get_filename(self):
        return f"awareness-reading-level-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            Page.objects.type(*AWARENESS_MODELS)
            .select_related("locale")
            .order_by("path", "locale__language_code")
        )

    def decorate_paginated_queryset(self, object_list):
        pages = [page.specific for page in object_list]
        for page in pages:
            page.status = readability_status(page)
        return pages

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["target"] = TARGET_GRADE
        return context
