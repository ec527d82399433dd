"""What the chart templates receive: a series, its chart geometry and its data URLs."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.charts import spc
from portal.charts import svg as chart_svg

from .series import format_value, load_series

BOUNDS = {"percent": (0.0, 100.0), "count": (0.0, None), "rate": (0.0, None)}


def _short_label(point):
    return point.period_end.strftime("%b %Y")


def chart_context(indicator, geography, *, page, request, compare=True):
    series = load_series(indicator, geography, compare=compare)
    floor, ceiling = BOUNDS.get(indicator.unit, (None, None))
    points = series.points
    time_chart = None
    if series.latest is not None:
        time_chart = chart_svg.time_chart(
            [p.value for p in points],
            center=[p.center for p in points],
            lower=[p.lower for p in points],
            upper=[p.upper for p in points],
            national=[p.national for p in points],
            signals=[bool(p.signals) for p in points],
            labels=[_short_label(p) for p in points],
            target=series.target,
            phases=[(mark.index, mark.reason) for mark in series.phases],
            floor=floor,
            ceiling=ceiling,
        )
    dot_plot = None
    if series.comparison:
        dot_plot = chart_svg.dot_plot(
            series.comparison.rows,
            highlight=geography,
            national=series.comparison.national,
            floor=floor,
            ceiling=ceiling,
        )
    default = geography == page.default_geography(request)
    query = "" if default else "?" + urlencode({"geography": geography})
    base = page.get_url(request)

    def url(route):
        return f"{base}{page.reverse_subpage(route, args=[indicator.code])}{query}"

    # A ten-year chart formats five figures for each of its 520 periods, and many repeat (the
    # average and limits are the same across a phase): each distinct figure is localised once.
    formatted = {}

    def fmt(value):
        if not value:  # None, and zeros: -0.0 == 0.0 but is written "-0"
            return format_value(value, indicator.unit)
        if value not in formatted:
            formatted[value] = format_value(value, indicator.unit)
        return formatted[value]

    signal_words = {rule: wording() for rule, wording in SIGNAL_NAMES.items()}
    rows = [
        {
            "point": p,
            "label": p.label,  # once a period: the table and the chart's tooltip both show it
            "value": fmt(p.value),
            "center": fmt(p.center),
            "lower": fmt(p.lower),
            "upper": fmt(p.upper),
            "national": fmt(p.national),
            "signals": [signal_words[rule] for rule in p.signals],
        }
        for p in points
    ]
    return {
        "series": series,
        "time_chart": time_chart,
        "dot_plot": dot_plot,
        "unit": indicator.unit,
        "direction_label": dict(indicator.DIRECTIONS)[indicator.direction],
        "chart_name": CHART_NAMES.get(series.chart_kind, ""),
        "rows": rows,
        "markers": [(m, rows[m.index]) for m in time_chart.markers] if time_chart else [],
        "compared": compare,
        "latest_value": fmt(series.latest.value) if series.latest else "",
        "target_value": fmt(series.target),
        "national_value": fmt(series.comparison.national) if series.comparison else "",
        "comparison_rows": [
            (code, name, fmt(value), code == geography)
            for code, name, value in (series.comparison.rows if series.comparison else [])
        ],
        "csv_url": url("indicator_csv"),
        "json_url": url("indicator_json"),
        "embed_url": url("indicator_embed"),
    }


CHART_NAMES = {
    "xmr": _lazy("XmR (individuals) chart"),
    "p_prime": _lazy("Laney p′ chart"),
    "u_prime": _lazy("Laney u′ chart"),
}

SIGNAL_NAMES = {
    spc.BEYOND_LIMITS: lambda: _("outside the process limits"),
    spc.SHIFT: lambda: _("run of 7 or more on one side of the average"),
    spc.TREND: lambda: _("7 or more rising or falling in a row"),
    spc.TWO_OF_THREE: lambda: _("2 of 3 close to a limit"),
}
