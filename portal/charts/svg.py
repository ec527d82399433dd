"""Geometry of time charts and dot plots (the trend page's, the collaborative's): numbers in,
SVG coordinates and path data out.

Pure Python (no Django): templates draw what this computes, so the charts are plain server-rendered
SVG that needs no JavaScript.

Sizes are true CSS pixels. A chart drawn in a fixed viewBox and scaled to the screen shrinks its
text with it: 12-unit text in a 720-unit drawing was 6 px on a phone. So the drawing is as tall
as :data:`HEIGHT` pixels and as wide as its container: vertical positions are pixels, horizontal
ones are percentages of the width (:func:`percent`), and the lines are drawn in an inner,
horizontally stretched :data:`WIDTH`-unit space whose strokes do not scale. A download is the
same drawing at :data:`WIDTH` pixels wide.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal

WIDTH = 720  # the horizontal space lines are drawn in, and a download's width in pixels
HEIGHT = 280
# Margins: tick labels sit on their grid lines at the left edge (so the plot can use the whole
# width of a phone), the axis title above the plot, period labels below it.
LEFT, RIGHT, TOP, BOTTOM = 8, 8, 44, 40
AXIS_TITLE_Y = 14
MAX_X_LABELS = 4  # four "Sep 2023" labels fit across a 360-pixel phone at 13 px
# Points are drawn smaller when there are many, so that they do not run together; every point
# has a 24-pixel target around it for a finger (WCAG 2.5.8).
MANY_POINTS, POINT_RADIUS, SMALL_POINT_RADIUS = 60, "4.5", "3"
TAP_RADIUS = 12

# The one rule against axes that exaggerate: a value axis spans at least this share of the
# largest value it shows, so a difference of a point or two (67% against 69%) can never fill
# a chart. Bounds (0, 100 for percentages) still hold: the span grows away from them.
MIN_SPAN_SHARE = 0.25

# What a point is, in NHS England's "Making Data Count" terms: each is drawn in its own colour
# AND its own shape, so that no reader depends on colour alone.
COMMON_CAUSE = "common_cause"
IMPROVEMENT = "special_cause_improvement"
CONCERN = "special_cause_concern"
NEUTRAL = "special_cause_neutral"
VARIATIONS = (COMMON_CAUSE, IMPROVEMENT, CONCERN, NEUTRAL)

_TENTH = Decimal("0.1")
_WIDE = Context(prec=400)  # digits enough for any number the filter would round


def svg_number(value: float) -> str:
    """``value`` with one decimal, the text Django's ``floatformat:"1u"`` writes for it.

    The same rounding (half up, from the float's shortest decimal form) at a fraction of the
    cost: a ten-year weekly chart writes a few thousand coordinates, and the template filter
    was a large share of the page's time.
    """
    if not math.isfinite(value):
        return repr(value)
    number = Decimal(repr(value))
    _sign, digits, exponent = number.as_tuple()
    if len(digits) + abs(exponent) > 200:
        return repr(value)  # the filter writes such numbers as given
    rounded = number.quantize(_TENTH, ROUND_HALF_UP, _WIDE)
    return str(rounded) if rounded else "0.0"  # never "-0.0"


def percent(x: float) -> str:
    """A horizontal position in the :data:`WIDTH`-unit space as a share of the chart's width."""
    return f"{x / WIDTH * 100:.2f}%"


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering ``low``..``high`` (steps of 1, 2 or 5 times a power of 10)."""
    if not (math.isfinite(low) and math.isfinite(high)):
        return []
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = []
    value = first
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def tick_decimals(ticks: Sequence[float]) -> int:
    """Decimals the ticks need, and no more: whole-number steps read "70%", not "70.00%"."""
    if len(ticks) < 2:
        return 0
    step = abs(ticks[1] - ticks[0])
    return max(0, -math.floor(math.log10(step) + 1e-9)) if step else 0


def value_range(
    values: Sequence[float], *, floor: float | None = None, ceiling: float | None = None
) -> tuple[float, float]:
    """The span a value axis shows for ``values``: a little padding, then :data:`MIN_SPAN_SHARE`
    of the largest magnitude at least (centered on the values), within ``floor`` and
    ``ceiling``."""
    if not values:
        return (floor if floor is not None else 0.0), (ceiling if ceiling is not None else 1.0)
    low, high = min(values), max(values)
    pad = (high - low) * 0.08
    low, high = low - pad, high + pad
    # Widening raises the largest magnitude, so widen until the rule holds (a few rounds).
    for _round in range(20):
        least = MIN_SPAN_SHARE * max(abs(low), abs(high)) or 1.0
        if high - low >= least:
            break
        least *= 1.01  # a little more each round, so that the rounds end
        middle = (low + high) / 2
        low, high = middle - least / 2, middle + least / 2
        if floor is not None and low < floor:
            low, high = floor, floor + least
        if ceiling is not None and high > ceiling:
            low, high = ceiling - least, ceiling
            if floor is not None:
                low = max(low, floor)
    return low, high


def variation_of(signal: bool | str) -> str:
    """A point's kind: a variation constant, or (from callers that judge no direction) any
    special cause at all as :data:`NEUTRAL`."""
    if isinstance(signal, str):
        return signal if signal in VARIATIONS else COMMON_CAUSE
    return NEUTRAL if signal else COMMON_CAUSE


@dataclass
class Marker:
    x: float
    y: float
    index: int
    variation: str
    x_text: str = field(init=False)  # x and y as the SVG attributes write them
    y_text: str = field(init=False)

    def __post_init__(self):
        self.x_text, self.y_text = percent(self.x), svg_number(self.y)

    @property
    def signal(self) -> bool:
        return self.variation != COMMON_CAUSE


@dataclass
class TimeChart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    y_ticks: list[tuple[float, float]]  # (y, value)
    x_labels: list[tuple[str, str, str]]  # (x as a percentage, text, text-anchor)
    values: str  # path data; gaps break the line
    center: str
    lower: str
    upper: str
    national: str
    national_points: list[tuple[str, str]]  # (x, y) as the SVG attributes write them
    target_y: float | None
    markers: list[Marker]
    phase_lines: list[tuple[str, str, str]] = field(default_factory=list)  # (x, reason, anchor)
    point_radius: str = POINT_RADIUS
    tick_decimals: int = 0
    axis_title_y: int = AXIS_TITLE_Y
    tap_radius: int = TAP_RADIUS

    @property
    def kinds(self) -> list[str]:
        """The kinds of point drawn, in the legend's order."""
        drawn = {m.variation for m in self.markers}
        return [kind for kind in VARIATIONS if kind in drawn]


def _path(points: Sequence[tuple[float, float] | None]) -> str:
    """Path data through the points, lifting the pen at each ``None``."""
    parts, pen_down = [], False
    for point in points:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{point[0]:.1f} {point[1]:.1f}")
        pen_down = True
    return " ".join(parts)


def _steps(xs: Sequence[float], ys: Sequence[float | None], half: float) -> str:
    """A step line: each point's level spans its own slot, so changing limits read as steps."""
    parts, pen_down = [], False
    for x, y in zip(xs, ys, strict=True):
        if y is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'}{x - half:.1f} {y:.1f} L{x + half:.1f} {y:.1f}")
        pen_down = True
    return " ".join(parts)


def _anchor(x: float) -> str:
    """Text near an edge grows away from it, so that a phone does not cut it off."""
    share = x / WIDTH
    return "start" if share < 0.2 else "end" if share > 0.8 else "middle"


def time_chart(
    values: Sequence[float | None],
    *,
    center: Sequence[float | None],
    lower: Sequence[float | None],
    upper: Sequence[float | None],
    national: Sequence[float | None],
    signals: Sequence[bool | str],
    labels: Sequence[str],
    target: float | None = None,
    phases: Sequence[tuple[int, str]] = (),
    floor: float | None = None,
    ceiling: float | None = None,
) -> TimeChart:
    """Lay out a run of periods: one slot per period, left to right.

    ``signals`` says what each point is: a variation constant (improvement, concern...), or a
    bool from callers that judge no direction (any special cause is then :data:`NEUTRAL`).
    """
    n = len(values)
    right, bottom = WIDTH - RIGHT, HEIGHT - BOTTOM
    everything = [
        v
        for series in (values, center, lower, upper, national)
        for v in series
        if v is not None and math.isfinite(v)
    ]
    if target is not None:
        everything.append(target)
    low, high = value_range(everything, floor=floor, ceiling=ceiling)
    ticks = nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]

    def y(value):
        return bottom - (value - low) / (high - low) * (bottom - TOP)

    slot = (right - LEFT) / max(n, 1)
    xs = [LEFT + slot * (i + 0.5) for i in range(n)]

    def line(series):
        pairs = zip(xs, series, strict=True)
        return _path([(x, y(v)) if v is not None else None for x, v in pairs])

    def steps(series):
        return _steps(xs, [y(v) if v is not None else None for v in series], slot / 2)

    every = max(1, math.ceil(n / MAX_X_LABELS))
    markers = [
        Marker(x=x, y=y(v), index=i, variation=variation_of(s))
        for i, (x, v, s) in enumerate(zip(xs, values, signals, strict=True))
        if v is not None
    ]
    return TimeChart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=right,
        top=TOP,
        bottom=bottom,
        y_ticks=[(y(t), t) for t in ticks],
        x_labels=[(percent(xs[i]), labels[i], _anchor(xs[i])) for i in range(0, n, every)],
        values=line(values),
        center=steps(center),
        lower=steps(lower),
        upper=steps(upper),
        national=line(national),
        national_points=[
            (percent(x), svg_number(y(v)))
            for x, v in zip(xs, national, strict=True)
            if v is not None
        ],
        target_y=y(target) if target is not None and low <= target <= high else None,
        markers=markers,
        phase_lines=[
            (percent(xs[i] - slot / 2), reason, "end" if xs[i] > WIDTH / 2 else "start")
            for i, reason in phases
            if 0 < i < n
        ],
        point_radius=SMALL_POINT_RADIUS if len(markers) > MANY_POINTS else POINT_RADIUS,
        tick_decimals=tick_decimals(ticks),
    )


@dataclass
class Dot:
    x: float
    y: float
    code: str
    name: str
    value: float
    highlighted: bool

    @property
    def x_text(self) -> str:
        return percent(self.x)


@dataclass
class DotPlot:
    width: int
    height: int
    left: int
    right: float
    axis_y: float
    x_ticks: list[tuple[str, float, str]]  # (x as a percentage, value, text-anchor)
    dots: list[Dot]
    national_x: str | None
    label: tuple[str, float, float, str] | None  # x, text y, leader end y, the place's code
    tick_decimals: int = 0
    axis_title_y: int = AXIS_TITLE_Y


DOT_STEP = 11


def dot_plot(
    rows: Sequence[tuple[str, str, float | None]],
    *,
    highlight: str,
    national: float | None = None,
    floor: float | None = None,
    ceiling: float | None = None,
) -> DotPlot:
    """Every place's value on one axis; places with equal values stack upward."""
    present = [(code, name, value) for code, name, value in rows if value is not None]
    values = [value for _, _, value in present] + ([national] if national is not None else [])
    ticks = nice_ticks(*value_range(values, floor=floor, ceiling=ceiling))
    low, high = ticks[0], ticks[-1]
    stacks = Counter(round(value, 6) for value in values[: len(present)])
    tallest = max(stacks.values(), default=1)
    # Room above the stacks for the axis title and the highlighted place's label.
    axis_y = AXIS_TITLE_Y + 30 + tallest * DOT_STEP
    right = WIDTH - RIGHT

    def x(value):
        return LEFT + (value - low) / (high - low) * (right - LEFT)

    heights: Counter = Counter()
    dots = []
    # The highlighted place goes first so that it sits on the axis, where it is easiest to see.
    for code, name, value in sorted(present, key=lambda row: row[0] != highlight):
        key = round(value, 6)
        dots.append(
            Dot(
                x=x(value),
                y=axis_y - DOT_STEP / 2 - heights[key] * DOT_STEP,
                code=code,
                name=name,
                value=value,
                highlighted=code == highlight,
            )
        )
        heights[key] += 1
    mark = next((dot for dot in dots if dot.highlighted), None)
    label = None
    if mark is not None:
        # Above every stack, with a leader line down to the dot: neighbors' stacks may be taller.
        label = (percent(mark.x), AXIS_TITLE_Y + 18, mark.y - 8, mark.code)
    return DotPlot(
        width=WIDTH,
        height=int(axis_y + 44),
        left=LEFT,
        right=right,
        axis_y=axis_y,
        x_ticks=[(percent(x(t)), t, _anchor(x(t))) for t in ticks],
        dots=dots,
        national_x=percent(x(national)) if national is not None else None,
        label=label,
        tick_decimals=tick_decimals(ticks),
    )
