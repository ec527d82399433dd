"""Page reports in the Wagtail admin: 'Pages due for review' and the pieces every report uses."""

import datetime

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import PageReportView
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .exports import SafeSpreadsheetExportMixin
from .review import overdue_review_pages


class PagesDueForReviewView(SafeSpreadsheetExportMixin, PageReportView):
    page_title = _("Pages due for review")
    header_icon = "time"
    results_template_name = "portal/reports/pages_due_for_review_results.html"
    index_url_name = "pages_due_for_review"
    index_results_url_name = "pages_due_for_review_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = PageReportView.list_export + ["next_review_due", "last_reviewed", "content_owner"]
    export_headings = {
        **PageReportView.export_headings,
        "next_review_due": _("Next review due"),
        "last_reviewed": _("Page last reviewed"),
        "content_owner": _("Content owner"),
    }

    def get_filename(self):
        return f"pages-due-for-review-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            self.permission_policy.instances_user_has_permission_for(self.request.user, "change")
            & overdue_review_pages()
        ).order_by("path")

    def decorate_paginated_queryset(self, object_list):
        # Review fields live on each page type's own table.
        return [page.specific for page in object_list]


class PageReportMenuItem(MenuItem):
    """A Reports menu entry shown to whoever may use the page report behind it."""

    def __init__(self, label, view_class, **kwargs):
        super().__init__(label, reverse(view_class.index_url_name), **kwargs)
        self.view_class = view_class

    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, self.view_class.any_permission_required
        )


def page_report_urls(view_class, route):
    """The two URL patterns a page report needs: the page and its results fragment."""
    return [
        path(f"reports/{route}/", view_class.as_view(), name=view_class.index_url_name),
        path(
            f"reports/{route}/results/",
            view_class.as_view(results_only=True),
            name=view_class.index_results_url_name,
        ),
    ]
