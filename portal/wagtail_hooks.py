from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import access
from .reports import PageReportMenuItem, PagesDueForReviewView, page_report_urls
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
    return page_report_urls(PagesDueForReviewView, "pages-due-for-review")


@hooks.register("register_reports_menu_item")
def register_review_report_menu_item():
    return PageReportMenuItem(
        _("Pages due for review"), PagesDueForReviewView, icon_name="time", order=700
    )


@hooks.register("register_search_providers")
def register_search_providers():
    from .search import providers

    return providers()


@hooks.register("register_search_access")
def register_search_access(user):
    from .search import members_access

    return members_access(user)


@hooks.register("insert_editor_js")
def editor_accessible_names():
    return format_html('<script src="{}" defer></script>', static("portal/admin/editor-names.js"))
