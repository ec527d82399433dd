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

Honest figures
--------------
* Every figure of an indicator is rounded (half up, never truncated) to the indicator's one
  precision (:func:`format_value`), and comparisons rank the values as they are shown, so two
  places showing 58% are tied.
* Each point is an improvement, a concern, a neutral special cause or common cause by the
  indicator's direction (NHS England's "Making Data Count"); a point with no value is unknown.
* The privacy rule is worded once, in :func:`suppression_rule`.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections import namedtuple
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.humanize.templatetags.humanize import ordinal
from django.db.models import Q
from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from portal.charts import spc

from .models import DataRelease, Footnote, Observation
from .parsers import STATE_CODES

MIN_POINTS_FOR_LIMITS = 15
NATIONAL = "US"
# A point with no value (suppressed or not published): whether it was unusual is unknown.
UNKNOWN = "unknown"
# A publisher's own small-count flag ("Suppressed (counts 1-9)"): the portal's rule, stricter,
# is said instead, so that one wording of suppression is shown everywhere.
PUBLISHER_SMALL_COUNT_FLAG = re.compile(r"^suppressed\b.*\bcounts?\b", re.IGNORECASE)

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
    # A variation constant of portal.charts.spc, UNKNOWN for a point with no value, or None
    # while there are too few points for limits.
    variation: str | None = None

    @property
    def label(self):
        return period_label(self.period_start, self.period_end)

    @property
    def small_count(self):
        """Hidden by the privacy rule, with no publisher's note to say otherwise."""
        return self.suppressed and not self.footnotes


@dataclass
class Comparison:
    """Every geography's value for the state's latest period (percent and rate indicators)."""

    period_start: datetime.date
    period_end: datetime.date
    rows: list[tuple[str, str, float | None]]  # (code, name, value), highest first
    national: float | None
    state_rank: int | None  # 1 is best; places tied with the state share its best rank
    ranked: int
    tied_to: int | None = None  # the worst rank the state shares, when it is tied

    @property
    def tied(self):
        return self.tied_to is not None and self.tied_to != self.state_rank

    @property
    def rank_text(self):
        """ "28th", or "21st–28th" when the state's shown value ties with others'."""
        if self.state_rank is None:
            return ""
        if self.tied:
            return f"{ordinal(self.state_rank)}–{ordinal(self.tied_to)}"
        return ordinal(self.state_rank)

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
    variation: str | None = None  # the latest point's: the variation icon
    assurance: str | None = None  # whether the target will be met: the assurance icon
    window_months: int | None = None  # the length of each period, when periods are months

    @property
    def data_as_of(self):
        """The newest publication date of the releases shown; the day of the latest import
        only when no release says when it was published (an import is not a publication)."""
        published = [r.released_on for r in self.releases if r.released_on]
        if published:
            return max(published)
        return max((r.imported_at.date() for r in self.releases), default=None)

    @property
    def precision(self):
        return self.indicator.precision

    @property
    def suppression_rule(self):
        return suppression_rule(self.suppression_threshold)

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


def suppression_rule(threshold):
    """The privacy rule, in the one wording every page, table and download uses."""
    return _(
        "Counts from 1 to %(threshold)d, and any figure they could be worked out from, are not "
        "shown, to protect privacy."
    ) % {"threshold": threshold}


def rounded(value, decimals):
    """``value`` rounded half up (7.68 is 8, 28.78 is 29, 18.5 is 19), never truncated."""
    if value is None:
        return None
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP))


def format_value(value, unit, decimals=None):
    """``value`` as the page shows it: rounded to ``decimals`` (whole numbers by default, one
    decimal for rates), grouped as the language writes numbers."""
    if value is None:
        return ""
    if decimals is None:
        decimals = 1 if unit == "rate" else 0
    number = rounded(value, decimals) + 0.0  # + 0.0: never "-0"
    text = formats.number_format(number, decimal_pos=decimals, force_grouping=True)
    return f"{text}%" if unit == "percent" else text


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
        % {"value": format_value(latest.value, unit, indicator.precision), "period": latest.label}
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
            parts.append(wording % {"target": format_value(target, unit, indicator.precision)})
        return " ".join(parts)

    if series.phases:
        # Say why the limits restart, in the editor's words: the pandemic changed both how many
        # died and what death certificates record, and readers need to know that.
        phase = series.phases[-1]
        parts.append(
            _("Average and limits are computed afresh from %(start)s: %(reason)s.")
            % {
                "start": formats.date_format(phase.start, "YEAR_MONTH_FORMAT"),
                "reason": phase.reason.rstrip("."),
            }
        )
    variation = series.variation
    reasons = ", ".join(RULE_WORDING[rule]() for rule in sorted(chart.latest.signals))
    if variation == spc.COMMON_CAUSE:
        parts.append(_("No unusual change: the variation is within what is expected."))
    elif variation == spc.SPECIAL_CAUSE_IMPROVEMENT:
        parts.append(_("Unusual change for the better: the latest value is %s.") % reasons)
    elif variation == spc.SPECIAL_CAUSE_CONCERN:
        parts.append(_("Unusual change for the worse: the latest value is %s.") % reasons)
    else:
        parts.append(_("Unusual change: the latest value is %s.") % reasons)

    assurance = series.assurance
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
        parts.append(wording % {"target": format_value(target, unit, indicator.precision)})
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
    # Places are ranked by the values the page shows: two states both showing 58% are tied,
    # whatever digits lie beyond the indicator's precision.
    shown = {g: rounded(v, indicator.precision) for g, _n, v in ranked}
    state_value = shown.get(state)
    rank = tied_to = None
    if state_value is not None:
        # Rank 1 is the best; tied places share the ranks from the best to the worst of them.
        better = [
            v for v in shown.values() if (v > state_value if higher_is_better else v < state_value)
        ]
        rank = len(better) + 1
        tied_to = len(better) + sum(1 for v in shown.values() if v == state_value)
    return Comparison(
        period_start=latest.period_start,
        period_end=latest.period_end,
        rows=places,
        national=national,
        state_rank=rank,
        ranked=len(ranked),
        tied_to=tied_to,
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
            footnotes=[
                (code, meaning)
                for code, meaning in ((c, meanings.get(c, c)) for c in o.footnotes)
                if not (o.suppressed and PUBLISHER_SMALL_COUNT_FLAG.match(meaning))
            ],
            national=national.get((o.period_start, o.period_end)),
        )
        for o in own
    ]
    phase_marks = []
    # A phase with no geography is a change everywhere (the pandemic, a coding rule).
    for phase in indicator.phases.filter(Q(geography=geography) | Q(geography="")):
        index = next((i for i, p in enumerate(points) if p.period_start >= phase.start), None)
        if index and index not in {mark.index for mark in phase_marks}:
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
                point.variation = (
                    spc.point_variation(charted, indicator.direction)
                    if point.value is not None
                    else UNKNOWN
                )
    latest = observed[-1] if observed else None
    own_releases = (releases_by_id[pk] for pk in {o.release_id for o in own})
    releases = sorted(own_releases, key=lambda r: r.imported_at)
    overlapping = any(
        later.period_start <= earlier.period_end
        for earlier, later in zip(points, points[1:], strict=False)
    )
    months = _months(points[-1]) if points else None
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
        window_months=months,
    )
    if chart is not None and limits_shown:
        series.variation = spc.variation(chart, indicator.direction)
        if series.target is not None:
            series.assurance = spc.assurance(chart, series.target / scale, indicator.direction)
    series.summary = _summary(series, chart, len(observed))
    return series


def _months(point):
    """How many whole months a period spans (12 for a CMS window), or None for other periods."""
    start, end = point.period_start, point.period_end
    if start.day != 1 or (end + datetime.timedelta(days=1)).day != 1:
        return None
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _scaled(value, scale):
    return value * scale if value is not None else None
