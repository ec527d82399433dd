"""The SPC toolkit: published examples, hand-computed charts, each rule at its threshold, edge cases
and property tests. Plain functions only: no database, no Django fixtures."""

import ast
import doctest
import itertools
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.charts import spc
from portal.charts.spc import (
    BEYOND_LIMITS,
    COMMON_CAUSE,
    CONSISTENTLY_FAILED,
    CONSISTENTLY_MET,
    FEW_CROSSINGS,
    HIGHER_IS_BETTER,
    HIT_AND_MISS,
    LONG_RUN,
    LOWER_IS_BETTER,
    NEUTRAL,
    SHIFT,
    SPECIAL_CAUSE_CONCERN,
    SPECIAL_CAUSE_IMPROVEMENT,
    SPECIAL_CAUSE_NEUTRAL,
    TOO_FEW_RUNS,
    TOO_MANY_RUNS,
    TREND,
    TWO_OF_THREE,
    assurance,
    byars_interval,
    c_chart,
    p_chart,
    p_prime,
    run_chart,
    u_chart,
    u_prime,
    variation,
    wilson_interval,
    xmr,
)

PUBLISHED = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def mean(values):
    return sum(values) / len(values)


def moving_ranges(values):
    return [abs(b - a) for a, b in zip(values, values[1:], strict=False)]


def flagged(chart, rule):
    """Indices of the points that ``rule`` flags, whichever the direction."""
    return [p.index for p in chart.points if rule in p.signals]


def flagged_high(chart, rule):
    return [p.index for p in chart.points if rule in p.high]


def flagged_low(chart, rule):
    return [p.index for p in chart.points if rule in p.low]


# --- the module stays portable -----------------------------------------------------------------


def test_module_imports_only_the_standard_library():
    tree = ast.parse(Path(spc.__file__).read_text())
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module.split(".")[0])
    assert imported <= {"__future__", "math", "statistics", "collections", "dataclasses"}


def test_docstring_examples_hold():
    assert doctest.testmod(spc).failed == 0


# --- XmR: the published example ----------------------------------------------------------------


def test_xmr_published_example_without_screening():
    # Mean 35 / 18. Seventeen moving ranges: 1, 1, 1, 8, 9 and twelve 1s, summing to 32.
    ranges = moving_ranges(PUBLISHED)
    assert sum(ranges) == 32 and len(ranges) == 17
    expected_mean = 35 / 18
    mr_bar = 32 / 17
    chart = xmr(PUBLISHED, screen_outliers=False)
    phase = chart.phases[0]
    assert round(phase.center, 2) == round(expected_mean, 2) == 1.94
    assert phase.mr_bar == pytest.approx(mr_bar)
    assert round(phase.lower, 2) == round(expected_mean - 2.66 * mr_bar, 2) == -3.06
    assert round(phase.upper, 2) == round(expected_mean + 2.66 * mr_bar, 2) == 6.95
    assert phase.screened_out == ()


def test_xmr_published_example_with_screening():
    # 3.267 × 32/17 = 6.15: the ranges of 8 and 9 (into and out of the 10) go; fifteen 1s stay.
    mr_bar = 32 / 17
    kept = [r for r in moving_ranges(PUBLISHED) if r < 3.267 * mr_bar]
    assert kept == [1] * 15
    screened_bar = mean(kept)
    chart = xmr(PUBLISHED)
    phase = chart.phases[0]
    assert round(phase.center, 2) == 1.94
    assert phase.mr_bar == screened_bar == 1
    assert round(phase.lower, 2) == round(35 / 18 - 2.66 * screened_bar, 2) == -0.72
    assert round(phase.upper, 2) == round(35 / 18 + 2.66 * screened_bar, 2) == 4.60
    assert phase.screened_out == (4, 5)
    assert phase.sigma == pytest.approx(screened_bar / 1.128)
    # The 10 is beyond the screened limits, and the only point that is.
    assert flagged_high(chart, BEYOND_LIMITS) == [4]
    assert chart.points[4].moving_range == 8 and chart.points[0].moving_range is None


def test_xmr_screens_only_once():
    # Ranges: ten 1s, a 5 and a 30. MR-bar 45/12 = 3.75, cutoff 12.25: the 30 goes. The new
    # MR-bar 15/11 would put the 5 above a second cutoff (4.45), but there is no second pass.
    values = [0, 1] * 5 + [0, 5, 35]
    assert moving_ranges(values) == [1] * 10 + [5, 30]
    phase = xmr(values).phases[0]
    assert phase.screened_out == (12,)
    assert phase.mr_bar == pytest.approx(15 / 11)
    assert 3.267 * phase.mr_bar <= 5  # a second pass would drop the 5


def test_screening_drops_a_range_exactly_at_the_cutoff_and_keeps_one_just_below():
    # Ten ranges of 1 and one of r; r = 3.267 × (10 + r) / 11 when r = 32.67 / (11 - 3.267 - 1).
    r = 3.267 * 10 / (10 - 2.267)
    assert r == pytest.approx(3.267 * (10 + r) / 11)
    base = [0, 1] * 5 + [0]
    at = xmr([*base, r]).phases[0]
    assert at.screened_out == (11,) and at.mr_bar == 1
    below = xmr([*base, r * (1 - 1e-6)]).phases[0]
    assert below.screened_out == ()
    assert below.mr_bar == pytest.approx((10 + r * (1 - 1e-6)) / 11)


# --- XmR: each rule at its threshold -----------------------------------------------------------


def test_beyond_limits_exactly_on_the_upper_limit_is_not_a_signal():
    # Nineteen points 0, 2, 0, ..., 0 then v. Unscreened: mean (18 + v)/20, MR-bar (36 + v)/19,
    # so v is on the upper limit when v (1 - 1/20 - 2.66/19) = 18/20 + 2.66 × 36/19.
    v = (18 / 20 + 2.66 * 36 / 19) / (1 - 1 / 20 - 2.66 / 19)
    base = [0, 2] * 9 + [0]
    values = [*base, v]
    assert mean(values) + 2.66 * mean(moving_ranges(values)) == pytest.approx(v)
    on = xmr(values, screen_outliers=False)
    assert on.points[-1].upper == pytest.approx(v)
    assert BEYOND_LIMITS not in on.points[-1].signals
    beyond = xmr([*base, v + 0.01], screen_outliers=False)
    assert flagged_high(beyond, BEYOND_LIMITS) == [19]


def test_beyond_limits_exactly_on_the_lower_limit_is_not_a_signal():
    v = (18 / 20 + 2.66 * 36 / 19) / (1 - 1 / 20 - 2.66 / 19)
    base = [0, -2] * 9 + [0]
    on = xmr([*base, -v], screen_outliers=False)
    assert on.points[-1].lower == pytest.approx(-v)
    assert not on.points[-1].signals & {BEYOND_LIMITS}
    beyond = xmr([*base, -v - 0.01], screen_outliers=False)
    assert flagged_low(beyond, BEYOND_LIMITS) == [19]
    assert flagged_high(beyond, BEYOND_LIMITS) == []


def test_shift_of_seven_signals_and_of_six_does_not():
    # Mean 0; moving ranges of 2 and one of 6; limits ± 6.1, two sigma ± 4.1: only the shift.
    seven = xmr([3, 1, 3, 1, 3, 1, 3, -3, -1, -3, -1, -3, -1, -3])
    assert seven.phases[0].center == 0
    assert flagged_high(seven, SHIFT) == list(range(7))
    assert flagged_low(seven, SHIFT) == list(range(7, 14))
    assert seven.fired == {SHIFT}
    six = xmr([3, 1, 3, 1, 3, 1, -1, -3, -1, -3, -1, -3])
    assert six.fired == frozenset()


def test_shift_length_is_configurable():
    six = [3, 1, 3, 1, 3, 1, -1, -3, -1, -3, -1, -3]
    assert xmr(six, shift_length=6).fired == {SHIFT}


def test_a_point_on_the_center_line_neither_breaks_nor_extends_a_shift():
    # Seven points above with a 0 (exactly the mean) among them: still a shift of seven, and
    # the point on the line is flagged as part of it.
    values = [3, 1, 3, 0, 1, 3, 1, 3, -3, -1, -3, -1, -3, -1, -3]
    chart = xmr(values)
    assert chart.phases[0].center == 0
    assert flagged_high(chart, SHIFT) == list(range(8))
    assert flagged_low(chart, SHIFT) == list(range(8, 15))
    # Six above and a point on the line do not make seven.
    short = xmr([3, 1, 3, 0, 1, 3, 1, -3, -1, -3, -1, -3, -1])
    assert short.phases[0].center == 0
    assert SHIFT not in short.fired


def test_trend_of_seven_signals_and_of_six_does_not():
    chart = xmr([5, 1, 2, 3, 4, 5, 6, 7, 3])
    assert flagged_high(chart, TREND) == [1, 2, 3, 4, 5, 6, 7]
    assert TREND not in xmr([5, 1, 2, 3, 4, 5, 6, 2]).fired
    falling = xmr([3, 9, 8, 7, 6, 5, 4, 3, 7])
    assert flagged_low(falling, TREND) == [1, 2, 3, 4, 5, 6, 7]
    assert TREND not in xmr([3, 9, 8, 7, 6, 5, 4, 7]).fired
    assert flagged(xmr([1, 2, 3, 4, 5, 6], trend_length=6), TREND) == [0, 1, 2, 3, 4, 5]


def test_an_equal_neighbor_ends_an_xmr_trend():
    # 0, 1, 2, 3 | 3, 4, 5, 6, 7: runs of four and five points, neither reaches seven.
    assert TREND not in xmr([0, 1, 2, 3, 3, 4, 5, 6, 7]).fired
    # The repeated value starts the next trend: 1, 2, ..., 7 from index 1.
    chart = xmr([1, 1, 2, 3, 4, 5, 6, 7])
    assert flagged(chart, TREND) == [1, 2, 3, 4, 5, 6, 7]


def test_gaps_are_closed_up_for_trends_but_never_flagged():
    chart = xmr([1, 2, 3, None, 4, 5, 6, 7])
    assert flagged_high(chart, TREND) == [0, 1, 2, 4, 5, 6, 7]
    assert chart.points[3].signals == frozenset()


def two_of_three_series(positions, height):
    values = [0, 1] * 10
    for position in positions:
        values[position] = height
    return values


def xmr_figures(values):
    """Mean, sigma and upper limit by the formulas (no range is large enough to be screened)."""
    ranges = moving_ranges(values)
    mr_bar = mean(ranges)
    assert max(ranges) < 3.267 * mr_bar
    center = mean(values)
    return center, mr_bar / 1.128, center + 2.66 * mr_bar


def test_two_of_three_beyond_two_sigma_signals():
    values = two_of_three_series([10, 12], 3.2)
    center, sigma, upper = xmr_figures(values)
    assert center + 2 * sigma < 3.2 < upper  # beyond two sigma, inside the limits
    chart = xmr(values)
    assert flagged_high(chart, TWO_OF_THREE) == [10, 12]  # the point between is not flagged
    assert chart.fired == {TWO_OF_THREE}


def test_two_beyond_two_sigma_four_apart_or_one_alone_do_not_signal():
    values = two_of_three_series([10, 13], 3.2)
    center, sigma, upper = xmr_figures(values)
    assert center + 2 * sigma < 3.2 < upper
    assert xmr(values).fired == frozenset()
    values = two_of_three_series([10], 3.2)
    center, sigma, upper = xmr_figures(values)
    assert center + 2 * sigma < 3.2 < upper
    assert xmr(values).fired == frozenset()


def test_two_of_three_needs_both_points_on_the_same_side():
    values = [0, 1] * 10
    values[10], values[12] = 3.2, -2.2
    center, sigma, upper = xmr_figures(values)
    assert values[10] > center + 2 * sigma and values[12] < center - 2 * sigma
    assert TWO_OF_THREE not in xmr(values).fired


# --- XmR: edge cases ---------------------------------------------------------------------------


def test_xmr_empty_single_and_two_points():
    empty = xmr([])
    assert empty.points == () and empty.phases == () and empty.latest is None
    single = xmr([4.0])
    assert single.phases[0].center == 4.0
    assert single.phases[0].lower is None and single.phases[0].upper is None
    assert single.points[0].signals == frozenset()
    two = xmr([1, 3])
    assert two.phases[0].center == 2 and two.phases[0].mr_bar == 2
    assert two.phases[0].lower == pytest.approx(2 - 2.66 * 2)
    assert two.phases[0].upper == pytest.approx(2 + 2.66 * 2)


@pytest.mark.parametrize("value", [0.0, 0.1, 7, -3.3, 1e6])
def test_a_constant_series_has_collapsed_limits_and_no_signal(value):
    chart = xmr([value] * 30)
    phase = chart.phases[0]
    assert phase.center == pytest.approx(value) and phase.mr_bar == 0
    assert phase.lower == phase.upper == phase.center
    assert chart.fired == frozenset()


def test_missing_points_keep_their_place_and_moving_ranges_do_not_bridge_gaps():
    chart = xmr([1, 2, None, 4, 5])
    assert chart.values == (1, 2, None, 4, 5)
    assert [p.moving_range for p in chart.points] == [None, 1, None, None, 1]
    phase = chart.phases[0]
    assert phase.n == 4 and phase.center == 3 and phase.mr_bar == 1
    # The gap carries the lines, so they can be drawn through it, but no signal.
    assert chart.points[2].center == 3 and chart.points[2].upper == phase.upper
    assert chart.points[2].signals == frozenset()


def test_isolated_points_have_a_mean_but_no_limits():
    chart = xmr([1, None, 2, None, 3])
    assert chart.phases[0].center == 2
    assert chart.phases[0].mr_bar is None and chart.phases[0].lower is None


def test_non_finite_values_are_missing():
    chart = xmr([1, float("nan"), 3, float("inf"), "x", 5])
    assert chart.values == (1, None, 3, None, None, 5)
    assert chart.phases[0].center == 3


def test_all_missing():
    chart = xmr([None, None, None])
    assert chart.phases[0].center is None and chart.phases[0].n == 0
    assert variation(chart) is None


# --- phases ------------------------------------------------------------------------------------


def test_each_phase_has_limits_from_its_own_points():
    before = [10, 12, 11, 13, 12, 10, 11, 12]
    after = [6, 7, 5, 6, 8, 6, 7, 5, 6]
    chart = xmr(before + after, phases=[len(before)])
    assert len(chart.phases) == 2
    for phase, alone in zip(chart.phases, (xmr(before), xmr(after)), strict=True):
        reference = alone.phases[0]
        assert (phase.center, phase.mr_bar) == (reference.center, reference.mr_bar)
        assert (phase.lower, phase.upper) == (reference.lower, reference.upper)
    assert chart.phases[1].start == 8 and chart.phases[1].stop == 17
    # No moving range across the boundary, and the new phase shows no signal of the change.
    assert chart.points[8].moving_range is None
    assert chart.fired == frozenset()
    # Without phases the drop is a special cause.
    assert xmr(before + after).fired


def test_runs_do_not_cross_a_phase_boundary():
    # Each phase has mean 0 with four points below and four above (or the reverse); together
    # they hold eight consecutive points above 0, a shift only if the boundary is ignored.
    values = [-3, -1, -3, -1, 3, 1, 3, 1] + [3, 1, 3, 1, -3, -1, -3, -1]
    assert flagged_high(xmr(values), SHIFT) == list(range(4, 12))
    assert SHIFT not in xmr(values, phases=[8]).fired


def test_unusable_phase_boundaries_are_ignored():
    values = list(range(10))
    chart = xmr(values, phases=[0, 5, 5, -3, 10, 99, None, float("nan"), 5.7])
    assert [(p.start, p.stop) for p in chart.phases] == [(0, 5), (5, 10)]


def test_attribute_charts_take_phases_too():
    chart = p_chart([1, 2, 1, 8, 9, 8], [10] * 6, phases=[3])
    assert [p.center for p in chart.phases] == [pytest.approx(4 / 30), pytest.approx(25 / 30)]
    run = run_chart([1, 2, 3, 10, 11, 12], phases=[3])
    assert [p.median for p in run.phases] == [2, 11] and run.median == 11


# --- attribute charts, by hand -----------------------------------------------------------------


def test_p_chart_by_hand():
    x = [3, 5, 2, 8, 4]
    n = [50, 60, 40, 80, 45]
    p_bar = sum(x) / sum(n)  # 22 / 275 = 0.08
    assert p_bar == pytest.approx(0.08)
    chart = p_chart(x, n)
    assert chart.kind == "p" and chart.phases[0].center == pytest.approx(p_bar)
    for point, xi, ni in zip(chart.points, x, n, strict=True):
        sigma = math.sqrt(p_bar * (1 - p_bar) / ni)
        assert point.value == pytest.approx(xi / ni)
        assert point.sigma == pytest.approx(sigma)
        assert point.lower == pytest.approx(max(0, p_bar - 3 * sigma))
        assert point.upper == pytest.approx(min(1, p_bar + 3 * sigma))
    assert chart.points[2].lower == 0  # 0.08 - 3 × 0.0429 is negative: clipped


def test_p_chart_upper_limit_is_clipped_at_one():
    chart = p_chart([9, 10, 10, 10, 9], [10] * 5)
    assert all(p.upper == 1 for p in chart.points)
    assert all(0 <= p.lower <= p.center <= 1 for p in chart.points)


def test_p_chart_zero_denominators_and_impossible_points_are_missing():
    chart = p_chart([1, 2, 3, 12, -1, 4], [10, 0, 10, 10, 10, -5])
    assert chart.values == (0.1, None, 0.3, None, None, None)
    assert chart.phases[0].center == pytest.approx(4 / 20) and chart.phases[0].n == 2
    missing = chart.points[1]
    assert missing.lower is None and missing.upper is None and missing.signals == frozenset()
    assert missing.center == pytest.approx(0.2)  # the center line runs through the gap


def test_p_chart_all_zero_denominators_and_unequal_lengths():
    assert p_chart([1, 2], [0, 0]).phases[0].center is None
    chart = p_chart([1, 2, 3], [10, 10])
    assert chart.values == (0.1, 0.2, None)
    assert p_chart([], []).points == ()


def test_p_chart_with_p_bar_zero_has_zero_limits():
    chart = p_chart([0, 0, 0], [10, 20, 30])
    assert all(p.lower == p.upper == p.center == 0 for p in chart.points)
    assert chart.fired == frozenset()


def test_u_chart_by_hand():
    c = [4, 7, 3, 6, 5]
    e = [100, 120, 90, 150, 110]
    u_bar = sum(c) / sum(e)  # 25 / 570
    chart = u_chart(c, e)
    assert chart.phases[0].center == pytest.approx(25 / 570)
    for point, ci, ei in zip(chart.points, c, e, strict=True):
        sigma = math.sqrt(u_bar / ei)
        assert point.value == pytest.approx(ci / ei)
        assert point.lower == pytest.approx(max(0, u_bar - 3 * sigma))
        assert point.upper == pytest.approx(u_bar + 3 * sigma)
    assert u_chart([1, 2], [0, 5]).values == (None, 0.4)


def test_c_chart_by_hand():
    chart = c_chart([3, 5, 2, 6, 4])
    phase = chart.phases[0]
    # c-bar 20/5 = 4, sigma 2, limits 4 - 6 (clipped to 0) and 4 + 6 = 10.
    assert (phase.center, phase.sigma, phase.lower, phase.upper) == (4, 2, 0, 10)
    assert chart.fired == frozenset()
    assert flagged_high(c_chart([3, 5, 2, 6, 4, 3, 5, 30]), BEYOND_LIMITS) == [7]


def test_c_chart_zero_on_a_lower_limit_of_zero_is_not_a_signal():
    chart = c_chart([0, 1, 0, 2, 0, 1])
    assert chart.phases[0].lower == 0
    assert BEYOND_LIMITS not in chart.fired
    zeros = c_chart([0, 0, 0, 0])
    assert zeros.phases[0].upper == 0 and zeros.fired == frozenset()


def test_c_chart_gap_keeps_constant_limits_and_negative_counts_are_missing():
    chart = c_chart([3, None, 5, -2])
    assert chart.values == (3, None, 5, None)
    assert chart.points[1].upper == chart.phases[0].upper == pytest.approx(4 + 3 * 2)


def laney(x, n, *, proportion):
    """Expected Laney figures by the formulas: center, per-point sigma_i, sigma_z, limits."""
    center = sum(x) / sum(n)
    variance = center * (1 - center) if proportion else center
    sigmas = [math.sqrt(variance / ni) for ni in n]
    z = [(xi / ni - center) / si for xi, ni, si in zip(x, n, sigmas, strict=True)]
    sigma_z = mean(moving_ranges(z)) / 1.128
    lower = [max(0, center - 3 * si * sigma_z) for si in sigmas]
    upper = [center + 3 * si * sigma_z for si in sigmas]
    if proportion:
        upper = [min(1, u) for u in upper]
    return center, z, sigma_z, lower, upper


def test_p_prime_by_hand():
    x = [120, 135, 150, 110, 160, 140]
    n = [1000, 1100, 1050, 980, 1200, 1010]
    center, z, sigma_z, lower, upper = laney(x, n, proportion=True)
    chart = p_prime(x, n)
    phase = chart.phases[0]
    assert chart.kind == "p_prime"
    assert phase.center == pytest.approx(815 / 6340)
    assert phase.sigma_z == pytest.approx(sigma_z)
    assert phase.mr_bar == pytest.approx(mean(moving_ranges(z)))
    assert chart.lower_limits == pytest.approx(lower)
    assert chart.upper_limits == pytest.approx(upper)
    assert [p.moving_range for p in chart.points[1:]] == pytest.approx(moving_ranges(z))


def test_u_prime_by_hand():
    c = [52, 61, 48, 70, 55]
    e = [2000, 2300, 1900, 2500, 2100]
    center, z, sigma_z, lower, upper = laney(c, e, proportion=False)
    chart = u_prime(c, e)
    assert chart.phases[0].center == pytest.approx(286 / 10800)
    assert chart.phases[0].sigma_z == pytest.approx(sigma_z)
    assert chart.lower_limits == pytest.approx(lower)
    assert chart.upper_limits == pytest.approx(upper)


def test_laney_moving_ranges_do_not_bridge_gaps():
    chart = p_prime([10, 12, 9, 11, 13], [100, 100, 0, 100, 100])
    assert [p.moving_range is None for p in chart.points] == [True, False, True, True, False]
    assert chart.points[2].value is None


def test_laney_edge_cases():
    assert p_prime([], []).points == ()
    single = p_prime([5], [50])
    assert single.phases[0].center == 0.1 and single.points[0].lower is None
    flat = u_prime([0, 0, 0], [10, 10, 10])  # u-bar 0: z is 0, limits collapse to 0
    assert all(p.lower == p.upper == 0 for p in flat.points)
    # The same proportion everywhere: z = 0 throughout, sigma_z = 0, limits at p-bar.
    same = p_prime([10, 20, 30], [100, 200, 300])
    assert same.phases[0].sigma_z == 0 and same.fired == frozenset()


# --- run charts --------------------------------------------------------------------------------

# Worked example, 20 points, ten below and ten above the median (2 + 8) / 2 = 5:
#   values  9 1 8 2 | 8 9 8 9 8 9 | 1 2 1 2 1 | 9 2 8 1 2
#   side    + - + - | + + + + + + | - - - - - | + - + - -
# Runs: + - + - (4), a run of six above, a run of five below, then + - + and - - : 10 runs,
# 9 crossings, longest run 6. Monotone stretches are at most three points (2, 8, 9).
# IHI: shift of six at positions 4-9; no trend. Runs test for 10 and 10: 7-15, so 10 is fine.
# Anhøj: longest run limit round(log2(20) + 3) = round(7.32) = 7; fewest crossings: the 5th
# percentile of binomial(19, 1/2) is 6 (P(X <= 5) = 0.032, P(X <= 6) = 0.084).
WORKED = [9, 1, 8, 2, 8, 9, 8, 9, 8, 9, 1, 2, 1, 2, 1, 9, 2, 8, 1, 2]


def test_run_chart_worked_example():
    chart = run_chart(WORKED)
    phase = chart.phases[0]
    assert chart.median == 5
    assert (phase.n_observed, phase.n_useful, phase.n_above, phase.n_below) == (20, 20, 10, 10)
    assert (phase.runs, phase.crossings, phase.longest_run) == (10, 9, 6)
    assert (phase.runs_lower, phase.runs_upper) == (7, 15)
    assert (phase.longest_run_limit, phase.crossings_limit) == (7, 6)
    assert phase.fired == (SHIFT,)
    assert flagged_high(chart, SHIFT) == [4, 5, 6, 7, 8, 9]
    assert flagged(chart, TREND) == []


def test_run_chart_shift_of_five_does_not_signal():
    # As the worked example with one point of the six moved to the end: runs of five at most.
    values = [9, 1, 8, 2, 8, 9, 8, 9, 8, 1, 2, 1, 2, 1, 9, 2, 8, 1, 9, 2]
    chart = run_chart(values)
    assert chart.median == 5 and chart.phases[0].longest_run == 5
    assert chart.phases[0].runs == 12
    assert chart.fired == frozenset()


def test_run_chart_points_on_the_median_are_skipped():
    # Median 5. The 5s neither break nor extend: below-run 1 2 (5) 1 2 1 2 is six points.
    values = [1, 2, 5, 1, 2, 1, 2, 9, 8, 9, 5, 8, 9, 8]
    chart = run_chart(values)
    phase = chart.phases[0]
    assert chart.median == 5
    assert (phase.n_observed, phase.n_useful) == (14, 12)
    assert phase.runs == 2 and phase.crossings == 1
    assert flagged_low(chart, SHIFT) == [0, 1, 2, 3, 4, 5, 6]  # the 5 inside is flagged
    assert flagged_high(chart, SHIFT) == [7, 8, 9, 10, 11, 12, 13]
    assert chart.points[2].center == 5


def test_run_chart_trend_of_five_counting_a_tie_once():
    # 1, 2, 2, 3, 4, 5: the repeated 2 is skipped, leaving a trend of five points.
    chart = run_chart([6, 1, 2, 2, 3, 4, 5, 3])
    assert flagged_high(chart, TREND) == [1, 2, 3, 4, 5, 6]
    assert TREND in chart.phases[0].fired
    # 1, 2, 2, 3, 4 is only four.
    assert TREND not in run_chart([6, 1, 2, 2, 3, 4, 3]).fired
    falling = run_chart([1, 9, 8, 7, 7, 6, 5, 8])
    assert flagged_low(falling, TREND) == [1, 2, 3, 4, 5, 6]
    assert TREND not in run_chart([1, 9, 8, 7, 6, 8]).fired


def test_runs_test_too_few_and_too_many_runs():
    # Five below and five above: P(2 runs) = 2/252 = 0.8 %, P(<= 3 runs) = 10/252 = 4 %, so two
    # runs are too few and three are not; symmetrically ten are too many and nine are not.
    few = run_chart([1, 1, 1, 1, 1, 9, 9, 9, 9, 9])
    phase = few.phases[0]
    assert (phase.runs, phase.runs_lower, phase.runs_upper) == (2, 3, 9)
    # Anhøj: crossings 1 < 2 (5th percentile of binomial(9, 1/2)); longest run 5 <= 6.
    assert phase.fired == (TOO_FEW_RUNS, FEW_CROSSINGS)
    assert run_chart([1, 1, 1, 1, 9, 9, 9, 9, 9, 1]).phases[0].fired == ()  # three runs
    many = run_chart([1, 9] * 5)
    assert many.phases[0].runs == 10 and many.phases[0].fired == (TOO_MANY_RUNS,)
    nine = run_chart([1, 9, 1, 9, 1, 9, 1, 9, 9, 1])
    assert nine.phases[0].runs == 9 and nine.phases[0].fired == ()


def brute_force_runs_bounds(above, below):
    """Enumerate every ordering: fewest and most runs whose tail probability exceeds 2.5 %."""
    n = above + below
    counts = {}
    for positions in itertools.combinations(range(n), above):
        sides = [i in positions for i in range(n)]
        runs = 1 + sum(a != b for a, b in zip(sides, sides[1:], strict=False))
        counts[runs] = counts.get(runs, 0) + 1
    total = sum(counts.values())
    lower = min(r for r in counts if sum(c for k, c in counts.items() if k <= r) / total > 0.025)
    upper = max(r for r in counts if sum(c for k, c in counts.items() if k >= r) / total > 0.025)
    return lower, upper


@pytest.mark.parametrize(("above", "below"), [(5, 5), (6, 4), (7, 3), (8, 6), (6, 6), (9, 5)])
def test_runs_bounds_match_a_brute_force_enumeration(above, below):
    # Enough 5s in the middle to make 5 the median: they are on it, so not useful points.
    values = [1] * below + [5] * (abs(above - below) + 2) + [9] * above
    phase = run_chart(values).phases[0]
    assert phase.median == 5
    assert (phase.n_above, phase.n_below) == (above, below)
    assert (phase.runs_lower, phase.runs_upper) == brute_force_runs_bounds(above, below)


def binomial_fifth_percentile(trials):
    """Smallest c with P(X <= c) >= 0.05 for X ~ binomial(trials, 1/2), straight from math.comb."""
    return next(
        c
        for c in range(trials + 1)
        if 20 * sum(math.comb(trials, k) for k in range(c + 1)) >= 2**trials
    )


@pytest.mark.parametrize(
    ("n", "longest", "crossings"),
    # Anhøj's published limits for 10, 20, 24 and 30 useful observations.
    [(10, 6, 2), (20, 7, 6), (24, 8, 8), (30, 8, 10)],
)
def test_anhoej_limits(n, longest, crossings):
    values = [1, 9] * (n // 2)
    phase = run_chart(values).phases[0]
    assert phase.n_useful == n
    assert phase.longest_run_limit == longest == round(math.log2(n) + 3)
    assert phase.crossings_limit == crossings == binomial_fifth_percentile(n - 1)


@pytest.mark.parametrize("n", range(1, 61))
def test_crossings_limit_matches_the_binomial_recurrence(n):
    values = [1, 9] * (n // 2) + [1] * (n % 2)
    phase = run_chart(values).phases[0]
    if n == 1:
        assert phase.n_useful == 0 and phase.crossings_limit is None
    else:
        assert phase.crossings_limit == binomial_fifth_percentile(phase.n_useful - 1)


def test_anhoej_long_run_longer_than_the_limit():
    # 20 useful points, limit 7: a run of eight signals, a run of seven does not.
    eight = [9, 8] * 4 + [1, 2, 9, 1, 8, 2, 1, 2, 1, 2, 1, 2]
    chart = run_chart(eight)
    assert chart.phases[0].longest_run_limit == 7 and chart.phases[0].longest_run == 8
    assert LONG_RUN in chart.phases[0].fired
    assert flagged_high(chart, LONG_RUN) == list(range(8))
    seven = [9, 8, 9, 8, 9, 8, 9, 1, 2, 8, 1, 9, 2, 1, 8, 2, 1, 2, 1, 2]
    chart = run_chart(seven)
    assert chart.phases[0].longest_run == 7 and chart.phases[0].n_useful == 20
    assert LONG_RUN not in chart.fired and SHIFT in chart.fired


def test_run_chart_edge_cases():
    assert run_chart([]).points == () and run_chart([]).median is None
    assert run_chart([]).fired == frozenset()
    single = run_chart([3])
    assert single.median == 3 and single.phases[0].n_useful == 0 and single.fired == frozenset()
    two = run_chart([1, 2])
    assert two.median == 1.5 and two.phases[0].runs == 2 and two.fired == frozenset()
    constant = run_chart([0.1] * 25)
    assert constant.phases[0].n_useful == 0 and constant.fired == frozenset()
    gaps = run_chart([None, 1, None, 3, None])
    assert gaps.median == 2 and gaps.points[0].value is None and gaps.points[0].center == 2
    assert run_chart([None, None]).median is None


def test_run_chart_gaps_are_closed_up():
    # The gap neither breaks nor extends the six below the median.
    values = [1, 2, 1, None, 2, 1, 2, 9, 8, 9, 8, 9, 8]
    chart = run_chart(values)
    assert chart.values[3] is None
    assert flagged_low(chart, SHIFT) == [0, 1, 2, 4, 5, 6]


# --- intervals ---------------------------------------------------------------------------------


def test_wilson_published_example():
    interval = wilson_interval(65, 100)
    assert (round(interval.lower, 6), round(interval.upper, 6)) == (0.552544, 0.736358)
    assert interval.estimate == 0.65


def test_wilson_by_hand_at_ninety_percent():
    z = 1.6448536269514722
    x, n = 3, 10
    p = x / n
    center = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    interval = wilson_interval(x, n, confidence=0.90)
    assert interval.lower == pytest.approx(center - half)
    assert interval.upper == pytest.approx(center + half)


def test_wilson_edges():
    zero = wilson_interval(0, 20)
    assert zero.lower == 0 and 0 < zero.upper < 1
    full = wilson_interval(20, 20)
    assert full.upper == 1 and 0 < full.lower < 1
    assert full.lower == pytest.approx(1 - zero.upper)
    assert wilson_interval(0, 0) is None
    assert wilson_interval(5, 4) is None
    assert wilson_interval(-1, 4) is None
    assert wilson_interval(1, 4, confidence=1) is None
    assert wilson_interval(1, 4, confidence=0) is None
    assert wilson_interval(None, 4) is None


def test_byars_published_example():
    interval = byars_interval(65)
    assert (round(interval.lower, 6), round(interval.upper, 6)) == (50.163188, 82.849139)


def test_byars_edges():
    z = 1.959963984540054
    zero = byars_interval(0)
    assert zero.lower == 0
    assert zero.upper == pytest.approx((1 - 1 / 9 + z / 3) ** 3)
    assert byars_interval(-1) is None
    assert byars_interval(5, confidence=1.5) is None
    assert byars_interval(0.01).lower == 0  # the formula goes negative: clipped


# --- NHS Making Data Count ---------------------------------------------------------------------


def test_variation_common_and_special_causes_for_each_direction():
    baseline = [10, 12, 11, 13, 12, 10, 11, 12, 11, 13, 12, 11]
    high = xmr([*baseline, 30])
    low = xmr([*baseline, -10])
    calm = xmr(baseline)
    assert variation(calm, HIGHER_IS_BETTER) == COMMON_CAUSE
    assert variation(high, HIGHER_IS_BETTER) == SPECIAL_CAUSE_IMPROVEMENT
    assert variation(high, LOWER_IS_BETTER) == SPECIAL_CAUSE_CONCERN
    assert variation(low, HIGHER_IS_BETTER) == SPECIAL_CAUSE_CONCERN
    assert variation(low, LOWER_IS_BETTER) == SPECIAL_CAUSE_IMPROVEMENT
    assert variation(high, NEUTRAL) == SPECIAL_CAUSE_NEUTRAL
    assert variation(high) == SPECIAL_CAUSE_NEUTRAL


def test_variation_reads_the_latest_observed_point_and_run_charts():
    baseline = [10, 12, 11, 13, 12, 10, 11, 12, 11, 13, 12, 11]
    assert variation(xmr([*baseline, 30, None]), HIGHER_IS_BETTER) == SPECIAL_CAUSE_IMPROVEMENT
    assert variation(xmr([]), HIGHER_IS_BETTER) is None
    assert variation(xmr([5]), HIGHER_IS_BETTER) == COMMON_CAUSE
    run = run_chart([1, 2, 1, 2, 1, 2, 9, 8, 9, 8, 9, 8])
    assert variation(run, HIGHER_IS_BETTER) == SPECIAL_CAUSE_IMPROVEMENT
    assert variation(run, LOWER_IS_BETTER) == SPECIAL_CAUSE_CONCERN


def test_variation_with_signals_both_ways_is_concern():
    # A rising trend of seven, all below the mean of a phase that ends low: the last point is
    # high for the trend and low for the shift.
    values = [40, 42, 41, 40, 42, 41, 1, 2, 3, 4, 5, 6, 7]
    chart = xmr(values, screen_outliers=False)
    latest = chart.latest
    assert TREND in latest.high and SHIFT in latest.low
    assert variation(chart, HIGHER_IS_BETTER) == SPECIAL_CAUSE_CONCERN
    assert variation(chart, LOWER_IS_BETTER) == SPECIAL_CAUSE_CONCERN


def test_unknown_direction_is_a_programming_error():
    with pytest.raises(ValueError, match="direction"):
        variation(xmr([1, 2]), "up")
    with pytest.raises(ValueError, match="direction"):
        assurance(xmr([1, 2]), 1, "up")


def test_assurance_for_both_directions():
    chart = xmr([50, 52, 51, 53, 52, 50, 51, 52])  # limits about 48.1 and 54.9
    lower, upper = chart.phases[0].lower, chart.phases[0].upper
    assert 47 < lower < 49 and 54 < upper < 56
    assert assurance(chart, 40, HIGHER_IS_BETTER) == CONSISTENTLY_MET
    assert assurance(chart, 51, HIGHER_IS_BETTER) == HIT_AND_MISS
    assert assurance(chart, 60, HIGHER_IS_BETTER) == CONSISTENTLY_FAILED
    assert assurance(chart, 60, LOWER_IS_BETTER) == CONSISTENTLY_MET
    assert assurance(chart, 51, LOWER_IS_BETTER) == HIT_AND_MISS
    assert assurance(chart, 40, LOWER_IS_BETTER) == CONSISTENTLY_FAILED
    # A target exactly on a limit is inside the limits.
    assert assurance(chart, lower, HIGHER_IS_BETTER) == HIT_AND_MISS
    assert assurance(chart, upper, LOWER_IS_BETTER) == HIT_AND_MISS


def test_assurance_without_an_answer():
    chart = xmr([50, 52, 51, 53])
    assert assurance(chart, 51, NEUTRAL) is None
    assert assurance(chart, None, HIGHER_IS_BETTER) is None
    assert assurance(xmr([5]), 4, HIGHER_IS_BETTER) is None  # no limits yet
    assert assurance(run_chart([1, 2, 3]), 2, HIGHER_IS_BETTER) is None
    assert assurance(xmr([]), 2, HIGHER_IS_BETTER) is None


def test_assurance_uses_the_latest_point_limits_on_a_p_chart():
    chart = p_chart([90, 92, 45, 46, 180], [100, 100, 50, 50, 200])
    latest = chart.latest
    assert assurance(chart, latest.lower - 0.01, HIGHER_IS_BETTER) == CONSISTENTLY_MET
    assert assurance(chart, latest.upper + 0.001, HIGHER_IS_BETTER) == CONSISTENTLY_FAILED


# --- properties --------------------------------------------------------------------------------

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
non_negative = st.floats(min_value=0, max_value=1e4, allow_nan=False, allow_infinity=False)
constant_lists = st.builds(lambda value, length: [value] * length, finite, st.integers(0, 60))
series = st.one_of(
    st.lists(finite, max_size=60),
    st.lists(st.one_of(st.none(), finite), max_size=60),
    constant_lists,
)
boundaries = st.one_of(st.none(), st.lists(st.integers(-5, 65), max_size=4))
lengths = st.integers(0, 12)
PROPERTY = settings(max_examples=100, deadline=None)


def unzip(pairs):
    return [a for a, _ in pairs], [b for _, b in pairs]


def with_constant_lists(pair):
    """Lists of pairs of up to 60, and the same pair repeated (a constant series)."""
    repeated = st.builds(lambda item, length: [item] * length, pair, st.integers(0, 60))
    return st.one_of(st.lists(pair, max_size=60), repeated).map(unzip)


# (numerator, denominator): valid counts and fractions, zero denominators, junk and gaps.
proportion_pair = st.one_of(
    st.integers(1, 1000).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))),
    st.tuples(st.floats(0, 1), st.floats(1e-3, 1e4)).map(lambda t: (t[0] * t[1], t[1])),
    st.tuples(st.integers(0, 10), st.just(0)),
    st.tuples(finite, finite),
    st.tuples(st.none(), st.one_of(st.none(), st.integers(1, 10))),
)
proportions = with_constant_lists(proportion_pair)
# (count, exposure): counts of any sign, exposures including zero, and gaps.
rate_pair = st.tuples(
    st.one_of(st.none(), non_negative, finite, st.integers(0, 50)),
    st.one_of(st.none(), non_negative, st.just(0.0), st.integers(1, 500)),
)
rates = with_constant_lists(rate_pair)


def check_chart(chart, length):
    assert len(chart.points) == length
    assert [p.index for p in chart.points] == list(range(length))
    for point in chart.points:
        if point.value is None:
            assert not point.signals
        if point.lower is not None:
            assert point.lower <= point.center <= point.upper
        if point.sigma is not None:
            assert point.sigma >= 0
    for phase in chart.phases:
        if phase.mr_bar is not None:
            assert phase.mr_bar >= 0
        assert 0 <= phase.n <= phase.stop - phase.start
    assert variation(chart, HIGHER_IS_BETTER) in (*spc.VARIATION_RESULTS, None)
    assert assurance(chart, 0.5, LOWER_IS_BETTER) in (*spc.ASSURANCE_RESULTS, None)


@PROPERTY
@given(series, boundaries, st.booleans(), lengths, lengths)
def test_xmr_never_fails_and_keeps_its_limits_ordered(values, phases, screen, shift, trend):
    chart = xmr(
        values, screen_outliers=screen, phases=phases, shift_length=shift, trend_length=trend
    )
    check_chart(chart, len(values))
    if values and all(v == values[0] for v in values) and values[0] is not None:
        assert chart.fired == frozenset()


@PROPERTY
@given(proportions, boundaries)
def test_p_charts_stay_within_zero_and_one(data, phases):
    numerators, denominators = data
    for chart in (p_chart(numerators, denominators, phases=phases), p_prime(*data)):
        check_chart(chart, max(len(numerators), len(denominators)))
        for point in chart.points:
            if point.value is not None:
                assert 0 <= point.value <= 1
            if point.lower is not None:
                assert 0 <= point.lower <= point.upper <= 1


@PROPERTY
@given(rates, boundaries)
def test_rate_and_count_charts_never_fail(data, phases):
    counts, exposures = data
    for chart in (u_chart(counts, exposures, phases=phases), u_prime(counts, exposures)):
        check_chart(chart, len(counts))
        assert all(p.lower >= 0 for p in chart.points if p.lower is not None)
    chart = c_chart(counts, phases=phases)
    check_chart(chart, len(counts))
    assert all(p.lower >= 0 for p in chart.points if p.lower is not None)


@PROPERTY
@given(series, boundaries)
def test_run_chart_never_fails(values, phases):
    chart = run_chart(values, phases=phases)
    assert len(chart.points) == len(values)
    for phase in chart.phases:
        observed = [v for v in values[phase.start : phase.stop] if v is not None]
        if observed:
            assert min(observed) <= phase.median <= max(observed)
        assert phase.n_useful == phase.n_above + phase.n_below <= phase.n_observed
        assert phase.crossings == max(phase.runs - 1, 0)
        assert phase.longest_run <= phase.n_useful
        if phase.runs_lower is not None:
            assert phase.runs_lower >= 1
            assert phase.runs_lower <= phase.runs_upper
    assert all(not p.signals for p in chart.points if p.value is None)
    assert variation(chart, LOWER_IS_BETTER) in (*spc.VARIATION_RESULTS, None)


@PROPERTY
@given(st.integers(0, 10_000), st.integers(0, 10_000), st.floats(0.5, 0.999))
def test_wilson_interval_brackets_the_estimate(x, n, confidence):
    interval = wilson_interval(x, n, confidence)
    if n == 0 or x > n:
        assert interval is None
    else:
        assert 0 <= interval.lower <= interval.estimate <= interval.upper <= 1


@PROPERTY
@given(st.one_of(st.integers(0, 100_000), non_negative), st.floats(0.5, 0.999))
def test_byars_interval_brackets_the_count(x, confidence):
    interval = byars_interval(x, confidence)
    assert 0 <= interval.lower <= x <= interval.upper


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False)), max_size=30),
    st.floats(allow_nan=False, allow_infinity=False),
)
def test_nothing_raises_even_on_extreme_finite_floats(values, other):
    half = len(values) // 2
    for chart in (
        xmr(values),
        p_chart(values[:half], values[half:]),
        u_chart(values[:half], values[half:]),
        c_chart(values),
        p_prime(values[:half], values[half:]),
        u_prime(values[:half], values[half:]),
        run_chart(values),
    ):
        variation(chart, HIGHER_IS_BETTER)
        assurance(chart, other, HIGHER_IS_BETTER)
    wilson_interval(other, abs(other))
    byars_interval(abs(other))
