"""Statistical process control (SPC) for the consortium's sepsis indicators.

Run charts and control charts as a quality-improvement collaborative reads them, in pure Python
(standard library only: no Django, no numpy). Every function takes plain sequences and returns
plain data: numbers, tuples and small frozen dataclasses.

Conventions shared by every chart
---------------------------------
* **Missing data.** A value that is ``None`` (a suppressed or missing month), not a number, or not
  finite is *missing*. So is a point whose inputs are impossible: a denominator or exposure that
  is zero or negative, a negative count, or a numerator larger than its denominator. A missing
  point keeps its position in the output (``ChartPoint.value is None``) so that a plot can draw a
  gap, but nothing is computed from it: it is not in a mean, a median, a total or a moving range,
  and it never carries a signal. The center line runs through a gap (a missing point's
  ``center`` is its phase's), and so do limits that do not depend on a denominator (XmR, c).
* **Moving ranges do not bridge a gap.** A moving range exists only between two *adjacent*
  positions that are both present: ``[5, None, 9]`` has no moving range at all, because a
  difference across a gap spans two intervals and would overstate short-term variation.
* **Run rules close up gaps.** Shift, trend, two-of-three and the run-chart rules look at the
  observed points in order as if the gaps were not there: a gap neither breaks nor extends a run.
* **Phases.** Every chart function takes ``phases``: the indices at which a new phase begins
  (``phases=[12]`` splits a series into positions 0-11 and 12 onwards). Center lines, limits,
  moving ranges and every signal rule are computed from each phase's own points only; no moving
  range and no run crosses a phase boundary. Indices that are not finite numbers, or not strictly
  between 0 and the series length, are ignored; the rest are truncated to integers, sorted and
  de-duplicated.
* **Tolerance.** Two numbers are treated as equal when they differ by no more than 1e-9 times
  the largest absolute value in the phase (values and center line). Without it, rounding in the
  mean of a constant series would put every point a hair above or below its own center line and
  manufacture signals.
* **Never raises on data.** Empty series, a single point, two points, constant series, gaps and
  zero denominators all return a result; whatever cannot be computed is ``None`` (for example
  limits need at least one moving range, and a figure that overflows the float range, from
  magnitudes near 1e308 or exposures near 1e-300, is ``None`` rather than inf or nan). The one
  exception is a programming error: an unknown ``direction`` string given to :func:`variation`
  or :func:`assurance` raises ``ValueError``.

Control-chart signal rules (:func:`xmr`, the attribute charts and Laney's charts)
-------------------------------------------------------------------------------
Each point's signals are split into ``high`` (pointing up: above the center line, or increasing)
and ``low`` (pointing down). Rule names are the constants below.

* ``beyond_limits``: the point is strictly above the upper or strictly below the lower limit.
  A point exactly on a limit is not a signal (so a count of 0 on a lower limit clipped at 0 is
  not a signal either).
* ``shift``: ``shift_length`` (default 7) or more consecutive observed points on the same side
  of the center line. A point exactly on the center line is skipped: it neither breaks nor
  extends the run.
* ``trend``: ``trend_length`` (default 7) or more consecutive observed points, each strictly
  higher (or each strictly lower) than the one before. Lengths count points, not steps: a trend
  of 7 points has 6 rises. An equal neighbor ends the trend (the equal point may start the
  next one): a tie is not a rise. The run chart's trend rule differs, as the IHI rule does.
* ``two_of_three``: two or three of any three consecutive observed points are strictly beyond
  two sigma on the same side of the center line (above ``center + 2 sigma`` or below
  ``center - 2 sigma``). Only the points beyond two sigma are flagged, not the third point of
  the window. Points beyond the limits count. Sigma is the point's own: ``MR-bar / 1.128`` for
  XmR, ``sqrt(c-bar)`` for c, the per-point sigma for p and u, and ``sigma_i * sigma_z`` for
  Laney's charts. Phases with fewer than three observed points cannot fire this rule.
* **Flagging a run.** A shift or trend flags every observed point from the first to the last
  point that counts toward it, so a point on the center line inside a shift is flagged too.
* ``shift_length`` and ``trend_length`` below 2 are treated as 2.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

__all__ = [
    "ASSURANCE_RESULTS",
    "BEYOND_LIMITS",
    "COMMON_CAUSE",
    "CONSISTENTLY_FAILED",
    "CONSISTENTLY_MET",
    "D2",
    "D4",
    "DIRECTIONS",
    "E2",
    "FEW_CROSSINGS",
    "HIGHER_IS_BETTER",
    "HIT_AND_MISS",
    "LABELS",
    "LONG_RUN",
    "LOWER_IS_BETTER",
    "NEUTRAL",
    "SHIFT",
    "SPECIAL_CAUSE_CONCERN",
    "SPECIAL_CAUSE_IMPROVEMENT",
    "SPECIAL_CAUSE_NEUTRAL",
    "TOO_FEW_RUNS",
    "TOO_MANY_RUNS",
    "TREND",
    "TWO_OF_THREE",
    "VARIATION_RESULTS",
    "ChartPoint",
    "ControlChart",
    "Interval",
    "Phase",
    "RunChart",
    "RunPhase",
    "assurance",
    "byars_interval",
    "c_chart",
    "p_chart",
    "p_prime",
    "point_variation",
    "run_chart",
    "u_chart",
    "u_prime",
    "variation",
    "wilson_interval",
    "xmr",
]

# --- constants ---------------------------------------------------------------------------------

E2 = 2.66
"""XmR limits are ``mean ± E2 × MR-bar`` (3 / d2, rounded as it is usually published)."""
D4 = 3.267
"""Upper limit of a moving range is ``D4 × MR-bar``; screening drops ranges at or above it."""
D2 = 1.128
"""Bias-correction constant for ranges of two: ``sigma = MR-bar / D2``."""

RELATIVE_TOLERANCE = 1e-9

HIGHER_IS_BETTER = "higher_is_better"
LOWER_IS_BETTER = "lower_is_better"
NEUTRAL = "neutral"
DIRECTIONS = (HIGHER_IS_BETTER, LOWER_IS_BETTER, NEUTRAL)

# Per-point rules.
BEYOND_LIMITS = "beyond_limits"
SHIFT = "shift"
TREND = "trend"
TWO_OF_THREE = "two_of_three"
LONG_RUN = "long_run"
# Whole-phase run-chart rules.
TOO_FEW_RUNS = "too_few_runs"
TOO_MANY_RUNS = "too_many_runs"
FEW_CROSSINGS = "few_crossings"

COMMON_CAUSE = "common_cause"
SPECIAL_CAUSE_IMPROVEMENT = "special_cause_improvement"
SPECIAL_CAUSE_CONCERN = "special_cause_concern"
SPECIAL_CAUSE_NEUTRAL = "special_cause_neutral"
VARIATION_RESULTS = (
    COMMON_CAUSE,
    SPECIAL_CAUSE_IMPROVEMENT,
    SPECIAL_CAUSE_CONCERN,
    SPECIAL_CAUSE_NEUTRAL,
)

CONSISTENTLY_MET = "consistently_met"
HIT_AND_MISS = "hit_and_miss"
CONSISTENTLY_FAILED = "consistently_failed"
ASSURANCE_RESULTS = (CONSISTENTLY_MET, HIT_AND_MISS, CONSISTENTLY_FAILED)

LABELS = {
    COMMON_CAUSE: "Common cause variation",
    SPECIAL_CAUSE_IMPROVEMENT: "Special cause variation: improvement",
    SPECIAL_CAUSE_CONCERN: "Special cause variation: concern",
    SPECIAL_CAUSE_NEUTRAL: "Special cause variation: neither improvement nor concern",
    CONSISTENTLY_MET: "The target will consistently be met",
    HIT_AND_MISS: "The target will be hit and missed at random",
    CONSISTENTLY_FAILED: "The target will consistently be missed",
}
"""Plain-English wording for the classification strings, for templates."""

# IHI run-chart rules.
RUN_CHART_SHIFT_LENGTH = 6
RUN_CHART_TREND_LENGTH = 5
# Each tail of the exact runs test is 2.5 % (two-sided 5 %): 1 / 40.
_RUNS_TAIL_DENOMINATOR = 40
# Anhøj's crossings rule uses the 5th percentile: 1 / 20.
_CROSSINGS_QUANTILE_DENOMINATOR = 20


# --- results -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One position of a chart.

    ``value`` is what is plotted (the value, proportion, rate or count) or ``None`` when the point
    is missing. ``center``, ``lower`` and ``upper`` are the lines at this position (``None`` when
    they cannot be computed; run charts have no limits). ``sigma`` is the sigma used for the
    two-sigma rule. ``moving_range`` is ``|x_i - x_(i-1)|`` (XmR) or ``|z_i - z_(i-1)|`` (Laney),
    ``None`` for the first point of a phase, next to a gap, and for the other charts. ``high`` and
    ``low`` hold the names of the rules that flag this point upward and downward.
    """

    index: int
    value: float | None
    center: float | None = None
    lower: float | None = None
    upper: float | None = None
    sigma: float | None = None
    moving_range: float | None = None
    high: frozenset[str] = frozenset()
    low: frozenset[str] = frozenset()

    @property
    def signals(self) -> frozenset[str]:
        """Every rule that flags this point, whichever its direction."""
        return self.high | self.low

    @property
    def special_cause(self) -> bool:
        return bool(self.high or self.low)


@dataclass(frozen=True, slots=True)
class Phase:
    """The figures of one phase of a control chart, positions ``start`` to ``stop - 1``.

    ``n`` counts the observed (non-missing) points. ``center`` is the mean (XmR), p-bar, u-bar or
    c-bar. ``lower``, ``upper`` and ``sigma`` are set where they are the same for every point of
    the phase (XmR and c charts) and ``None`` where they vary with the denominator. ``mr_bar`` is
    the mean moving range actually used (after screening) for XmR, or of the z-scores for Laney's
    charts. ``sigma_z`` is Laney's ``MR-bar(z) / 1.128``. ``screened_out`` lists the positions whose
    moving range was dropped by screening.
    """

    start: int
    stop: int
    n: int
    center: float | None
    lower: float | None = None
    upper: float | None = None
    sigma: float | None = None
    mr_bar: float | None = None
    sigma_z: float | None = None
    screened_out: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ControlChart:
    """A control chart: ``kind`` is ``"xmr"``, ``"p"``, ``"u"``, ``"c"``, ``"p_prime"`` or
    ``"u_prime"``; one :class:`ChartPoint` per input position; one :class:`Phase` per phase."""

    kind: str
    points: tuple[ChartPoint, ...]
    phases: tuple[Phase, ...]

    @property
    def values(self) -> tuple[float | None, ...]:
        return tuple(p.value for p in self.points)

    @property
    def center_line(self) -> tuple[float | None, ...]:
        return tuple(p.center for p in self.points)

    @property
    def lower_limits(self) -> tuple[float | None, ...]:
        return tuple(p.lower for p in self.points)

    @property
    def upper_limits(self) -> tuple[float | None, ...]:
        return tuple(p.upper for p in self.points)

    @property
    def latest(self) -> ChartPoint | None:
        """The last point that is not missing, or ``None``."""
        return _latest(self.points)

    @property
    def fired(self) -> frozenset[str]:
        """Every rule that flagged at least one point."""
        return frozenset().union(*(p.signals for p in self.points))


@dataclass(frozen=True, slots=True)
class RunPhase:
    """The run-chart analysis of one phase, positions ``start`` to ``stop - 1``.

    * ``n_observed``: points that are not missing; ``n_useful``: those not on the median
      (``n_above + n_below``).
    * ``runs``: maximal groups of consecutive useful points on the same side of the median
      (points on the median are skipped); ``crossings = runs - 1`` (0 when there are none).
    * ``runs_lower`` / ``runs_upper``: the fewest and the most runs that are *not* a signal
      (``None`` with no useful point). ``longest_run_limit``: Anhøj's ``round(log2(n) + 3)``,
      a longer run signals. ``crossings_limit``: the 5th percentile of binomial(n - 1, 0.5),
      fewer crossings signal.
    * ``fired``: the names of the rules that fired in this phase.
    """

    start: int
    stop: int
    median: float | None
    n_observed: int
    n_useful: int
    n_above: int
    n_below: int
    runs: int
    runs_lower: int | None
    runs_upper: int | None
    longest_run: int
    longest_run_limit: int | None
    crossings: int
    crossings_limit: int | None
    fired: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RunChart:
    """A run chart: one :class:`ChartPoint` per position (``center`` is the phase's median, no
    limits) and one :class:`RunPhase` per phase."""

    points: tuple[ChartPoint, ...]
    phases: tuple[RunPhase, ...]

    @property
    def values(self) -> tuple[float | None, ...]:
        return tuple(p.value for p in self.points)

    @property
    def median(self) -> float | None:
        """The median of the last (current) phase."""
        return self.phases[-1].median if self.phases else None

    @property
    def fired(self) -> frozenset[str]:
        """Every rule that fired in any phase."""
        return frozenset().union(*(phase.fired for phase in self.phases))

    @property
    def latest(self) -> ChartPoint | None:
        return _latest(self.points)


@dataclass(frozen=True, slots=True)
class Interval:
    """A point estimate with the lower and upper bounds of its confidence interval."""

    estimate: float
    lower: float
    upper: float


# --- input cleaning ----------------------------------------------------------------------------


def _number(value: object) -> float | None:
    """``value`` as a finite float, or ``None`` for missing, non-numeric and non-finite input."""
    if value is None or isinstance(value, str | bytes):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def _numbers(values: Iterable[object] | None) -> list[float | None]:
    if values is None:
        return []
    try:
        return [_number(v) for v in values]
    except TypeError:  # not iterable
        return []


def _pad(values: list[float | None], length: int) -> list[float | None]:
    return values + [None] * (length - len(values))


def _phase_bounds(length: int, phases: Iterable[object] | None) -> list[tuple[int, int]]:
    """``(start, stop)`` of each phase; see the module docstring for how boundaries are read."""
    starts = {0}
    for boundary in _numbers(phases):
        if boundary is not None and 0 < boundary < length:
            starts.add(int(boundary))
    starts.discard(0)
    edges = [0, *sorted(starts), length]
    return [(a, b) for a, b in zip(edges, edges[1:], strict=False) if b > a]


def _sum(values: Iterable[float]) -> float:
    values = list(values)
    try:
        return math.fsum(values)
    except OverflowError:  # only for magnitudes near the float limit
        return sum(values)


def _mean(values: Sequence[float]) -> float | None:
    return _sum(values) / len(values) if values else None


def _tolerance(*groups: Iterable[float | None]) -> float:
    largest = 0.0
    for group in groups:
        for v in group:
            if v is not None and math.isfinite(v):
                largest = max(largest, abs(v))
    return RELATIVE_TOLERANCE * largest


def _side(value: float, center: float, eps: float) -> int:
    """+1 above, -1 below, 0 on the center line (within the tolerance)."""
    if value > center + eps:
        return 1
    if value < center - eps:
        return -1
    return 0


def _latest(points: Sequence[ChartPoint]) -> ChartPoint | None:
    for point in reversed(points):
        if point.value is not None:
            return point
    return None


def _length(value: object, default: int) -> int:
    number = _number(value)
    return max(2, int(number)) if number is not None else default


# --- run detection -----------------------------------------------------------------------------


def _side_runs(sides: Sequence[int]) -> list[tuple[int, int, int, int]]:
    """Maximal runs of equal non-zero sides, skipping zeros.

    Returns ``(side, first position, last position, number of counted points)``; a zero (a point
    on the center line) inside a run is neither counted nor a break.
    """
    runs: list[tuple[int, int, int, int]] = []
    current, first, last, count = 0, 0, 0, 0
    for position, side in enumerate(sides):
        if side == 0:
            continue
        if side == current:
            last, count = position, count + 1
            continue
        if current:
            runs.append((current, first, last, count))
        current, first, last, count = side, position, position, 1
    if current:
        runs.append((current, first, last, count))
    return runs


def _trend_runs(
    values: Sequence[float], eps: float, *, skip_ties: bool
) -> list[tuple[int, int, int, int]]:
    """Maximal monotone runs: ``(direction, first position, last position, points counted)``.

    Points are counted, not steps. With ``skip_ties`` an equal neighbor is ignored (it neither
    breaks the run nor counts); without it, it ends the run and may start the next one. A
    turning point belongs to both the run that ends and the run that starts there.
    """
    runs: list[tuple[int, int, int, int]] = []
    direction, first, last, count = 0, 0, 0, 1
    for position in range(1, len(values)):
        step = _side(values[position], values[position - 1], eps)
        if step == 0:
            if skip_ties:
                continue
            if direction:
                runs.append((direction, first, last, count))
            direction, first, last, count = 0, position, position, 1
        elif step == direction:
            last, count = position, count + 1
        else:
            if direction:
                runs.append((direction, first, last, count))
            direction, first, last, count = step, position - 1, position, 2
    if direction:
        runs.append((direction, first, last, count))
    return runs


# --- control charts ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    """Mutable per-position working values while a chart is built."""

    value: float | None
    center: float | None = None
    lower: float | None = None
    upper: float | None = None
    sigma: float | None = None
    moving_range: float | None = None


def _control_signals(
    lines: list[_Line],
    indices: list[int],
    shift_length: int,
    trend_length: int,
    eps: float,
) -> dict[int, tuple[set[str], set[str]]]:
    """Apply the control-chart rules to the observed points of one phase (see module docs)."""
    observed = [(i, lines[i]) for i in indices if lines[i].value is not None]
    flags: dict[int, tuple[set[str], set[str]]] = {i: (set(), set()) for i, _ in observed}

    def flag(position: int, direction: int, rule: str) -> None:
        flags[observed[position][0]][0 if direction > 0 else 1].add(rule)

    for position, (_, line) in enumerate(observed):
        if line.upper is not None and line.value > line.upper + eps:
            flag(position, 1, BEYOND_LIMITS)
        if line.lower is not None and line.value < line.lower - eps:
            flag(position, -1, BEYOND_LIMITS)

    sides = [
        _side(line.value, line.center, eps) if line.center is not None else 0
        for _, line in observed
    ]
    for side, first, last, count in _side_runs(sides):
        if count >= shift_length:
            for position in range(first, last + 1):
                flag(position, side, SHIFT)

    values = [line.value for _, line in observed]
    for direction, first, last, count in _trend_runs(values, eps, skip_ties=False):
        if count >= trend_length:
            for position in range(first, last + 1):
                flag(position, direction, TREND)

    zones = []
    for _, line in observed:
        zone = 0
        if line.sigma is not None and line.center is not None:
            zone = _side(line.value, line.center, 2 * line.sigma + eps)
        zones.append(zone)
    for start in range(len(observed) - 2):
        for side in (1, -1):
            hits = [p for p in range(start, start + 3) if zones[p] == side]
            if len(hits) >= 2:
                for position in hits:
                    flag(position, side, TWO_OF_THREE)
    return flags


def _finite(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def _finite_line(line: _Line) -> None:
    """Replace overflowed figures (inf, nan) by ``None``; limits go together or not at all."""
    line.center, line.sigma = _finite(line.center), _finite(line.sigma)
    line.moving_range = _finite(line.moving_range)
    lower, upper = _finite(line.lower), _finite(line.upper)
    if line.center is None or lower is None or upper is None:
        lower = upper = None
    line.lower, line.upper = lower, upper


def _finite_phase(phase: Phase) -> Phase:
    lower, upper = _finite(phase.lower), _finite(phase.upper)
    if lower is None or upper is None:
        lower = upper = None
    return replace(
        phase,
        center=_finite(phase.center),
        lower=lower,
        upper=upper,
        sigma=_finite(phase.sigma),
        mr_bar=_finite(phase.mr_bar),
        sigma_z=_finite(phase.sigma_z),
    )


def _control_chart(
    kind: str,
    lines: list[_Line],
    phase_builder: Callable[[list[_Line], int, int], Phase],
    phases: Iterable[object] | None,
    shift_length: object,
    trend_length: object,
) -> ControlChart:
    shift = _length(shift_length, 7)
    trend = _length(trend_length, 7)
    phase_results = []
    flags: dict[int, tuple[set[str], set[str]]] = {}
    for start, stop in _phase_bounds(len(lines), phases):
        phase = _finite_phase(phase_builder(lines, start, stop))
        phase_results.append(phase)
        indices = list(range(start, stop))
        for i in indices:
            _finite_line(lines[i])
        eps = _tolerance(
            (lines[i].value for i in indices),
            (lines[i].center for i in indices),
        )
        flags.update(_control_signals(lines, indices, shift, trend, eps))
    points = []
    for index, line in enumerate(lines):
        high, low = flags.get(index, ((), ()))
        points.append(
            ChartPoint(
                index=index,
                value=line.value,
                center=line.center,
                lower=line.lower,
                upper=line.upper,
                sigma=line.sigma,
                moving_range=line.moving_range,
                high=frozenset(high),
                low=frozenset(low),
            )
        )
    return ControlChart(kind=kind, points=tuple(points), phases=tuple(phase_results))


def _moving_ranges(series: list[float | None], start: int, stop: int) -> dict[int, float]:
    """``|x_i - x_(i-1)|`` for adjacent positions of the phase that are both present."""
    ranges = {}
    for i in range(start + 1, stop):
        a, b = series[i - 1], series[i]
        if a is not None and b is not None:
            ranges[i] = abs(b - a)
    return ranges


def xmr(
    values: Iterable[float | None],
    *,
    screen_outliers: bool = True,
    shift_length: int = 7,
    trend_length: int = 7,
    phases: Iterable[int] | None = None,
) -> ControlChart:
    """XmR (individuals) chart of ``values``.

    Per phase: center = mean of the observed values; moving ranges ``|x_i - x_(i-1)|`` between
    adjacent present positions (none across a gap or a phase boundary); MR-bar = their mean;
    limits = ``mean ± 2.66 × MR-bar``; sigma = ``MR-bar / 1.128`` (for the two-sigma rule).

    Screening (``screen_outliers=True``): moving ranges at or above ``3.267 × MR-bar`` are dropped
    and MR-bar is recomputed once from the rest (not repeated); the dropped positions are listed
    in ``Phase.screened_out``. A range within the tolerance of the cutoff counts as at it.
    Screening does nothing when MR-bar is 0.

    Signals: ``beyond_limits``, ``shift`` (``shift_length`` points), ``trend`` (``trend_length``
    points, ties end a trend) and ``two_of_three``, as the module docstring defines them.

    Edge cases: empty input gives a chart with no points and no phases; a phase with no observed
    value has ``center None``; a phase with no moving range (one point, or only isolated points
    between gaps) has a mean but no limits and no sigma; a constant series has MR-bar 0, so its
    limits equal its mean and no point signals. Missing positions keep the phase's center and
    limits (``sigma`` stays ``None``) so the lines can be drawn through a gap.

    >>> chart = xmr([1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1])
    >>> phase = chart.phases[0]
    >>> round(phase.center, 2), round(phase.lower, 2), round(phase.upper, 2)
    (1.94, -0.72, 4.6)
    """
    lines = [_Line(value) for value in _numbers(values)]
    screen = bool(screen_outliers)

    def build(lines: list[_Line], start: int, stop: int) -> Phase:
        series = [line.value for line in lines]
        observed = [v for v in series[start:stop] if v is not None]
        mean = _mean(observed)
        ranges = _moving_ranges(series, start, stop)
        mr_bar = _mean(list(ranges.values()))
        screened: tuple[int, ...] = ()
        if screen and mr_bar is not None and mr_bar > 0:
            cutoff = D4 * mr_bar
            cutoff -= RELATIVE_TOLERANCE * cutoff  # "at" the cutoff, despite rounding
            kept = [r for r in ranges.values() if r < cutoff]
            if kept and len(kept) < len(ranges):
                screened = tuple(i for i, r in ranges.items() if r >= cutoff)
                mr_bar = _mean(kept)
        lower = upper = sigma = None
        if mean is not None and mr_bar is not None:
            lower, upper, sigma = mean - E2 * mr_bar, mean + E2 * mr_bar, mr_bar / D2
        for i in range(start, stop):
            line = lines[i]
            line.center, line.lower, line.upper = mean, lower, upper
            line.sigma = sigma if line.value is not None else None
            line.moving_range = ranges.get(i)
        return Phase(
            start=start,
            stop=stop,
            n=len(observed),
            center=mean,
            lower=lower,
            upper=upper,
            sigma=sigma,
            mr_bar=mr_bar,
            screened_out=screened,
        )

    return _control_chart("xmr", lines, build, phases, shift_length, trend_length)


def _attribute_chart(
    kind: str,
    numerators: list[float | None],
    denominators: list[float | None],
    *,
    proportion: bool,
    laney: bool,
    constant: bool,
    phases: Iterable[object] | None,
    shift_length: object,
    trend_length: object,
) -> ControlChart:
    """Shared p, u, c, p′ and u′ construction (``numerators[i] / denominators[i]``)."""
    length = max(len(numerators), len(denominators))
    numerators, denominators = _pad(numerators, length), _pad(denominators, length)
    usable: list[tuple[float, float] | None] = []
    for x, n in zip(numerators, denominators, strict=True):
        ok = x is not None and n is not None and n > 0 and x >= 0
        if ok and proportion and x > n:
            ok = False
        if ok and not math.isfinite(x / n):
            ok = False
        usable.append((x, n) if ok else None)
    lines = [_Line(pair[0] / pair[1] if pair else None) for pair in usable]

    def build(lines: list[_Line], start: int, stop: int) -> Phase:
        present = [i for i in range(start, stop) if usable[i] is not None]
        if not present:
            return Phase(start=start, stop=stop, n=0, center=None)
        center = _sum(usable[i][0] for i in present) / _sum(usable[i][1] for i in present)
        variance = max(center * (1 - center) if proportion else center, 0.0)
        sigmas = {i: math.sqrt(variance / usable[i][1]) for i in present}
        scale: float | None = 1.0
        mr_bar = sigma_z = None
        ranges: dict[int, float] = {}
        if laney:
            z: list[float | None] = [None] * len(lines)
            for i in present:
                z[i] = (lines[i].value - center) / sigmas[i] if sigmas[i] > 0 else 0.0
            ranges = _moving_ranges(z, start, stop)
            mr_bar = _mean(list(ranges.values()))
            sigma_z = mr_bar / D2 if mr_bar is not None else None
            scale = sigma_z
        for i in present:
            line = lines[i]
            line.moving_range = ranges.get(i)
            line.center = center
            if scale is None:
                continue
            line.sigma = sigmas[i] * scale
            line.lower = max(0.0, center - 3 * line.sigma)
            line.upper = center + 3 * line.sigma
            if proportion:
                line.upper = min(1.0, line.upper)
        first = lines[present[0]]
        for i in range(start, stop):
            if usable[i] is None:  # a gap keeps the center line, and constant limits
                lines[i].center = center
                if constant:
                    lines[i].lower, lines[i].upper = first.lower, first.upper
        return Phase(
            start=start,
            stop=stop,
            n=len(present),
            center=center,
            lower=first.lower if constant else None,
            upper=first.upper if constant else None,
            sigma=first.sigma if constant else None,
            mr_bar=mr_bar,
            sigma_z=sigma_z,
        )

    return _control_chart(kind, lines, build, phases, shift_length, trend_length)


def p_chart(
    numerators: Iterable[float | None],
    denominators: Iterable[float | None],
    *,
    phases: Iterable[int] | None = None,
    shift_length: int = 7,
    trend_length: int = 7,
) -> ControlChart:
    """p chart of proportions ``p_i = x_i / n_i``.

    Per phase: ``p-bar = Σx / Σn`` over the usable points;
    ``sigma_i = sqrt(p-bar(1 - p-bar) / n_i)``; limits ``p-bar ± 3 sigma_i``, clipped to [0, 1].
    Signals as for every control chart.

    Edge cases: a zero or negative denominator, a negative numerator or a numerator above its
    denominator makes the point missing (no value, no limits, no signal). Sequences of unequal
    length are padded with missing points. A phase with p-bar 0 or 1 has sigma 0, so its limits
    equal p-bar.
    """
    return _attribute_chart(
        "p",
        _numbers(numerators),
        _numbers(denominators),
        proportion=True,
        laney=False,
        constant=False,
        phases=phases,
        shift_length=shift_length,
        trend_length=trend_length,
    )


def u_chart(
    counts: Iterable[float | None],
    exposures: Iterable[float | None],
    *,
    phases: Iterable[int] | None = None,
    shift_length: int = 7,
    trend_length: int = 7,
) -> ControlChart:
    """u chart of rates ``u_i = c_i / e_i`` (events per unit of exposure, e.g. per patient-day).

    Per phase: ``u-bar = Σc / Σe``; ``sigma_i = sqrt(u-bar / e_i)``; limits ``u-bar ± 3 sigma_i``,
    the lower clipped at 0. A zero or negative exposure or a negative count makes the point
    missing; unequal lengths are padded with missing points.
    """
    return _attribute_chart(
        "u",
        _numbers(counts),
        _numbers(exposures),
        proportion=False,
        laney=False,
        constant=False,
        phases=phases,
        shift_length=shift_length,
        trend_length=trend_length,
    )


def c_chart(
    counts: Iterable[float | None],
    *,
    phases: Iterable[int] | None = None,
    shift_length: int = 7,
    trend_length: int = 7,
) -> ControlChart:
    """c chart of counts (equal areas of opportunity).

    Per phase: ``c-bar`` = mean count; ``sigma = sqrt(c-bar)``; limits ``c-bar ± 3 sigma``, the
    lower clipped at 0 (``Phase.lower`` / ``upper`` / ``sigma`` are set). A negative count is
    missing. A phase of zeros has c-bar 0 and limits 0-0, and no point signals.
    """
    counts = _numbers(counts)
    return _attribute_chart(
        "c",
        counts,
        [1.0] * len(counts),
        proportion=False,
        laney=False,
        constant=True,
        phases=phases,
        shift_length=shift_length,
        trend_length=trend_length,
    )


def p_prime(
    numerators: Iterable[float | None],
    denominators: Iterable[float | None],
    *,
    phases: Iterable[int] | None = None,
    shift_length: int = 7,
    trend_length: int = 7,
) -> ControlChart:
    """Laney's p′ chart, for proportions with large denominators (over-dispersion).

    Per phase: p-bar and ``sigma_i`` as in :func:`p_chart`; ``z_i = (p_i - p-bar) / sigma_i`` (0
    when ``sigma_i`` is 0, i.e. p-bar is 0 or 1); moving ranges of z between adjacent present
    positions, not screened; ``sigma_z = MR-bar(z) / 1.128``; limits
    ``p-bar ± 3 × sigma_i × sigma_z`` clipped to [0, 1]. ``ChartPoint.moving_range`` holds the
    moving range of z, ``Phase.mr_bar`` and ``Phase.sigma_z`` the phase's figures. A phase with
    no moving range (fewer than two adjacent points) has a center line but no limits. Missing
    points are handled as in :func:`p_chart`.
    """
    return _attribute_chart(
        "p_prime",
        _numbers(numerators),
        _numbers(denominators),
        proportion=True,
        laney=True,
        constant=False,
        phases=phases,
        shift_length=shift_length,
        trend_length=trend_length,
    )


def u_prime(
    counts: Iterable[float | None],
    exposures: Iterable[float | None],
    *,
    phases: Iterable[int] | None = None,
    shift_length: int = 7,
    trend_length: int = 7,
) -> ControlChart:
    """Laney's u′ chart: as :func:`p_prime`, with u-bar and ``sigma_i = sqrt(u-bar / e_i)``; the
    lower limit is clipped at 0. Missing points are handled as in :func:`u_chart`."""
    return _attribute_chart(
        "u_prime",
        _numbers(counts),
        _numbers(exposures),
        proportion=False,
        laney=True,
        constant=False,
        phases=phases,
        shift_length=shift_length,
        trend_length=trend_length,
    )


# --- run chart ---------------------------------------------------------------------------------


def _runs_distribution(above: int, below: int) -> Iterable[tuple[int, int]]:
    """``(r, orderings of the points with exactly r runs)`` for r = 2, 3, ...

    With ``a = above - 1`` and ``b = below - 1``: ``2 C(a, k-1) C(b, k-1)`` orderings give
    ``2k`` runs and ``C(a, k) C(b, k-1) + C(a, k-1) C(b, k)`` give ``2k + 1`` (Swed and
    Eisenhart). The binomial coefficients are stepped exactly in integers,
    ``C(a, k+1) = C(a, k) (a - k) / (k + 1)``, so long series stay cheap. Needs both counts >= 1.
    """
    a, b = above - 1, below - 1
    a_before, a_now = 1, a  # C(a, k - 1), C(a, k) for k = 1
    b_before, b_now = 1, b
    for k in range(1, min(above, below) + 1):
        yield 2 * k, 2 * a_before * b_before
        yield 2 * k + 1, a_now * b_before + a_before * b_now
        a_before, a_now = a_now, a_now * (a - k) // (k + 1)
        b_before, b_now = b_now, b_now * (b - k) // (k + 1)


def _runs_bounds(above: int, below: int) -> tuple[int | None, int | None]:
    """Fewest and most runs that are not a signal, from the exact (Swed–Eisenhart) distribution.

    Given ``above`` and ``below`` points in random order, a number of runs ``r`` is too few when
    ``P(R <= r) <= 2.5 %`` and too many when ``P(R >= r) <= 2.5 %``. Exact integer arithmetic:
    ``P(R >= r) = 1 - P(R <= r - 1)``, so one pass finds both bounds.
    """
    if above + below == 0:
        return None, None
    if above == 0 or below == 0:
        return 1, 1
    total = math.comb(above + below, above)
    lower = upper = None
    fewer = 0  # orderings with fewer than r runs
    for r, count in _runs_distribution(above, below):
        if count and _RUNS_TAIL_DENOMINATOR * (total - fewer) > total:
            upper = r
        fewer += count
        if lower is None and _RUNS_TAIL_DENOMINATOR * fewer > total:
            lower = r
    return lower, upper


def _crossings_limit(useful: int) -> int:
    """The 5th percentile of binomial(useful - 1, 1/2): the smallest c with P(X <= c) >= 5 %.

    Exact integers: ``C(m, c)`` summed against ``2**m / 20``, each coefficient stepped from the
    last (``C(m, c+1) = C(m, c) (m - c) / (c + 1)``, the same as ``math.comb``).
    """
    trials = max(useful - 1, 0)
    total = 2**trials
    coefficient = 1  # C(trials, 0)
    cumulative = 0
    for c in range(trials + 1):
        cumulative += coefficient
        if _CROSSINGS_QUANTILE_DENOMINATOR * cumulative >= total:
            return c
        coefficient = coefficient * (trials - c) // (c + 1)
    return trials  # not reached: the cumulative sum ends at the total


def run_chart(
    values: Iterable[float | None],
    *,
    phases: Iterable[int] | None = None,
) -> RunChart:
    """Run chart: the median as center line, the IHI run rules and Anhøj's rules, per phase.

    Points on the median and missing points are not *useful* observations: they are skipped by
    the run-counting rules (neither breaking nor extending a run); ``n`` below is the number of
    useful observations.

    Per-point rules (flag ``high`` above the median or rising, ``low`` below or falling; a run
    flags every observed point from its first to its last counted point):

    * ``shift`` (IHI): 6 or more consecutive useful points on the same side of the median.
    * ``trend`` (IHI): 5 or more consecutive points all going up or all going down. Equal
      consecutive values are skipped (they neither count nor break the trend), so
      ``1, 2, 2, 3, 4, 5`` is a trend of five. Points on the median do count for trends.
    * ``long_run`` (Anhøj): a run of useful points longer than ``round(log2(n) + 3)``.

    Whole-phase rules (in ``RunPhase.fired``):

    * ``too_few_runs`` / ``too_many_runs``: a run is a maximal group of consecutive useful points
      on one side. With ``n_above`` and ``n_below`` points, the exact distribution of the number
      of runs under random order (Swed and Eisenhart's) is computed exactly, in integer
      binomial coefficients (``math.comb``'s, stepped one from the next); fewer runs than
      ``runs_lower`` (probability of that few or fewer at most 2.5 %) or more than
      ``runs_upper`` (at most 2.5 % in the upper tail) signal. With 5 above and 5 below this
      gives 3-9, with 15 and 15 it gives 11-21. With few useful points these tests cannot fire;
      with every useful point on one side there is one run and no runs signal (the shift rule
      covers that case).
    * ``few_crossings`` (Anhøj): crossings (``runs - 1``) fewer than the 5th percentile of
      binomial(n - 1, 0.5), computed exactly from integer binomial coefficients as the smallest
      ``c`` with ``P(X <= c) >= 0.05`` (no table). For n = 10 that is 2, for n = 24 it is 8.

    Edge cases: empty input gives no points and no phases; a phase without observed values has
    median ``None`` and fires nothing; a constant phase has every point on the median (within the
    tolerance), so no useful observation and no rule fires; one or two points fire nothing.
    """
    series = _numbers(values)
    points: list[ChartPoint] = []
    run_phases: list[RunPhase] = []
    for start, stop in _phase_bounds(len(series), phases):
        indices = [i for i in range(start, stop) if series[i] is not None]
        observed = [series[i] for i in indices]
        median = statistics.median(observed) if observed else None
        eps = _tolerance(observed, [median])
        high: dict[int, set[str]] = {i: set() for i in indices}
        low: dict[int, set[str]] = {i: set() for i in indices}
        sides = [_side(v, median, eps) for v in observed] if median is not None else []
        useful = sum(1 for s in sides if s)
        above = sum(1 for s in sides if s > 0)
        runs = _side_runs(sides)
        longest = max((count for *_, count in runs), default=0)
        crossings = max(len(runs) - 1, 0)
        longest_limit = round(math.log2(useful) + 3) if useful else None
        crossings_limit = _crossings_limit(useful) if useful else None
        runs_lower, runs_upper = _runs_bounds(above, useful - above)

        fired: list[str] = []
        spans = [
            (first, last, side, SHIFT)
            for side, first, last, count in runs
            if count >= RUN_CHART_SHIFT_LENGTH
        ]
        if longest_limit is not None:
            spans += [
                (first, last, side, LONG_RUN)
                for side, first, last, count in runs
                if count > longest_limit
            ]
        spans += [
            (first, last, direction, TREND)
            for direction, first, last, count in _trend_runs(observed, eps, skip_ties=True)
            if count >= RUN_CHART_TREND_LENGTH
        ]
        for first, last, direction, rule in spans:
            for position in range(first, last + 1):
                (high if direction > 0 else low)[indices[position]].add(rule)
        for rule in (SHIFT, TREND):
            if any(rule in flags for flags in (*high.values(), *low.values())):
                fired.append(rule)
        if runs_lower is not None and len(runs) < runs_lower:
            fired.append(TOO_FEW_RUNS)
        if runs_upper is not None and len(runs) > runs_upper:
            fired.append(TOO_MANY_RUNS)
        if longest_limit is not None and longest > longest_limit:
            fired.append(LONG_RUN)
        if crossings_limit is not None and crossings < crossings_limit:
            fired.append(FEW_CROSSINGS)

        for i in range(start, stop):
            points.append(
                ChartPoint(
                    index=i,
                    value=series[i],
                    center=median,
                    high=frozenset(high.get(i, ())),
                    low=frozenset(low.get(i, ())),
                )
            )
        run_phases.append(
            RunPhase(
                start=start,
                stop=stop,
                median=median,
                n_observed=len(observed),
                n_useful=useful,
                n_above=above,
                n_below=useful - above,
                runs=len(runs),
                runs_lower=runs_lower,
                runs_upper=runs_upper,
                longest_run=longest,
                longest_run_limit=longest_limit,
                crossings=crossings,
                crossings_limit=crossings_limit,
                fired=tuple(fired),
            )
        )
    return RunChart(points=tuple(points), phases=tuple(run_phases))


# --- confidence intervals ----------------------------------------------------------------------


def _z(confidence: object) -> float | None:
    """The two-sided standard-normal quantile for ``confidence``, or ``None`` if not in (0, 1)."""
    level = _number(confidence)
    if level is None or not 0 < level < 1:
        return None
    p = (1 + level) / 2
    if not 0.5 <= p < 1:
        return None
    return statistics.NormalDist().inv_cdf(p)


def wilson_interval(x: float, n: float, confidence: float = 0.95) -> Interval | None:
    """Wilson score interval for the proportion ``x / n``.

    With ``z`` the two-sided normal quantile (``NormalDist().inv_cdf((1 + confidence) / 2)``)
    and ``p = x / n``: center ``(p + z²/2n) / (1 + z²/n)``, half-width
    ``z sqrt(p(1 - p)/n + z²/4n²) / (1 + z²/n)``. The lower bound is exactly 0 when ``x = 0`` and
    the upper exactly 1 when ``x = n``; bounds are kept within [0, 1].

    Returns ``None`` (no interval) when ``n <= 0``, ``x < 0``, ``x > n``, any argument is missing
    or not finite, or ``confidence`` is not strictly between 0 and 1.

    >>> i = wilson_interval(65, 100)
    >>> round(i.lower, 6), round(i.upper, 6)
    (0.552544, 0.736358)
    """
    count, trials, z = _number(x), _number(n), _z(confidence)
    if count is None or trials is None or z is None or trials <= 0 or not 0 <= count <= trials:
        return None
    p = count / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    center = (p + z2 / (2 * trials)) / denominator
    spread = z / (2 * trials)  # z² / 4n², without squaring a tiny n down to 0
    half = z * math.sqrt(max(p * (1 - p) / trials, 0.0) + spread * spread) / denominator
    lower = 0.0 if count == 0 else min(max(center - half, 0.0), p)
    upper = 1.0 if count == trials else max(min(center + half, 1.0), p)
    if not (math.isfinite(lower) and math.isfinite(upper)):
        return None
    return Interval(estimate=p, lower=lower, upper=upper)


def byars_interval(x: float, confidence: float = 0.95) -> Interval | None:
    """Byar's approximation to the exact Poisson interval for a count ``x``.

    ``lower = x (1 - 1/(9x) - z/(3 sqrt x))³`` and
    ``upper = (x + 1) (1 - 1/(9(x + 1)) + z/(3 sqrt(x + 1)))³``, with ``z`` as in
    :func:`wilson_interval`. For ``x = 0`` the lower bound is 0; a lower bound the formula makes
    negative (very small non-integer ``x``) is clipped to 0. Divide by the exposure for a rate.

    Returns ``None`` for a negative, missing or non-finite ``x`` or a ``confidence`` not strictly
    between 0 and 1.

    >>> i = byars_interval(65)
    >>> round(i.lower, 6), round(i.upper, 6)
    (50.163188, 82.849139)
    """
    count, z = _number(x), _z(confidence)
    if count is None or z is None or count < 0:
        return None
    lower = 0.0
    if count > 0:
        factor = 1 - 1 / (9 * count) - z / (3 * math.sqrt(count))
        lower = max(count * factor * factor * factor, 0.0)
    following = count + 1
    factor = 1 - 1 / (9 * following) + z / (3 * math.sqrt(following))
    upper = following * factor * factor * factor
    if not (math.isfinite(lower) and math.isfinite(upper)):
        return None
    return Interval(estimate=count, lower=min(lower, count), upper=max(upper, count))


# --- NHS "Making Data Count" -------------------------------------------------------------------


def _direction(direction: str) -> str:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    return direction


def variation(chart: ControlChart | RunChart, direction: str = NEUTRAL) -> str | None:
    """NHS "Making Data Count" variation icon for the latest observed point of ``chart``.

    * ``common_cause``: no rule flags the latest point (also the answer when there are too few
      points for any rule to fire).
    * ``special_cause_neutral``: a rule flags it and ``direction`` is ``"neutral"``.
    * ``special_cause_improvement``: every flag on it points the good way (``high`` flags for
      ``"higher_is_better"``, ``low`` flags for ``"lower_is_better"``).
    * ``special_cause_concern``: every flag points the bad way, or flags point both ways (a rising
      trend below the mean, say): conflicting evidence is shown as concern so someone looks.

    The latest observed point is the last one that is not missing; a trailing gap is skipped.
    Returns ``None`` when the chart has no observed point. Works on run charts too (their flags
    are shift, trend and long run). Raises ``ValueError`` for an unknown ``direction``.
    """
    direction = _direction(direction)
    point = chart.latest
    if point is None:
        return None
    return point_variation(point, direction)


def point_variation(point: ChartPoint, direction: str = NEUTRAL) -> str:
    """What one point is, by the rules of :func:`variation`: how a chart colours and shapes each
    of its points. A missing point has no flags, so it is ``common_cause`` here: callers that show
    it say it is unknown. Raises ``ValueError`` for an unknown ``direction``."""
    direction = _direction(direction)
    if not point.special_cause:
        return COMMON_CAUSE
    if direction == NEUTRAL:
        return SPECIAL_CAUSE_NEUTRAL
    if point.high and point.low:
        return SPECIAL_CAUSE_CONCERN
    good_is_high = direction == HIGHER_IS_BETTER
    return SPECIAL_CAUSE_IMPROVEMENT if bool(point.high) == good_is_high else SPECIAL_CAUSE_CONCERN


def assurance(
    chart: ControlChart | RunChart, target: float | None, direction: str = HIGHER_IS_BETTER
) -> str | None:
    """NHS "Making Data Count" assurance icon: can the process, as it stands, meet ``target``?

    Uses the limits at the latest observed point (the current phase's limits; for p and u
    charts the limits for that point's denominator).

    * ``hit_and_miss``: ``lower <= target <= upper`` (a target exactly on a limit is inside).
    * ``consistently_met``: the target lies outside the limits on the good side, so every
      point of the process is expected to meet it: below the lower limit for
      ``"higher_is_better"``, above the upper limit for ``"lower_is_better"``.
    * ``consistently_failed``: outside on the bad side: above the upper limit for
      ``"higher_is_better"``, below the lower limit for ``"lower_is_better"``.

    Returns ``None`` for a ``"neutral"`` indicator (no target makes sense), a missing or
    non-finite target, or when the latest point has no limits (too few points, run charts).
    Note that limits clipped at 0 or 1 are used as drawn: a zero-harm target on a p chart whose
    lower limit is clipped to 0 is hit and miss. Raises ``ValueError`` for an unknown
    ``direction``.
    """
    direction = _direction(direction)
    goal = _number(target)
    point = chart.latest
    if direction == NEUTRAL or goal is None or point is None:
        return None
    if point.lower is None or point.upper is None:
        return None
    if point.lower <= goal <= point.upper:
        return HIT_AND_MISS
    target_below_process = goal < point.lower
    if target_below_process == (direction == HIGHER_IS_BETTER):
        return CONSISTENTLY_MET
    return CONSISTENTLY_FAILED
