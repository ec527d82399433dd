"""Geometry of time charts (the trend page's, the collaborative's): numbers in, SVG coordinates
and path data out.

Pure Python (no Django): templates draw what this computes, so the charts are plain server-rendered
SVG that needs no JavaScript. Coordinates are in a fixed viewBox; CSS scales the drawing.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal

WIDTH = 720
HEIGHT = 300
LEFT, RIGHT, TOP, BOTTOM = 56, 20, 16, 44
MAX_X_LABELS = 6
# Points are drawn smaller when there are many, so that they do not run together.
MANY_POINTS, POINT_RADIUS, SMALL_POINT_RADIUS = 60, "3.5", "2"

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


@dataclass
class Marker:
    x: float
    y: float
    index: int
    signal: bool
    x_text: str = field(init=False)  # x and y as the SVG attributes write them
    y_text: str = field(init=False)

    def __post_init__(self):
        self.x_text, self.y_text = svg_number(self.x), svg_number(self.y)


@dataclass
class TimeChart:
    width: int
    height: int
    left: int
    right: float
    top: int
    bottom: float
    y_ticks: list[tuple[float, float]]  # (y, value)
    x_labels: list[tuple[float, str]]
    values: str  # path data; gaps break the line
    center: str
    lower: str
    upper: str
    national: str
    national_points: list[tuple[str, str]]  # (x, y) as svg_number writes them
    target_y: float | None
    markers: list[Marker]
    phase_lines: list[tuple[float, str]] = field(default_factory=list)
    point_radius: str = POINT_RADIUS


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


def time_chart(
    values: Sequence[float | None],
    *,
    center: Sequence[float | None],
    lower: Sequence[float | None],
    upper: Sequence[float | None],
    national: Sequence[float | None],
    signals: Sequence[bool],
    labels: Sequence[str],
    target: float | None = None,
    phases: Sequence[tuple[int, str]] = (),
    floor: float | None = None,
    ceiling: float | None = None,
) -> TimeChart:
    """Lay out a run of periods: one slot per period, left to right."""
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
    low, high = (min(everything), max(everything)) if everything else (0.0, 1.0)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 1.0
    low, high = low - pad, high + pad
    if floor is not None:
        low = max(low, floor)
    if ceiling is not None:
        high = min(high, ceiling)
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
        Marker(x=x, y=y(v), index=i, signal=bool(s))
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
        x_labels=[(xs[i], labels[i]) for i in range(0, n, every)],
        values=line(values),
        center=steps(center),
        lower=steps(lower),
        upper=steps(upper),
        national=line(national),
        national_points=[
            (svg_number(x), svg_number(y(v)))
            for x, v in zip(xs, national, strict=True)
            if v is not None
        ],
        target_y=y(target) if target is not None and low <= target <= high else None,
        markers=markers,
        phase_lines=[(xs[i] - slot / 2, reason) for i, reason in phases if 0 < i < n],
        point_radius=SMALL_POINT_RADIUS if len(markers) > MANY_POINTS else POINT_RADIUS,
    )


@dataclass
class Dot:
    x: float
    y: float
    code: str
    name: str
    value: float
    highlighted: bool


@dataclass
class DotPlot:
    width: int
    height: int
    left: int
    right: float
    axis_y: float
    x_ticks: list[tuple[float, float]]
    dots: list[Dot]
    national_x: float | None
    label: tuple[float, float, float, str] | None  # x, text y, leader end y, the place's code


DOT_STEP = 9


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
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if floor is not None:
        low = max(floor, low - (high - low) * 0.05)
    if ceiling is not None:
        high = min(ceiling, high + (high - low) * 0.05)
    ticks = nice_ticks(low, high)
    low, high = ticks[0], ticks[-1]
    stacks = Counter(round(value, 6) for value in values[: len(present)])
    tallest = max(stacks.values(), default=1)
    axis_y = TOP + 24 + tallest * DOT_STEP
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
        label = (mark.x, TOP + 4, mark.y - 7, mark.code)
    return DotPlot(
        width=WIDTH,
        height=int(axis_y + 36),
        left=LEFT,
        right=right,
        axis_y=axis_y,
        x_ticks=[(x(t), t) for t in ticks],
        dots=dots,
        national_x=x(national) if national is not None else None,
        label=label,
    )
