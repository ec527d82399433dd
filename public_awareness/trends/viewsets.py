"""Admin screens for what the trend page shows: indicators, their phases and footnote meanings.

Data releases and the upload-preview-confirm import have their own views (admin_views.py).
"""

from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, UserColumn
from wagtail.admin.views.generic import IndexView, InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.exports import SafeSpreadsheetExportMixin

from .admin_views import ForbiddenIs403Mixin
from .models import DataRelease, Footnote, Indicator, Phase
from .permissions import ACTION_CODENAMES


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "table"
    menu_label = _("Indicators")
    list_display = ["name", "code", "unit", "direction", "target"]
    list_filter = ["unit", "direction"]
    search_fields = ["name", "code"]


class PhaseViewSet(SnippetViewSet):
    model = Phase
    icon = "arrows-up-down"
    menu_label = _("Phases")
    list_display = ["indicator", "geography", "start", "reason"]
    list_filter = ["indicator"]


class FootnoteViewSet(SnippetViewSet):
    model = Footnote
    icon = "info-circle"
    menu_label = _("Footnotes")
    list_display = ["code", "text"]
    search_fields = ["code", "text"]


class DataReleaseIndexView(SafeSpreadsheetExportMixin, ForbiddenIs403Mixin, IndexView):
    any_permission_required = ["view", "import"]
    default_ordering = "-imported_at"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("imported_by")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if self.user_has_permission("import"):
            buttons.append(
                HeaderButton(
                    _("Import a release"), url=reverse("trends_import"), icon_name="upload"
                )
            )
        return buttons


class DataReleaseInspectView(ForbiddenIs403Mixin, InspectView):
    any_permission_required = ["view", "import"]


class DataReleaseViewSet(ModelViewSet):
    """Every imported release, newest first: read-only, since releases come only from imports."""

    model = DataRelease
    name = "trends_releases"
    url_prefix = "trends/releases"
    icon = "history"
    menu_label = _("Data releases")
    index_view_class = DataReleaseIndexView
    inspect_view_class = DataReleaseInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_filter = ["dialect"]
    search_fields = ["filename", "source", "checksum"]
    list_display = [
        "filename",
        Column("dialect", label=_("Format"), sort_key="dialect"),
        "source",
        Column("released_on", label=_("Release date"), sort_key="released_on"),
        DateColumn("imported_at", label=_("Imported at"), sort_key="imported_at"),
        UserColumn("imported_by", label=_("Imported by"), blank_display_name="—"),
        NumberColumn("rows_read", label=_("Rows read"), sort_key="rows_read"),
        NumberColumn("observations_new", label=_("New"), sort_key="observations_new"),
        NumberColumn("observations_revised", label=_("Revised"), sort_key="observations_revised"),
        NumberColumn(
            "observations_unchanged", label=_("Unchanged"), sort_key="observations_unchanged"
        ),
    ]
    inspect_view_fields = [
        "filename",
        "dialect",
        "source",
        "released_on",
        "imported_at",
        "imported_by",
        "rows_read",
        "observations_new",
        "observations_revised",
        "observations_unchanged",
        "checksum",
    ]

    def get_common_view_kwargs(self, **kwargs):
        # No add, edit, delete, history or usage views exist to link to.
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
        ]

    def get_permissions_to_register(self):
        # Only the permissions that mean something here appear in the group editor.
        codenames = {c for names in ACTION_CODENAMES.values() for c in names}
        return Permission.objects.filter(content_type__app_label="trends", codename__in=codenames)


class TrendsViewSetGroup(ViewSetGroup):
    menu_label = _("Sepsis trends")
    menu_icon = "table"
    menu_order = 260
    items = (IndicatorViewSet, PhaseViewSet, FootnoteViewSet, DataReleaseViewSet)
    #: Further menu items (the import view) are registered with this hook in wagtail_hooks.py.
    submenu_hook = "register_trends_menu_item"
