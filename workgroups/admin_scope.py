"""The parts of the Wagtail admin that Wagtail's page and collection permissions leave open to
work groups' editors and chairs, closed as workgroups.access decides.

- Reports are about the whole site (page types, aging pages, reading levels, reviews due,
  workflows with every requester's name): work-group-only users get the portal's 403, as for
  any other admin area they may not use, rather than Wagtail's redirect to the dashboard.
  The Reports menu leaves them out (wagtail_hooks.hide_reports_out_of_scope).
- Bulk actions' confirmation pages list the title of every page or document asked for, with
  or without permission: not for work-group-only users.
- The page chooser's look-up of chosen pages by id has no hook: another group's page is 404.
- Every page view that takes a page by id (edit, history, revisions, previews, workflow,
  move, copy, delete, the explorer, the chooser's browsing): another group's page is 404, for
  anyone who may not see inside that group. Some of these show the page before checking any
  permission (the workflow views in an error message, the move confirmation in full), and
  Wagtail's Editors hold page permissions on the whole tree, spaces included.

The page chooser's browsing and searching are filtered by Wagtail's hook
(wagtail_hooks.limit_page_chooser).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from . import access

BULK_ACTION_URL_NAME = "wagtail_bulk_action"
CHOSEN_PAGES_URL_NAME = "wagtailadmin_choose_page_chosen_multiple"
# The admin's page views (by URL namespace or name) and the URL arguments naming pages.
PAGE_VIEW_NAMESPACE = "wagtailadmin_pages"
PAGE_VIEW_NAMES = {
    "wagtailadmin_explore",
    "wagtailadmin_explore_results",
    "wagtailadmin_choose_page_child",
}
# (`pk` is a page in the revisions comparison, the one page view that names it so.)
PAGE_ID_ARGUMENTS = ("page_id", "pk", "parent_page_id", "page_to_move_id", "destination_id")


def report_view_class(view_func):
    """The report view class behind a (decorated) admin view, or None if it is no report."""
    from wagtail.admin.views.reports import ReportView

    view_class = getattr(view_func, "view_class", None)
    if isinstance(view_class, type) and issubclass(view_class, ReportView):
        return view_class
    return None


def may_open_report_url(user, url):
    """Whether a Reports menu entry's address leads to a report the user may use."""
    try:
        view_class = report_view_class(resolve(url).func)
    except Resolver404:
        return True
    return view_class is None or access.may_use_report(user, view_class)


def _refuse_hidden_pages(user, ids):
    from wagtail.models import Page

    try:
        pages = Page.objects.filter(pk__in=[int(pk) for pk in ids])
    except ValueError as error:
        raise Http404 from error
    if access.admin_pages(user, pages).count() != pages.count():
        raise Http404


class AdminScopeMiddleware:
    """Runs after portal.middleware.AdminAccessMiddleware (which has turned away users with
    no admin at all) and before the admin's views."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None  # the admin sends them to log in
        view_class = report_view_class(view_func)
        if view_class is not None and not access.may_use_report(user, view_class):
            raise PermissionDenied(_("This report is for consortium staff."))
        view_name = request.resolver_match.view_name if request.resolver_match else None
        if view_name == BULK_ACTION_URL_NAME and access.is_work_group_only_admin(user):
            raise PermissionDenied(_("Bulk actions are for consortium staff."))
        if view_name == CHOSEN_PAGES_URL_NAME:
            _refuse_hidden_pages(user, request.GET.getlist("id"))
        match = request.resolver_match
        if match is not None and (
            PAGE_VIEW_NAMESPACE in match.namespaces or view_name in PAGE_VIEW_NAMES
        ):
            ids = [view_kwargs[name] for name in PAGE_ID_ARGUMENTS if name in view_kwargs]
            if ids:
                _refuse_hidden_pages(user, ids)
        return None
