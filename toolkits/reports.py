"""Reach reports for consortium staff in the Wagtail admin: toolkit downloads by month and
organization, and each toolkit's reach among the organizations of its care settings.

The reports stay at organization level: no user, e-mail address or visitor hash leaves the
download events. The counting is done by the functions below, in the database and in a fixed
number of queries; the views only present their rows and hand them to Wagtail's spreadsheet
export (`?export=csv` / `?export=xlsx`).
"""

import django_filters
from django.db.models import Count, F
from django.db.models.functions import TruncMonth
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.reports import ReportView

from portal.exports import SafeSpreadsheetExportMixin
from portal.models import MemberOrganization

from .models import DownloadEvent, ToolkitPage

# Django's default "view" permission on download events is the report permission: staff who
# may see reach get it through a group (it is offered in Wagtail's group editor).
REPORT_PERMISSION = "toolkits.view_downloadevent"

NO_ORGANIZATION = _("No member organization")


def may_see_reports(user):
    return user.is_active and user.has_perm(REPORT_PERMISSION)


# Queries


def monthly_downloads(events=None):
    """Download counts grouped by month, toolkit, version and member organization.

    `events` is a queryset of download events already narrowed by the report's filters.
    Events whose toolkit is unknown (a file downloaded outside any toolkit, or a toolkit since
    deleted) are not toolkit downloads and are left out. Months are calendar months in the
    site's time zone, so that they match the dates staff see elsewhere in the admin.
    """
    if events is None:
        events = DownloadEvent.objects.all()
    return (
        events.filter(toolkit__isnull=False)
        .annotate(month=TruncMonth("downloaded_at"))
        .values("month", "toolkit_id", "toolkit__title", "version", "organization__name")
        .annotate(downloads=Count("id"))
        # An explicit order replaces the model's "-downloaded_at", which would split the groups.
        .order_by(
            "-month",
            "toolkit__title",
            "toolkit_id",
            "version",
            F("organization__name").asc(nulls_last=True),
        )
    )


def toolkit_reach():
    """Each live toolkit's total downloads and the number of member organizations reached.

    One aggregate query. A toolkit's download events are its only multi-valued join here,
    so the counts are not inflated by other joins.
    """
    return (
        ToolkitPage.objects.live()
        # values() before annotate() groups by these two columns only, not the whole page row.
        .values("pk", "title")
        .annotate(
            downloads=Count("download_events"),
            organizations_reached=Count("download_events__organization", distinct=True),
        )
        .order_by("title", "pk")
    )


def organizations_not_yet_reached(toolkit_ids):
    """{toolkit id: names of active organizations working in one of the toolkit's care
    settings that have never downloaded it}, for the given toolkits, in two queries."""
    toolkit_ids = list(toolkit_ids)
    # (toolkit, organization) pairs through the toolkit's care settings.
    in_settings = (
        MemberOrganization.objects.filter(is_active=True, care_settings__toolkits__in=toolkit_ids)
        .values_list("care_settings__toolkits", "pk", "name")
        .order_by()
        .distinct()
    )
    downloaded = set(
        DownloadEvent.objects.filter(toolkit__in=toolkit_ids, organization__isnull=False)
        .values_list("toolkit_id", "organization_id")
        # Without the model's ordering, whose column would defeat DISTINCT.
        .order_by()
        .distinct()
    )
    missing = {toolkit_id: set() for toolkit_id in toolkit_ids}
    for toolkit_id, organization_id, name in in_settings:
        if (toolkit_id, organization_id) not in downloaded:
            missing[toolkit_id].add(name)
    return {toolkit_id: sorted(names, key=str.casefold) for toolkit_id, names in missing.items()}


def with_not_yet_reached(rows):
    """The rows of `toolkit_reach()`, each with its `not_yet_reached` organization names."""
    rows = list(rows)
    missing = organizations_not_yet_reached(row["pk"] for row in rows)
    return [{**row, "not_yet_reached": missing[row["pk"]]} for row in rows]


# Views


class DownloadReportFilterSet(WagtailFilterSet):
    toolkit = django_filters.ModelChoiceFilter(
        label=_("Toolkit"),
        # Every toolkit, published or not: an unpublished one may have past downloads.
        queryset=ToolkitPage.objects.order_by("title"),
    )
    organization = django_filters.ModelChoiceFilter(
        label=_("Member organization"),
        queryset=MemberOrganization.objects.order_by("name"),
    )
    downloaded_at = django_filters.DateFromToRangeFilter(
        label=_("Downloaded between"), widget=DateRangePickerWidget
    )

    class Meta:
        model = DownloadEvent
        fields = ["toolkit", "organization", "downloaded_at"]


class ToolkitReportView(SafeSpreadsheetExportMixin, ReportView):
    """A report open to whoever has the report permission, and to superusers."""

    model = DownloadEvent
    permission_required = "view"
    header_icon = "download"

    def get_filename(self):
        return f"{self.export_filename}-{timezone.localdate():%Y-%m-%d}"


class GroupedRowsPaginator(WagtailPaginator):
    # Each row counts many downloads: the paginator would call the rows "downloads".
    verbose_name = _("row")
    verbose_name_plural = _("rows")


class ToolkitDownloadsReportView(ToolkitReportView):
    page_title = _("Toolkit downloads")
    results_template_name = "toolkits/reports/downloads_results.html"
    index_url_name = "toolkit_downloads_report"
    index_results_url_name = "toolkit_downloads_report_results"
    filterset_class = DownloadReportFilterSet
    paginator_class = GroupedRowsPaginator
    export_filename = "toolkit-downloads"
    list_export = ["month", "toolkit", "version", "organization", "downloads"]
    export_headings = {
        "month": _("Month"),
        "toolkit": _("Toolkit"),
        "version": _("Version"),
        "organization": _("Member organization"),
        "downloads": _("Downloads"),
    }

    def get_filtered_queryset(self):
        # Filter the events first, then group: the filters are on events, not on groups.
        return monthly_downloads(self.filter_queryset(DownloadEvent.objects.all()))

    def decorate_paginated_queryset(self, object_list):
        return [
            {
                "month": f"{row['month']:%Y-%m}",
                "toolkit": row["toolkit__title"],
                "version": row["version"],
                "organization": row["organization__name"] or NO_ORGANIZATION,
                "downloads": row["downloads"],
            }
            for row in object_list
        ]


def join_names(names):
    # Organization names may hold commas, so the export separates them with semicolons.
    return "; ".join(names)


class ToolkitReachReportView(ToolkitReportView):
    page_title = _("Toolkit reach")
    header_icon = "group"
    results_template_name = "toolkits/reports/reach_results.html"
    index_url_name = "toolkit_reach_report"
    index_results_url_name = "toolkit_reach_report_results"
    export_filename = "toolkit-reach"
    list_export = ["title", "downloads", "organizations_reached", "not_yet_reached"]
    export_headings = {
        "title": _("Toolkit"),
        "downloads": _("Downloads"),
        "organizations_reached": _("Member organizations reached"),
        "not_yet_reached": _("Not yet reached"),
    }
    custom_field_preprocess = {
        "not_yet_reached": {
            ReportView.FORMAT_CSV: join_names,
            ReportView.FORMAT_XLSX: join_names,
        }
    }

    def get_filtered_queryset(self):
        return toolkit_reach()

    def decorate_paginated_queryset(self, object_list):
        # Only the toolkits on this page (all of them for an export) are looked up.
        return with_not_yet_reached(object_list)


REPORTS = [
    (ToolkitDownloadsReportView, "toolkit-downloads"),
    (ToolkitReachReportView, "toolkit-reach"),
]


def report_urls():
    """Each report's page and results fragment, under the admin's reports/."""
    urls = []
    for view_class, route in REPORTS:
        urls += [
            path(f"reports/{route}/", view_class.as_view(), name=view_class.index_url_name),
            path(
                f"reports/{route}/results/",
                view_class.as_view(results_only=True),
                name=view_class.index_results_url_name,
            ),
        ]
    return urls


class ToolkitReportMenuItem(MenuItem):
    """A Reports menu entry shown only to those who may open the report behind it."""

    def __init__(self, label, view_class, **kwargs):
        super().__init__(label, reverse(view_class.index_url_name), **kwargs)

    def is_shown(self, request):
        return may_see_reports(request.user)
