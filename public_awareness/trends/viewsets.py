"""Admin screens for what the trend page shows: indicators, their phases and footnote meanings.

Data releases and the upload-preview-confirm import have their own views (admin_views.py).
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Footnote, Indicator, Phase


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


class TrendsViewSetGroup(ViewSetGroup):
    menu_label = _("Sepsis trends")
    menu_icon = "table"
    menu_order = 260
    items = (IndicatorViewSet, PhaseViewSet, FootnoteViewSet)
