from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from . import admin_views
from .demo import load
from .models import DataRelease
from .permissions import DataReleasePermissionPolicy
from .viewsets import TrendsViewSetGroup

# Before anything asks Wagtail for DataRelease's policy (it would make a default one).
release_permission_policy = DataReleasePermissionPolicy(DataRelease)
register_permission_policy(DataRelease, release_permission_policy)

register_snippet(TrendsViewSetGroup)


@hooks.register("load_demo_content")
def load_trends_demo_content(site, log):

    load(site, log=log)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("trends/import/", admin_views.ImportReleaseView.as_view(), name="trends_import"),
        path(
            "trends/import/confirm/",
            admin_views.ConfirmImportView.as_view(),
            name="trends_import_confirm",
        ),
        path(
            "trends/import/cancel/",
            admin_views.CancelImportView.as_view(),
            name="trends_import_cancel",
        ),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return release_permission_policy.user_has_permission(request.user, "import")


@hooks.register("register_trends_menu_item")
def register_import_menu_item():
    # After the viewsets' items (1 to 4) in the "Sepsis trends" menu.
    return ImportMenuItem(
        _("Import a release"), reverse("trends_import"), icon_name="upload", order=10
    )


@hooks.register("register_page_cache_models")
def trend_data_shows_on_public_pages():
    # Every import creates a release (observations arrive in bulk, without signals);
    # deleting one takes its observations with it.
    return [DataRelease]
