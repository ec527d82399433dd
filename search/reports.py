"""The search query report in the Wagtail admin: what people search for most, and what finds
nothing (the gaps to fill with content, synonyms or promoted results). Counts only: no user,
session or address is stored with a query (search.queries)."""

import django_filters
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query

from portal.exports import SafeSpreadsheetExportMixin

from .models import ZeroResultHits
from .queries import query_report

# The report's permission: Django's view permission on zero-result counts, offered in
# Wagtail's group editor (superusers have it anyway).
REPORT_PERMISSION = "search.view_zeroresulthits"
PERIODS = ((7, _("Last 7 days")), (30, _("Last 30 days")), (90, _("Last 90 days")))


def may_see_report(user):
    return user.is_active and user.has_perm(REPORT_PERMISSION)


class QueryReportFilterSet(WagtailFilterSet):
    days = django_filters.TypedChoiceFilter(
        label=_("Period"),
        choices=PERIODS,
        coerce=int,
        empty_value=30,
        method="no_filter",
    )
    zero_results = django_filters.BooleanFilter(
        label=_("Only searches that found nothing"),
        widget=django_filters.widgets.BooleanWidget(),
        method="no_filter",
    )

    def no_filter(self, queryset, name, value):
        # The report's rows are aggregated from these choices (see get_filtered_queryset).
        return queryset

    class Meta:
        model = Query
        fields = []


class SearchQueryReportView(SafeSpreadsheetExportMixin, ReportView):
    page_title = _("Search queries")
    header_icon = "search"
    model = ZeroResultHits
    permission_required = "view"
    results_template_name = "search/reports/queries_results.html"
    index_url_name = "search_query_report"
    index_results_url_name = "search_query_report_results"
    filterset_class = QueryReportFilterSet
    export_filename = "search-queries"
    list_export = ["query_string", "searches", "zero_results", "last_searched"]
    export_headings = {
        "query_string": _("Query"),
        "searches": _("Searches"),
        "zero_results": _("Searches that found nothing"),
        "last_searched": _("Last searched"),
    }

    def get_filtered_queryset(self):
        filters = self.filters.form.cleaned_data if self.filters and self.filters.is_valid() else {}
        return query_report(
            days=filters.get("days") or 30, zero_results_only=bool(filters.get("zero_results"))
        )

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"


def report_urls():
    view = SearchQueryReportView
    return [
        path("reports/search-queries/", view.as_view(), name=view.index_url_name),
        path(
            "reports/search-queries/results/",
            view.as_view(results_only=True),
            name=view.index_results_url_name,
        ),
    ]


class SearchQueryReportMenuItem(MenuItem):
    def __init__(self, **kwargs):
        super().__init__(
            _("Search queries"), reverse(SearchQueryReportView.index_url_name), **kwargs
        )

    def is_shown(self, request):
        return may_see_report(request.user)
