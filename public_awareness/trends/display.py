"""What the chart templates receive: a series, its chart geometry and its data URLs."""

from urllib.parse import urlencode

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from portal.charts import spc
from portal.charts import svg as chart_svg

from .series import MIN_POINTS_FOR_LIMITS, UNKNOWN, format_value, load_series

BOUNDS = {"percent": (0.0, 100.0), "count": (0.0, None), "rate": (0.0, None)}
# Proportions (percentages and rates) of too few periods for process limits are shown as a
# table of those periods and a dot plot of every state, not as a line chart: a line through
# one to a few points says nothing about change, and a tall chart of them exaggerates it.
FEW_PERIODS_UNITS = ("percent", "rate")


def _short_label(point):
    return point.period_end.strftime("%b %Y")


def axis_title(indicator):
    """The values' unit in words, for a chart's axis."""
    if indicator.axis_title:
        return indicator.axis_title
    return {"percent": _("Percent"), "count": _("Count"), "rate": _("Rate")}.get(indicator.unit, "")


def draws_time_chart(series):
    if series.latest is None:
        return False
    return series.limits_shown or series.indicator.unit not in FEW_PERIODS_UNITS


def chart_context(indicator, geography, *, page, request, compare=True):
    series = load_series(indicator, geography, compare=compare)
    floor, ceiling = BOUNDS.get(indicator.unit, (None, None))
    points = series.points
    time_chart = None
    if draws_time_chart(series):
        time_chart = chart_svg.time_chart(
            [p.value for p in points],
            center=[p.center for p in points],
            lower=[p.lower for p in points],
            upper=[p.upper for p in points],
            national=[p.national for p in points],
            signals=[p.variation or spc.COMMON_CAUSE for p in points],
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

    def url(route, *args):
        return f"{base}{page.reverse_subpage(route, args=[indicator.code, *args])}{query}"

    # A ten-year chart formats five figures for each of its 520 periods, and many repeat (the
    # average and limits are the same across a phase): each distinct figure is localised once.
    formatted = {}
    precision = indicator.precision

    def fmt(value):
        if value is None:
            return ""
        if value not in formatted:
            formatted[value] = format_value(value, indicator.unit, precision)
        return formatted[value]

    signal_words = {rule: wording() for rule, wording in SIGNAL_NAMES.items()}
    variation_words = {kind: wording() for kind, wording in VARIATION_NAMES.items()}
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
            "unusual": variation_words.get(p.variation, ""),
        }
        for p in points
    ]
    charts = []
    if time_chart:
        charts.append("trend")
    if dot_plot:
        charts.append("comparison")
    return {
        "series": series,
        "time_chart": time_chart,
        "dot_plot": dot_plot,
        "unit": indicator.unit,
        "axis_title": axis_title(indicator),
        "precision": precision,
        "direction_label": dict(indicator.DIRECTIONS)[indicator.direction],
        "chart_name": CHART_NAMES.get(series.chart_kind, "") if time_chart else "",
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
        "variation_icon": VARIATION_ICONS.get(series.variation),
        "assurance_icon": ASSURANCE_ICONS.get(series.assurance),
        "csv_url": url("indicator_csv"),
        "metadata_url": url("indicator_metadata"),
        "json_url": url("indicator_json"),
        "embed_url": url("indicator_embed"),
        "embed_absolute_url": request.build_absolute_uri(url("indicator_embed"))
        if request
        else url("indicator_embed"),
        "min_points": MIN_POINTS_FOR_LIMITS,
        "downloads": [
            (which, url("indicator_image", which, "svg"), url("indicator_image", which, "png"))
            for which in charts
        ],
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

# The table's "Unusual?" answer for each kind of point.
VARIATION_NAMES = {
    spc.COMMON_CAUSE: lambda: _("No"),
    spc.SPECIAL_CAUSE_IMPROVEMENT: lambda: _("Yes, better"),
    spc.SPECIAL_CAUSE_CONCERN: lambda: _("Yes, worse"),
    spc.SPECIAL_CAUSE_NEUTRAL: lambda: _("Yes"),
    UNKNOWN: lambda: _("Unknown: no value for this period"),
}

# NHS England's variation and assurance icons: (icon, what it says). The icon's letter or
# symbol and its words say what its colour says.
VARIATION_ICONS = {
    spc.COMMON_CAUSE: ("common_cause", _lazy("Common cause: no significant change")),
    spc.SPECIAL_CAUSE_IMPROVEMENT: (
        "special_cause_improvement",
        _lazy("Special cause: improvement"),
    ),
    spc.SPECIAL_CAUSE_CONCERN: ("special_cause_concern", _lazy("Special cause: concern")),
    spc.SPECIAL_CAUSE_NEUTRAL: (
        "special_cause_neutral",
        _lazy("Special cause: neither better nor worse"),
    ),
}
ASSURANCE_ICONS = {
    spc.CONSISTENTLY_MET: ("consistently_met", _lazy("Target consistently met")),
    spc.HIT_AND_MISS: ("hit_and_miss", _lazy("Target hit and miss")),
    spc.CONSISTENTLY_FAILED: ("consistently_failed", _lazy("Target consistently missed")),
}
