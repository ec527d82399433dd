"""The block an editor places on the trend page: one indicator, one place, one chart."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from portal.blocks import BaseStreamBlock

from .display import chart_context


class IndicatorChartBlock(blocks.StructBlock):
    indicator = SnippetChooserBlock("trends.Indicator", label=_("indicator"))
    geography = blocks.RegexBlock(
        regex=r"^[A-Z]{2,3}$",
        required=False,
        max_length=3,
        label=_("place"),
        help_text=_(
            "A two-letter state code, or US for the nation. Leave empty for the consortium's "
            "own state (site settings)."
        ),
        error_messages={"invalid": _("Use a two-letter state code such as MA, or US.")},
    )
    compare = blocks.BooleanBlock(
        required=False,
        default=True,
        label=_("compare"),
        help_text=_("Compare with the national value and with other states, where the data allow."),
    )

    class Meta:
        icon = "table"
        label = _("Indicator chart")
        template = "trends/blocks/indicator_chart.html"

    def get_context(self, value, parent_context=None):

        context = super().get_context(value, parent_context)
        page, request = context.get("page"), context.get("request")
        context.update(
            chart_context(
                value["indicator"],
                value["geography"] or page.default_geography(request),
                page=page,
                request=request,
                compare=value["compare"],
            )
        )
        return context


class TrendStreamBlock(BaseStreamBlock):
    indicator_chart = IndicatorChartBlock()
