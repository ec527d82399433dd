"""What the chart templates receive: an analyzed series (collaborative.chart_series) laid out with
the portal's shared time-chart geometry (portal.charts.svg), its table rows and its notes.
Templates only present these."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from portal.charts import svg as chart_svg

from . import access
from .chart_privacy import MIN_SITES
from .chart_series import (
    RUN,
    chart_names,
    format_value,
    month_label,
    month_labeller,
    signal_words,
    value_formatter,
)


def gap_reason(gap):
    """Why a month has no figure, in words (chart_series.Point.gap), with today's limits."""
    if gap == "missing":
        return _("No figure submitted")
    if gap == "suppressed":
        return _("Not shown: a count from 1 to %(limit)d is in it, or could be worked out") % {
            "limit": access.small_cell_max()
        }
    if gap == "few_sites":
        return _("Not shown: fewer than %(sites)d sites reported") % {"sites": MIN_SITES}
    return ""


# Small bars of a categorical measure: one row of bars a category.
BAR_HEIGHT, BAR_TOP = 60, 8


@dataclass
class Chart:
    """One time chart, ready for templates/includes/time_chart.html and its data table."""

    id: str
    title: str
    series: object
    label: str  # the series' name in the legend and the table
    beside_label: str = ""
    time_chart: object = None
    annotations: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    show_counts: bool = False
    show_sites: bool = False
    simulated: bool = False
    _rows: list | None = field(default=None, repr=False)

    @property
    def summary(self):
        return self.series.summary

    @property
    def headline(self):
        return self.series.headline

    @property
    def unit(self):
        return self.series.unit

    @property
    def chart_name(self):
        return chart_names().get(self.series.chart_kind, "")

    @property
    def is_run_chart(self):
        return self.series.chart_kind == RUN

    @property
    def center_label(self):
        return _("Median (center line)") if self.is_run_chart else ""

    @property
    def target_value(self):
        return format_value(self.series.target, self.unit)

    @property
    def has_beside(self):
        return any(row["beside"] for row in self.rows)

    @property
    def rows(self):
        """The data table's rows, one a period: made when first read (a small multiple shows
        none, and a page may hold hundreds)."""
        if self._rows is None:
            self._rows = _rows(self.series) if self.series.latest is not None else []
        return self._rows

    @property
    def markers(self):
        """[(marker, its row)] of the drawn points."""
        if self.time_chart is None:
            return []
        rows = self.rows
        return [(marker, rows[marker.index]) for marker in self.time_chart.markers]


def chart(chart_id, title, series, label, *, beside_label="", show_counts, show_sites):
    """Lay out ``series`` (already analyzed)."""
    points = series.points
    unit = series.unit
    made = Chart(
        id=chart_id,
        title=title,
        series=series,
        label=label,
        beside_label=beside_label,
        show_counts=show_counts,
        show_sites=show_sites,
        simulated=any(p.simulated for p in points if p.cell is not None),
    )
    if series.latest is None:
        return made
    label_of = month_labeller()
    floor, ceiling = (0.0, 100.0) if unit == "percent" else (0.0, None)
    made.time_chart = chart_svg.time_chart(
        [p.value for p in points],
        center=[p.center for p in points],
        lower=[p.lower for p in points],
        upper=[p.upper for p in points],
        national=[p.beside for p in points],
        signals=[bool(p.signals) for p in points],
        labels=[label_of(p.period) for p in points],
        target=series.target,
        phases=[(mark.index, mark.reason) for mark in series.phases],
        floor=floor,
        ceiling=ceiling,
    )
    made.annotations = [
        (slot_x(made.time_chart, len(points), a.index), a.number, a.cycle.title)
        for a in series.annotations
    ]
    return made


def _rows(series):
    words = signal_words()
    phase_starts = {mark.index: mark.reason for mark in series.phases}
    tests = {}
    for annotation in series.annotations:
        tests.setdefault(annotation.index, []).append(annotation)
    label_of, formatted = month_labeller(), value_formatter(series.unit)
    return [
        {
            "point": p,
            "label": label_of(p.period),
            "value": formatted(p.value),
            "center": formatted(p.center),
            "lower": formatted(p.lower),
            "upper": formatted(p.upper),
            "beside": formatted(p.beside),
            "signals": [words[rule] for rule in p.signals if rule in words],
            "gap": gap_reason(p.gap) if p.cell is None else "",
            "phase": phase_starts.get(index, ""),
            "tests": tests.get(index, []),
        }
        for index, p in enumerate(series.points)
    ]


def slot_x(time_chart, count, index):
    """The middle of a period's slot, as a share of the chart's width (time_chart gives each
    period an equal slot)."""
    width = time_chart.right - time_chart.left
    return chart_svg.percent(time_chart.left + width * (index + 0.5) / max(count, 1))


@dataclass
class Bars:
    """A categorical measure: for each category a row of small bars (its share of each month),
    and the table that says the same in words."""

    categories: list  # [(code, label)]
    months: list  # [(period, {code: count or None}, total or None)], as given
    table: list  # [(month label, {code: text}, total text)]
    rows: list  # [(category label, [(x, y, height, title)])]
    bar_width: str
    first_label: str
    last_label: str
    left: int = chart_svg.LEFT
    right: int = chart_svg.WIDTH - chart_svg.RIGHT
    baseline: int = BAR_TOP + BAR_HEIGHT
    width: int = chart_svg.WIDTH
    height: int = BAR_TOP + BAR_HEIGHT + 20
    simulated: bool = False


def bars(categories, months, *, simulated=False):
    """``months``: [(period, {code: count, or None when hidden}, total or None)], oldest
    first."""
    left, right = chart_svg.LEFT, chart_svg.WIDTH - chart_svg.RIGHT
    slot = (right - left) / max(len(months), 1)
    table = []
    for period, counts, total in months:
        cells = {}
        for code, _label in categories:
            value = counts.get(code)
            if total is None or value is None:
                cells[code] = _("Not shown")
            else:
                share = 100.0 * value / total if total else 0.0
                cells[code] = f"{value} ({format_value(share, 'percent')})"
        table.append((month_label(period), cells, "" if total is None else str(total)))
    rows = []
    for code, label in categories:
        drawn = []
        for index, (period, counts, total) in enumerate(months):
            value = counts.get(code)
            if not total or value is None:
                continue
            share = value / total
            height = BAR_HEIGHT * share
            drawn.append(
                (
                    chart_svg.svg_number(left + slot * (index + 0.15)),
                    chart_svg.svg_number(BAR_TOP + BAR_HEIGHT - height),
                    chart_svg.svg_number(height),
                    f"{month_label(period)}: {format_value(100 * share, 'percent')}",
                )
            )
        rows.append((label, drawn))
    return Bars(
        categories=categories,
        months=months,
        table=table,
        rows=rows,
        bar_width=chart_svg.svg_number(slot * 0.7),
        first_label=month_label(months[0][0]) if months else "",
        last_label=month_label(months[-1][0]) if months else "",
        simulated=simulated,
    )
