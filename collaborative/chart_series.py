"""One monthly series of a measure (a site's, or the collaborative's pooled), analyzed with the
portal's shared statistics (portal.charts.spc) and summed up in plain words.

Which chart
-----------
* Until the current phase has MIN_POINTS_FOR_LIMITS (15) months: a run chart, its median and
  Anhøj's two rules (an unusually long run on one side of the median, unusually few crossings
  of it). Fifteen, as on the trend page: limits from fewer months move with every new month,
  and fifteen monthly points are a year's baseline and a quarter. It counts months of the
  current phase, since a new operational definition measures something new.
* Then a control chart. Ratios: Laney's p′ chart when the months vary more than a binomial
  process allows (σz, the spread of the months' z-scores, above OVERDISPERSION, 1.2), which is
  what large denominators show (the pooled collaborative's hundreds of patients a month);
  otherwise the p chart, whose limits a small site's month-to-month swings fit. A σz under 1
  keeps the p chart: Laney's limits would be narrower than chance allows. Counts: an XmR chart
  of the count each month.

Phases start at each new operational definition of the measure (collaborative-wide) and, on a
site's chart, each of the site's own definition changes: medians, averages and limits are
computed afresh from there.
"""

from __future__ import annotations

import datetime
import functools
import math
from dataclasses import dataclass, field, replace

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal.charts import spc

from .chart_privacy import Cell

MIN_POINTS_FOR_LIMITS = 15
OVERDISPERSION = 1.2
# A test of change that started this many months before a shift, or in its first month, is
# named beside it in the summary.
MONTHS_BEFORE_SHIFT = 3

RUN, P, P_PRIME, XMR = "run", "p", "p_prime", "xmr"

DIRECTIONS = {"up": spc.HIGHER_IS_BETTER, "down": spc.LOWER_IS_BETTER, "neutral": spc.NEUTRAL}


def chart_names():
    return {
        RUN: _("Run chart (median, Anhøj's rules)"),
        P: _("p chart (proportion)"),
        P_PRIME: _("Laney p′ chart (proportion, large denominators)"),
        XMR: _("XmR chart (individuals)"),
    }


def signal_words():
    return {
        spc.LONG_RUN: _("part of an unusually long run on one side of the median"),
        spc.BEYOND_LIMITS: _("outside the process limits"),
        spc.SHIFT: _("part of a run of 7 or more on one side of the average"),
        spc.TREND: _("part of a run of 7 or more rising or falling"),
        spc.TWO_OF_THREE: _("one of 2 in 3 months close to a process limit"),
    }


@dataclass
class Point:
    """One month of a series as the chart, its table and its download show it."""

    period: datetime.date
    cell: Cell | None  # None: a gap in the chart
    gap: str = ""  # why there is no figure (see GAP_REASONS in charts)
    sites: int | None = None  # sites pooled, for the collaborative's months
    simulated: bool = False
    beside: float | None = None  # the collaborative's value, drawn beside a site's
    center: float | None = None
    lower: float | None = None
    upper: float | None = None
    signals: tuple[str, ...] = ()
    side: tuple[bool, bool] = (False, False)  # flagged (upward, downward)

    @property
    def value(self):
        return self.cell.value if self.cell is not None else None


@dataclass
class PhaseMark:
    index: int
    start: datetime.date
    reason: str


@dataclass
class Annotation:
    """A test of change drawn at its start month."""

    index: int
    number: int
    cycle: object


@dataclass
class Series:
    label: str
    measure: object
    points: list[Point]
    phases: list[PhaseMark] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    chart_kind: str | None = None
    limits_shown: bool = False
    variation: str | None = None
    assurance: str | None = None
    summary: str = ""
    headline: str = ""  # the summary's first two sentences: latest value, and any change

    @property
    def unit(self):
        return "percent" if self.measure.kind == "ratio" else "count"

    @property
    def target(self):
        target = self.measure.target
        return float(target) if target is not None else None

    @property
    def direction(self):
        return DIRECTIONS.get(self.measure.direction, spc.NEUTRAL)

    @property
    def latest(self):
        return next((p for p in reversed(self.points) if p.value is not None), None)

    @property
    def observed(self):
        return sum(1 for p in self.points if p.value is not None)


# A chart writes a month label and several numbers for each of its months, and a page may hold
# hundreds of charts: Django's locale-aware formatting costs tens of microseconds a call, so each
# text is made once in each language (and forgotten when a test changes the settings).
FORMAT_CACHE_SIZE = 16384


def month_label(period):
    return _month_label(period, translation.get_language())


def month_labeller():
    """month_label in the active language, for many months (the language is looked up once)."""
    language = translation.get_language()
    return lambda period: _month_label(period, language)


@functools.lru_cache(maxsize=FORMAT_CACHE_SIZE)
def _month_label(period, language):
    with translation.override(language):
        return formats.date_format(period, "M Y")


def format_value(value, unit):
    return value_formatter(unit)(value)


def value_formatter(unit):
    """format_value for ``unit`` in the active language, for many values."""
    language = translation.get_language()

    def formatted(value):
        if value is None:
            return ""
        rounded = round(value, 1)
        # The sign of zero and the type are in the key: -0.0 and 0 may be written otherwise.
        sign = math.copysign(1.0, rounded)
        return _format_rounded(rounded, type(rounded), sign, unit, language)

    return formatted


@functools.lru_cache(maxsize=FORMAT_CACHE_SIZE)
def _format_rounded(rounded, kind, sign, unit, language):
    places = 0 if rounded == int(rounded) else 1
    with translation.override(language):
        if unit == "percent":
            return f"{formats.number_format(rounded, decimal_pos=places)}%"
        return formats.number_format(rounded, decimal_pos=places, force_grouping=True)


@receiver(setting_changed)
def _forget_formats(**kwargs):
    _month_label.cache_clear()
    _format_rounded.cache_clear()


def analyze(series):
    """Choose the chart, fill each point's lines and signals, and write the summary."""
    points = series.points
    if series.latest is None:
        series.summary = series.headline = _("No figures yet.")
        return series
    starts = [mark.index for mark in series.phases]
    current_start = max(starts, default=0)
    in_phase = sum(1 for p in points[current_start:] if p.value is not None)
    run_phase = None
    if in_phase < MIN_POINTS_FOR_LIMITS:
        series.chart_kind, chart, scale = RUN, _run_chart(points, starts), 1.0
        run_phase = chart.phases[-1]
    elif series.measure.kind == "ratio":
        numerators = [p.cell.numerator if p.value is not None else None for p in points]
        denominators = [p.cell.denominator if p.value is not None else None for p in points]
        chart = spc.p_prime(numerators, denominators, phases=starts)
        sigma_z = chart.phases[-1].sigma_z
        if sigma_z is None or sigma_z <= OVERDISPERSION:
            chart = spc.p_chart(numerators, denominators, phases=starts)
        series.chart_kind, scale = chart.kind, 100.0
    else:
        series.chart_kind, chart, scale = XMR, spc.xmr([p.value for p in points], phases=starts), 1
    series.limits_shown = series.chart_kind != RUN
    for point, charted in zip(points, chart.points, strict=True):
        point.center = _scaled(charted.center, scale)
        point.lower = _clip(_scaled(charted.lower, scale), series.unit)
        point.upper = _clip(_scaled(charted.upper, scale), series.unit)
        point.signals = tuple(sorted(charted.signals))
        point.side = (bool(charted.high), bool(charted.low))
    series.variation = spc.variation(chart, series.direction)
    if series.limits_shown and series.target is not None:
        target = series.target / scale if scale != 1 else series.target
        series.assurance = spc.assurance(chart, target, series.direction)
    series.summary = _summary(series, in_phase, run_phase)
    return series


def _run_chart(points, starts):
    """Anhøj's rules only: his long-run rule point by point (the IHI shift and trend flags that
    spc also computes are dropped), and few crossings for the phase."""
    chart = spc.run_chart([p.value for p in points], phases=starts)
    kept = frozenset({spc.LONG_RUN})
    return spc.RunChart(
        points=tuple(replace(p, high=p.high & kept, low=p.low & kept) for p in chart.points),
        phases=chart.phases,
    )


def _scaled(value, scale):
    return value * scale if value is not None else None


def _clip(value, unit):
    if value is None:
        return None
    value = max(value, 0.0)
    return min(value, 100.0) if unit == "percent" else value


def _summary(series, in_phase, run_phase):
    unit, latest = series.unit, series.latest
    parts = [
        _("Latest %(value)s (%(month)s).")
        % {"value": format_value(latest.value, unit), "month": month_label(latest.period)}
    ]
    if run_phase is not None:
        parts.append(_run_sentence(series, run_phase))
        parts.append(
            ngettext(
                "Process limits come once the current phase has %(needed)d months; it has "
                "%(count)d.",
                "Process limits come once the current phase has %(needed)d months; it has "
                "%(count)d.",
                in_phase,
            )
            % {"needed": MIN_POINTS_FOR_LIMITS, "count": in_phase}
        )
    else:
        parts.append(_control_sentence(series))
    series.headline = " ".join(parts[:2])
    target = _target_sentence(series)
    if target:
        parts.append(target)
    near = _tests_near_change(series)
    if near:
        parts.append(near)
    return " ".join(parts)


def _run_sentence(series, phase):
    variation = series.variation
    if variation == spc.SPECIAL_CAUSE_IMPROVEMENT:
        return _(
            "Unusual change for the better: the latest month is part of a run on one side of "
            "the median longer than chance explains."
        )
    if variation == spc.SPECIAL_CAUSE_CONCERN:
        return _(
            "Unusual change for the worse: the latest month is part of a run on one side of "
            "the median longer than chance explains."
        )
    if variation == spc.SPECIAL_CAUSE_NEUTRAL:
        return _(
            "Unusual change: the latest month is part of a run on one side of the median "
            "longer than chance explains."
        )
    if spc.FEW_CROSSINGS in phase.fired or spc.LONG_RUN in phase.fired:
        return _(
            "Unusual pattern: the months cross the median less often than chance would, so "
            "the process has probably changed during this phase."
        )
    return _("No unusual pattern: the months vary around the median as chance would.")


def _control_sentence(series):
    variation = series.variation
    reasons = ", ".join(signal_words()[rule] for rule in series.latest.signals)
    if variation == spc.COMMON_CAUSE:
        return _("No unusual change: the variation is within what is expected.")
    if variation == spc.SPECIAL_CAUSE_IMPROVEMENT:
        return _("Unusual change for the better: the latest month is %s.") % reasons
    if variation == spc.SPECIAL_CAUSE_CONCERN:
        return _("Unusual change for the worse: the latest month is %s.") % reasons
    return _("Unusual change: the latest month is %s.") % reasons


def _target_sentence(series):
    target = series.target
    if target is None or series.direction == spc.NEUTRAL:
        return ""
    shown = format_value(target, series.unit)
    if series.assurance is not None:
        return {
            spc.CONSISTENTLY_MET: _("Target %(target)s is consistently met."),
            spc.HIT_AND_MISS: _(
                "Target %(target)s is not consistently met: some months will meet it and "
                "others will not."
            ),
            spc.CONSISTENTLY_FAILED: _(
                "Target %(target)s will not be met unless the way care is given changes."
            ),
        }[series.assurance] % {"target": shown}
    value = series.latest.value
    met = value >= target if series.direction == spc.HIGHER_IS_BETTER else value <= target
    if met:
        return _("The latest month meets the target of %(target)s.") % {"target": shown}
    return _("The latest month does not meet the target of %(target)s.") % {"target": shown}


def change_start(series):
    """The index of the first month of the latest run of unusual months flagged the same way
    (up or down), or None."""
    points = series.points
    observed = [i for i, p in enumerate(points) if p.value is not None]
    flagged = [position for position, i in enumerate(observed) if points[i].signals]
    if not flagged:
        return None
    position = flagged[-1]
    side = points[observed[position]].side
    while position > 0 and points[observed[position - 1]].side == side:
        position -= 1
    return observed[position]


def _tests_near_change(series):
    start = change_start(series)
    if start is None:
        return ""
    near = [a for a in series.annotations if start - MONTHS_BEFORE_SHIFT <= a.index <= start]
    if not near:
        return ""
    tests = ", ".join(
        _("“%(title)s” (started %(month)s)")
        % {"title": a.cycle.title, "month": month_label(a.cycle.started_on)}
        for a in near
    )
    return ngettext(
        "The unusual months began in %(month)s, soon after this test of change: %(tests)s.",
        "The unusual months began in %(month)s, soon after these tests of change: %(tests)s.",
        len(near),
    ) % {"month": month_label(series.points[start].period), "tests": tests}
