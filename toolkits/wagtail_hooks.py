from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.admin_url_finder import ModelAdminURLFinder, register_admin_url_finder
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import publishing  # noqa: F401  (connects the page_published receiver)
from .announcements import announcements
from .demo.loader import load
from .downloads import file_exists
from .models import Audience, CareSetting, Population, ToolkitPage, ToolkitVersionFile, Topic
from .reports import (
    ToolkitDownloadsReportView,
    ToolkitReachReportView,
    ToolkitReportMenuItem,
    report_urls,
)
from .search import facet_labels, providers
from .subscriptions import ToolkitUpdatesProvider
from .translated_files import public_files_in


def term_viewset(term_model, label, icon):
    return type(
        f"{term_model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": term_model,
            "icon": icon,
            "menu_label": label,
            "list_display": ["name", "slug", "sort_order"],
            "ordering": ["sort_order", "name"],
        },
    )


class ToolkitTaxonomyGroup(ViewSetGroup):
    menu_label = _("Toolkit terms")
    menu_icon = "tag"
    menu_order = 270
    items = (
        term_viewset(CareSetting, _("Care settings"), "site"),
        term_viewset(Audience, _("Audiences"), "group"),
        term_viewset(Population, _("Populations"), "user"),
        term_viewset(Topic, _("Topics"), "tag"),
    )


register_snippet(ToolkitTaxonomyGroup)


class VersionFileAdminURLFinder(ModelAdminURLFinder):
    """A version's file is edited on its toolkit page: the document's usage view links the
    toolkit ("Time zero …, version 1.0") for those who may edit it."""

    def construct_edit_url(self, instance):
        return reverse("wagtailadmin_pages:edit", args=[instance.version.page_id])

    def get_edit_url(self, instance):
        page = instance.version.page
        if self.user and not page.permissions_for_user(self.user).can_edit():
            return None
        return self.construct_edit_url(instance)


register_admin_url_finder(ToolkitVersionFile, VersionFileAdminURLFinder)


@hooks.register("register_account_subscriptions")
def register_toolkit_updates():

    return ToolkitUpdatesProvider()


@hooks.register("before_serve_document", order=200)
def missing_file_is_not_found(document, request):
    """A document whose file has gone from storage is a 404, not a 500 from the file server.
    (Runs after the access checks, so the 404 tells nobody about a file they may not have.)"""
    if not file_exists(document):
        raise Http404("The file of this document is missing.")


@hooks.register("load_demo_content")
def load_toolkits_demo_content(site, log):

    load(site, log=log)


# Reach reports: staff with the report permission (toolkits.view_downloadevent) see them.


@hooks.register("register_admin_urls")
def register_reach_report_urls():

    return report_urls()


@hooks.register("register_reports_menu_item")
def register_downloads_report_menu_item():

    return ToolkitReportMenuItem(
        _("Toolkit downloads"), ToolkitDownloadsReportView, icon_name="download", order=710
    )


@hooks.register("register_reports_menu_item")
def register_reach_report_menu_item():

    return ToolkitReportMenuItem(
        _("Toolkit reach"), ToolkitReachReportView, icon_name="group", order=720
    )


@hooks.register("register_permissions")
def register_reach_report_permission():
    # Offered in Wagtail's group editor, so that staff can be given the reports without
    # Django admin access.
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="toolkits", codename="view_downloadevent"
    )


@hooks.register("register_translated_files")
def register_translated_files(language_code):

    return public_files_in(language_code)


@hooks.register("register_search_providers")
def register_search_providers():

    return providers()


@hooks.register("register_search_facet_labels")
def register_search_facet_labels():

    return facet_labels()


@hooks.register("register_announcements")
def register_announcements(since):

    return announcements(since)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_toolkits_without_files(request, action_type, objects, action):
    """Publishing from a listing has no form to tick "Publish it with no files" in: a toolkit
    whose latest draft has no files is published from its editor, where the editor says so."""
    if action_type != "publish":
        return None
    empty = [
        page.title
        for page in objects
        if isinstance(page.specific, ToolkitPage)
        and not list(page.specific.get_latest_revision_as_object().resources.all())
    ]
    if not empty:
        return None
    messages.error(
        request,
        gettext(
            "Nothing was published: %(titles)s has no files. Publish it from its editor, where "
            "you can add its files or confirm that it goes out without them."
        )
        % {"titles": ", ".join(f"“{title}”" for title in empty)},
    )
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
        back = reverse("wagtailadmin_explore_root")
    return redirect(back)
