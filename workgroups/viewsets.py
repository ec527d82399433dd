"""The Wagtail admin's views of work groups' pages.

Wagtail routes every admin view that takes a page (edit, history, revisions, previews,
workflow steps, move, copy, delete, add, the explorer, ...) by the page's type to that type's
page viewset; these viewsets put one check in front of all of them: a page inside a work
group's space, or a space, named in the URL (as the page, its parent, or a move's
destination) is 404 to anyone who may not see inside that group. Some of Wagtail's views show
the page (in an error message, or a confirmation) before checking permissions, and a 404
tells an outsider nothing. What those who may see inside may then do is the page permission
tester's to decide (workgroups.page_permissions).
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from wagtail.admin.viewsets.pages import PageViewSet

from portal.access import log_refusal

from . import access
from .models import DraftToolPage, WorkGroupSpacePage

# The URL arguments by which Wagtail's page views name pages (tests/portal/test_routes.py
# fails when a page view takes a page by a name missing here).
PAGE_ID_ARGUMENTS = ("page_id", "pk", "parent_page_id", "page_to_move_id", "destination_id")


def visible_pages_only(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        for name in PAGE_ID_ARGUMENTS:
            if name in kwargs and not access.may_see_in_admin(request.user, kwargs[name]):
                log_refusal(request, "a page of a work group they are not in")
                raise Http404
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            log_refusal(request, "the page's permission tester")
            raise

    return guarded


class PrivateAreaPageViewSet(PageViewSet):
    def construct_view(self, view_class, **kwargs):
        return visible_pages_only(super().construct_view(view_class, **kwargs))


class SpacePageViewSet(PrivateAreaPageViewSet):
    model = WorkGroupSpacePage


class DraftPageViewSet(PrivateAreaPageViewSet):
    model = DraftToolPage
    # A space lists its drafts; exploring a draft (which has no children) is routed here too,
    # so that its title is not shown to outsiders as a parent page's.
    parent_models = [WorkGroupSpacePage, DraftToolPage]
