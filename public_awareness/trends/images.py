"""A chart as a file to download: the page's own drawing as a standalone SVG (its styles inside,
a title, and the source, data date and license under it), and that SVG as a PNG."""

from django.template.loader import render_to_string
from django.utils import formats
from django.utils.translation import gettext as _

from portal.charts import svg as chart_svg

MARGIN = 12
TOP = 56  # below the title and subtitle
LINE = 18


def chart_image(context, which):
    """The SVG text of one chart of ``context`` (display.chart_context's): ``which`` is "trend"
    (the chart over time) or "comparison" (the dot plot of every state); None when the
    indicator has no such chart."""
    drawing = context["time_chart"] if which == "trend" else context["dot_plot"]
    if drawing is None:
        return None
    series, page = context["series"], context["page"]
    title = f"{series.indicator.name}: {series.geography_name}"
    if which == "trend":
        subtitle = series.summary.split(". ")[0].rstrip(".") + "."
    else:
        subtitle = _("%(place)s compared with every state, %(period)s") % {
            "place": series.geography_name,
            "period": series.comparison.label,
        }
    notes = [_("Source: %(source)s.") % {"source": series.indicator.source}]
    if series.data_as_of:
        notes.append(_("Data as of %(date)s.") % {"date": formats.date_format(series.data_as_of)})
    notes.append(series.suppression_rule)
    notes.append(_("%(url)s — %(license)s") % {"url": page.full_url, "license": page.license_name})
    bottom = TOP + drawing.height + 8
    lines = [(bottom + LINE * (i + 1), text) for i, text in enumerate(notes)]
    return render_to_string(
        "trends/chart_download.svg",
        {
            **context,
            "which": which,
            "title": title,
            "subtitle": subtitle,
            "notes": lines,
            "top": TOP,
            "width": chart_svg.WIDTH + 2 * MARGIN,
            "height": bottom + LINE * len(notes) + MARGIN,
            "chart_id": f"download-{series.indicator.code}",
        },
    )


def svg_to_png(drawing):
    """The SVG drawn as a PNG, at twice its size so that it stays sharp on a phone's screen."""
    # Loaded when a PNG is asked for, not with the page: cairocffi opens Debian's libcairo2 as
    # it is imported, and nothing else in a request needs it.
    import cairosvg

    return cairosvg.svg2png(bytestring=drawing.encode(), scale=2)
