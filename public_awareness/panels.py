"""An editor panel showing the reading grade of the page as last saved."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .readability import TARGET_GRADE


class ReadabilityPanel(Panel):
    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Reading level"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "public_awareness/panels/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            # A page not yet saved has no text to measure.
            context["readability"] = page.readability if page.pk else None
            context["target"] = TARGET_GRADE
            return context
