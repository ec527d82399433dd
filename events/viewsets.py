"""The admin's sessions: a snippet viewset listed beside the event pages, with each session's
attendance export and evaluation summary for staff who may see them."""

from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Session


class ReportsColumn(Column):
    """Links to the session's attendance CSV and evaluation summary."""

    def get_value(self, instance):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("events_attendance_csv", args=[instance.pk]),
            _("Attendance (CSV)"),
            reverse("events_evaluation_summary", args=[instance.pk]),
            _("Evaluations"),
        )


class SessionViewSet(SnippetViewSet):
    model = Session
    icon = "date"
    menu_label = _("Event sessions")
    menu_order = 280
    add_to_admin_menu = True
    ordering = ["-starts_at"]
    list_filter = ["status", "format", "event"]
    search_fields = ["title"]
    # The reports' views check their own permission (events.admin_views).
    list_display = [
        "__str__",
        "format",
        "status",
        "capacity",
        ReportsColumn("reports", label=_("After the session")),
    ]
