"""One indicator for one place, ready to show: observations, SPC analysis, summary, comparisons.

Views, the page, downloads and the embed all read an indicator through :func:`load_series`, so
what a chart shows and what a download holds never disagree. Queries per series are fixed (no
query per point): see ``tests/public_awareness/trends/test_series.py``.

Which chart
-----------
* a percent with a numerator and denominator for every shown point: Laney's p′ chart (state
  denominators are large, so plain p-chart limits would be too narrow and flag everything);
* a rate with numerators and denominators: Laney's u′ chart;
* anything else (counts, or published percentages without denominators): an XmR chart.

Limits are drawn only from :data:`MIN_POINTS_FOR_LIMITS` observed points on: fewer make limits
that move with every new value. Below that the chart shows the values and says why there are
no limits.
"""

from __future__ import annotations

import datetime
import functools
from collections import namedtuple
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from portal.charts import spc

from .models import DataRelease, Footnote, Observation
from .parsers import STATE_CODES

MIN_POINTS_FOR_LIMITS = 15
NATIONAL = "US"

GEOGRAPHY_NAMES = {code: name for name, code in STATE_CODES.items()} | {
    NATIONAL: "United States",
    "NYC": "New York City",
}

RULE_WORDING = {
    spc.BEYOND_LIMITS: lambda: _("outside the process limits"),
    spc.SHIFT: lambda: _("part of a long run on one side of the average"),
    spc.TREND: lambda: _("part of a run of steady rises or falls"),
    spc.TWO_OF_THREE: lambda: _("one of two in three values close to a process limit"),
}


def geography_name(code):
    return GEOGRAPHY_NAMES.get(code, code)


@dataclass
class Point:
    """One period of the series, as the chart, the table and the downloads show it."""

    period_start: datetime.date
    period_end: datetime.date
    value: float | None
    numerator: int | None
    denominator: int | None
    suppressed: bool
    footnotes: list[tuple[str, str]]  # (code, meaning)
    center: float | None = None
    lower: float | None = None
    upper: float | None = None
    signals: list[str] = field(default_factory=list)
    national: float | None = None

    @property
    def label(self):
        return period_label(self.period_start, self.period_end)


@dataclass
class Comparison:
    """Every geography's value for the state's latest period (percent and rate indicators)."""

    period_start: datetime.date
    period_end: datetime.date
    rows: list[tuple[str, str, float | None]]  # (code, name, value), highest first
    national: float | None
    state_rank: int | None
    ranked: int

    @property
    def label(self):
        return period_label(self.period_start, self.period_end)


@dataclass
class PhaseMark:
    index: int
    start: datetime.date
    reason: str


@dataclass
class Series:
    indicator: object
    geography: str
    points: list[Point]
    chart_kind: str | None
    limits_shown: bool
    phases: list[PhaseMark]
    summary: str
    latest: Point | None
    overlapping_periods: bool
    comparison: Comparison | None
    releases: list
    suppression_threshold: int

    @property
    def geography_name(self):
        return geography_name(self.geography)

    @property
    def target(self):
        target = self.indicator.target
        return float(target) if target is not None else None

    @functools.cached_property
    def has_national(self):
        # Cached: the data table asks once a row, and without a national line it scans them all.
        return any(p.national is not None for p in self.points)


def period_label(start, end):
    """ "Oct 2022 – Sep 2023" for whole months, "week ending Jan 5, 2019" for weeks."""
    return _remembered_label(start, end, get_language())


# A ten-year weekly chart shows 520 periods, each labelled in its table and its chart, and
# localised date formatting is slow: each period is worded once per language and remembered
# for later renders. The language is in the key because the wording and date format follow it.
@functools.lru_cache(maxsize=4096)
def _remembered_label(start, end, language):
    return _word_period(start, end)


def _word_period(start, end):
    if (end - start).days == 6:
        return _("week ending %(date)s") % {"date": formats.date_format(end, "M j, Y")}
    next_day = end + datetime.timedelta(days=1)
    if start.day == 1 and next_day.day == 1:
        first, last = formats.date_format(start, "M Y"), formats.date_format(end, "M Y")
        return first if first == last else f"{first} – {last}"
    return f"{formats.date_format(start, 'M j, Y')} – {formats.date_format(end, 'M j, Y')}"


def format_value(value, unit):
    if value is None:
        return ""
    if unit == "percent":
        return f"{formats.number_format(value, decimal_pos=0 if value == int(value) else 1)}%"
    if unit == "count":
        return formats.number_format(value, decimal_pos=0, force_grouping=True)
    return formats.number_format(value, decimal_pos=2)


def _float(value):
    return float(value) if value is not None else None


def _footnote_meanings(observations):
    codes = {code for o in observations for code in o.footnotes}
    if not codes:
        return {}
    return dict(Footnote.objects.filter(code__in=codes).values_list("code", "text"))


def _chart(indicator, points, phase_starts):
    """(kind, spc chart, scale): the scale turns the chart's proportions back into the unit."""
    observed = [p for p in points if p.value is not None]
    counted = [p for p in observed if p.numerator is not None and p.denominator]
    attribute = {"percent": spc.p_prime, "rate": spc.u_prime}.get(indicator.unit)
    if attribute and observed and len(counted) == len(observed):
        present = [p.value is not None for p in points]
        chart = attribute(
            [p.numerator if shown else None for p, shown in zip(points, present, strict=True)],
            [p.denominator if shown else None for p, shown in zip(points, present, strict=True)],
            phases=phase_starts,
        )
        first = counted[0]
        scale = first.value / (first.numerator / first.denominator) if first.numerator else 100.0
        return chart.kind, chart, scale
    return "xmr", spc.xmr([p.value for p in points], phases=phase_starts), 1.0


def _clip(value, unit):
    """Limits as they can be read: no negative counts, no percent beyond 0-100."""
    if value is None or unit == "rate":
        return value
    value = max(value, 0.0)
    return min(value, 100.0) if unit == "percent" else value


def _summary(series, chart, n_observed):
    """One plain sentence or three: latest value, whether it changed, whether it meets target."""
    indicator, latest = series.indicator, series.latest
    unit = indicator.unit
    if latest is None:
        return _("No figures for %(place)s have been published yet.") % {
            "place": series.geography_name
        }
    parts = [
        _("Latest %(value)s (%(period)s).")
        % {"value": format_value(latest.value, unit), "period": latest.label}
    ]
    target = series.target
    if not series.limits_shown:
        parts.append(
            ngettext(
                "Too soon to judge change: process limits need at least %(needed)d periods "
                "and there is %(count)d so far.",
                "Too soon to judge change: process limits need at least %(needed)d periods "
                "and there are %(count)d so far.",
                n_observed,
            )
            % {"needed": MIN_POINTS_FOR_LIMITS, "count": n_observed}
        )
        if target is not None and indicator.direction != spc.NEUTRAL:
            better = indicator.direction == spc.HIGHER_IS_BETTER
            met = latest.value >= target if better else latest.value <= target
            wording = (
                _("The latest value meets the target of %(target)s.")
                if met
                else _("The latest value does not meet the target of %(target)s.")
            )
            parts.append(wording % {"target": format_value(target, unit)})
        return " ".join(parts)

    variation = spc.variation(chart, indicator.direction)
    reasons = ", ".join(RULE_WORDING[rule]() for rule in sorted(chart.latest.signals))
    if variation == spc.COMMON_CAUSE:
        parts.append(_("No unusual change: the variation is within what is expected."))
    elif variation == spc.SPECIAL_CAUSE_IMPROVEMENT:
        parts.append(_("Unusual change for the better: the latest value is %s.") % reasons)
    elif variation == spc.SPECIAL_CAUSE_CONCERN:
        parts.append(_("Unusual change for the worse: the latest value is %s.") % reasons)
    else:
        parts.append(_("Unusual change: the latest value is %s.") % reasons)

    assurance = spc.assurance(chart, target, indicator.direction) if target is not None else None
    if assurance is not None:
        wording = {
            spc.CONSISTENTLY_MET: _("Target %(target)s is consistently met."),
            spc.HIT_AND_MISS: _(
                "Target %(target)s is not consistently met: some periods will meet it and "
                "others will not."
            ),
            spc.CONSISTENTLY_FAILED: _(
                "Target %(target)s will not be met unless the way care is given changes."
            ),
        }[assurance]
        parts.append(wording % {"target": format_value(target, unit)})
    return " ".join(parts)


def _comparison(indicator, state, latest):
    """How the state's latest period compares with the others, for comparable measures.

    Counts are not compared: states differ in population, and the data carry no denominators
    to make rates of them.
    """
    if latest is None or indicator.unit == "count":
        return None
    rows = list(
        Observation.objects.filter(
            indicator=indicator,
            is_current=True,
            stratum="",
            period_start=latest.period_start,
            period_end=latest.period_end,
        ).values_list("geography", "value")
    )
    if len(rows) < 2:
        return None
    national = next((_float(v) for g, v in rows if g == NATIONAL), None)
    places = sorted(
        ((g, geography_name(g), _float(v)) for g, v in rows if g != NATIONAL),
        key=lambda row: (row[2] is None, -(row[2] or 0), row[1]),
    )
    ranked = [row for row in places if row[2] is not None]
    higher_is_better = indicator.direction != spc.LOWER_IS_BETTER
    if not higher_is_better:
        ranked.reverse()
    state_value = next((v for g, _n, v in ranked if g == state), None)
    rank = None
    if state_value is not None:
        # Rank 1 is the best; ties share the better rank.
        better = [
            v for _g, _n, v in ranked if (v > state_value if higher_is_better else v < state_value)
        ]
        rank = len(better) + 1
    return Comparison(
        period_start=latest.period_start,
        period_end=latest.period_end,
        rows=places,
        national=national,
        state_rank=rank,
        ranked=len(ranked),
    )


# What a series reads of each observation, and of its release (joined in the same query).
OBSERVATION_COLUMNS = (
    "geography",
    "period_start",
    "period_end",
    "value",
    "numerator",
    "denominator",
    "suppressed",
    "footnotes",
    "release_id",
)
RELEASE_COLUMNS = tuple(f.attname for f in DataRelease._meta.concrete_fields)
_Observation = namedtuple("_Observation", OBSERVATION_COLUMNS)


def _observations(indicator, geographies):
    """(observations, releases by id) of ``geographies``, oldest period first, in one query.

    Rows rather than model instances: ten years of weekly data for a state and the nation are
    over a thousand rows, and building an Observation and its DataRelease for each cost most of
    the series' time. Each release is built once, from its first row.
    """
    rows = (
        Observation.objects.filter(
            indicator=indicator, is_current=True, stratum="", geography__in=geographies
        )
        .order_by("period_start", "period_end")
        .values_list(*OBSERVATION_COLUMNS, *(f"release__{c}" for c in RELEASE_COLUMNS))
    )
    width = len(OBSERVATION_COLUMNS)
    observations, releases = [], {}
    for row in rows:
        observation = _Observation(*row[:width])
        if observation.release_id not in releases:
            releases[observation.release_id] = DataRelease.from_db(
                rows.db, RELEASE_COLUMNS, row[width:]
            )
        observations.append(observation)
    return observations, releases


def load_series(indicator, geography, *, compare=True):
    """Everything shown about ``indicator`` in ``geography`` (a code such as "MA")."""
    threshold = settings.PORTAL_SUPPRESSION_THRESHOLD
    # The national line is drawn only where it is comparable: a national count dwarfs a state's.
    with_national = geography != NATIONAL and indicator.unit != "count"
    wanted = [geography, NATIONAL] if with_national else [geography]
    observations, releases_by_id = _observations(indicator, wanted)
    meanings = _footnote_meanings(observations)
    national = {
        (o.period_start, o.period_end): _float(o.value)
        for o in observations
        if o.geography == NATIONAL and with_national
    }
    own = [o for o in observations if o.geography == geography]
    points = [
        Point(
            period_start=o.period_start,
            period_end=o.period_end,
            value=_float(o.value),
            numerator=o.numerator,
            denominator=o.denominator,
            suppressed=o.suppressed,
            footnotes=[(code, meanings.get(code, code)) for code in o.footnotes],
            national=national.get((o.period_start, o.period_end)),
        )
        for o in own
    ]
    phase_marks = []
    for phase in indicator.phases.filter(geography=geography):
        index = next((i for i, p in enumerate(points) if p.period_start >= phase.start), None)
        if index:
            phase_marks.append(PhaseMark(index=index, start=phase.start, reason=phase.reason))

    observed = [p for p in points if p.value is not None]
    limits_shown = len(observed) >= MIN_POINTS_FOR_LIMITS
    chart_kind, chart = None, None
    if observed:
        chart_kind, chart, scale = _chart(indicator, points, [m.index for m in phase_marks])
        for point, charted in zip(points, chart.points, strict=True):
            if limits_shown:
                point.center = _scaled(charted.center, scale)
                point.lower = _clip(_scaled(charted.lower, scale), indicator.unit)
                point.upper = _clip(_scaled(charted.upper, scale), indicator.unit)
                point.signals = sorted(charted.signals)
    latest = observed[-1] if observed else None
    own_releases = (releases_by_id[pk] for pk in {o.release_id for o in own})
    releases = sorted(own_releases, key=lambda r: r.imported_at)
    overlapping = any(
        later.period_start <= earlier.period_end
        for earlier, later in zip(points, points[1:], strict=False)
    )
    series = Series(
        indicator=indicator,
        geography=geography,
        points=points,
        chart_kind=chart_kind,
        limits_shown=limits_shown,
        phases=phase_marks,
        summary="",
        latest=latest,
        overlapping_periods=overlapping,
        comparison=_comparison(indicator, geography, latest) if compare else None,
        releases=releases,
        suppression_threshold=threshold,
    )
    series.summary = _summary(series, chart, len(observed))
    return series


def _scaled(value, scale):
    return value * scale if value is not None else None
