from django.core.exceptions import PermissionDenied
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.snippets.models import register_snippet

from . import access, admin_guards, page_cache
from .moderation import SubmitterNamedModerationPanel
from .reports import PageReportMenuItem, PagesDueForReviewView, page_report_urls
from .staff_permissions import works_only_in_private_areas
from .viewsets import MembersViewSetGroup

register_snippet(MembersViewSetGroup)


@hooks.register("before_serve_page", order=-100)
def refuse_restricted_page(page, request, serve_args, serve_kwargs):
    restrictions = page.get_view_restrictions()
    # Only an unrestricted page's parts are kept for other readers (page_cache.remember_for_page).
    page_cache.note_served_page(request, page, restrictions)
    access.refuse_logged_in_user(restrictions, request)


@hooks.register("before_serve_document", order=-100)
def refuse_restricted_document(document, request):
    access.refuse_logged_in_user(document.collection.get_view_restrictions(), request)


@hooks.register("register_admin_urls")
def register_report_urls():
    return page_report_urls(PagesDueForReviewView, "pages-due-for-review")


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return PageReportMenuItem(
        _("Pages due for review"), PagesDueForReviewView, icon_name="time", order=700
    )


@hooks.register("insert_editor_js")
def editor_accessible_names():
    return format_html('<script src="{}" defer></script>', static("portal/admin/editor-names.js"))


# The admin's access rules beyond Wagtail's own records and testers (portal.admin_guards).


for _action in admin_guards.BULK_ACTIONS:
    hooks.register("register_bulk_action", _action, order=1)


@hooks.register("before_move_page")
def refuse_moves_the_tester_refuses(request, page_to_move, destination):
    """Wagtail's move confirmation shows both pages before any check (its move action checks
    only when it runs): a move the page's permission tester refuses is refused here first."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        access.log_refusal(request, "a move the page's permission tester refuses")
        raise PermissionDenied


@hooks.register("construct_homepage_panels")
def name_who_submitted_each_task(request, panels):
    for index, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[index] = SubmitterNamedModerationPanel()


@hooks.register("construct_reports_menu")
def reports_for_private_areas_only(request, menu_items):
    """People who edit only inside private areas (a work group's members) are offered the
    site history alone; the other reports would show them nothing of theirs."""
    if works_only_in_private_areas(request.user):
        menu_items[:] = [item for item in menu_items if item.name == "site-history"]
