"""The collaborative in the Wagtail admin: consortium staff define measure sets, measures (with
their versioned operational definitions) and strata, and name the sites, their coaches and the
people who report for them."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import CollaborativeSite, Measure, MeasureSet, Stratification


class MeasureSetViewSet(SnippetViewSet):
    model = MeasureSet
    icon = "list-ul"
    menu_label = _("Measure sets")
    list_display = ["name", "sort_order"]


class MeasureViewSet(SnippetViewSet):
    model = Measure
    icon = "table"
    menu_label = _("Measures")
    list_display = ["code", "name", "measure_set", "category", "kind", "publish_aggregate"]
    list_filter = ["measure_set", "category", "kind", "publish_aggregate", "is_active"]
    search_fields = ["code", "name"]


class StratificationViewSet(SnippetViewSet):
    model = Stratification
    icon = "tag"
    menu_label = _("Strata")
    list_display = ["name"]


class SiteViewSet(SnippetViewSet):
    model = CollaborativeSite
    icon = "site"
    menu_label = _("Sites")
    list_display = ["code", "organization", "pseudonym", "joined_on", "left_on", "coach"]
    search_fields = ["code"]


class CollaborativeViewSetGroup(SnippetViewSetGroup):
    items = (SiteViewSet, MeasureSetViewSet, MeasureViewSet, StratificationViewSet)
    menu_icon = "clipboard-list"
    menu_label = _("Collaborative")
    menu_name = "collaborative"
    menu_order = 260
