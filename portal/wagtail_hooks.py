from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import register_snippet

from . import access
from .reports import PagesDueForReviewView
from .viewsets import MembersViewSetGroup

register_snippet(MembersViewSetGroup)


@hooks.register("before_serve_page", order=-100)
def refuse_restricted_page(page, request, serve_args, serve_kwargs):
    access.refuse_logged_in_user(page.get_view_restrictions(), request)


@hooks.register("before_serve_document", order=-100)
def refuse_restricted_document(document, request):
    access.refuse_logged_in_user(document.collection.get_view_restrictions(), request)


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path(
            "reports/pages-due-for-review/",
            PagesDueForReviewView.as_view(),
            name="pages_due_for_review",
        ),
        path(
            "reports/pages-due-for-review/results/",
            PagesDueForReviewView.as_view(results_only=True),
            name="pages_due_for_review_results",
        ),
    ]


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(
            request.user, PagesDueForReviewView.any_permission_required
        )


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return ReviewReportMenuItem(
        _("Pages due for review"), reverse("pages_due_for_review"), icon_name="time", order=700
    )
