from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import publishing  # noqa: F401  (connects the page_published receiver)
from .models import Audience, CareSetting, Population, Topic


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
