from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import access
from .admin_views import attendance_csv, evaluation_summary
from .announcements import announcements
from .demo.loader import load
from .models import EventPage
from .search import providers
from .viewsets import SessionViewSet

register_snippet(SessionViewSet)


@hooks.register("before_serve_page")
def refuse_event_outside_its_audience(page, request, serve_args, serve_kwargs):
    """An event for members or one work group: anonymous visitors log in first, others who
    are not its audience get a 403 that says why (never a login loop)."""
    if not isinstance(page.specific, EventPage):
        return None
    reason = access.refusal(request.user, page.specific)
    if reason is None:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(reason)


@hooks.register("register_admin_urls")
def register_session_report_urls():
    return [
        path(
            "events/sessions/<int:session_id>/attendance.csv",
            attendance_csv,
            name="events_attendance_csv",
        ),
        path(
            "events/sessions/<int:session_id>/evaluations/",
            evaluation_summary,
            name="events_evaluation_summary",
        ),
    ]


@hooks.register("register_search_providers")
def register_search_providers():
    return providers()


@hooks.register("load_demo_content")
def load_events_demo_content(site, log):
    load(site, log=log)


@hooks.register("register_announcements")
def register_announcements(since):
    return announcements(since)
