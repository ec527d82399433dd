"""The 'Pages due for review' report in the Wagtail admin."""

import datetime

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import PageReportView

from .review import overdue_review_pages


class PagesDueForReviewView(PageReportView):
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
