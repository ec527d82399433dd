"""Chart geometry's honesty rules: axes that do not exaggerate, ticks at the data's precision,
and every kind of point drawn as its own kind. Plain functions only: no database."""

import pytest

from portal.charts import svg


@pytest.mark.parametrize(
    ("values", "floor", "ceiling"),
    [
        ([67.0, 69.0], 0.0, 100.0),  # Massachusetts against the nation, one period
        ([98.5, 99.2], 0.0, 100.0),  # near the ceiling: the span grows downward
        ([0.4, 0.6], 0.0, 100.0),  # near the floor
        ([20.0, 21.0, 22.0], 0.0, None),  # weekly counts
        ([1500.0, 1502.0], None, None),
    ],
)
def test_an_axis_never_zooms_into_less_than_a_quarter_of_its_largest_value(values, floor, ceiling):
    low, high = svg.value_range(values, floor=floor, ceiling=ceiling)
    assert low <= min(values) and high >= max(values)
    assert high - low >= svg.MIN_SPAN_SHARE * max(abs(low), abs(high)) - 1e-9
    if floor is not None:
        assert low >= floor
    if ceiling is not None:
        assert high <= ceiling


def test_two_close_percentages_do_not_fill_the_chart():
    chart = svg.time_chart(
        [67.0],
        center=[None],
        lower=[None],
        upper=[None],
        national=[69.0],
        signals=[False],
        labels=["Sep 2023"],
        floor=0.0,
        ceiling=100.0,
    )
    ticks = [value for _y, value in chart.y_ticks]
    # The two points are apart by less than a tenth of the plot's height.
    assert (69 - 67) / (ticks[-1] - ticks[0]) < 0.1
    assert chart.tick_decimals == 0  # "70%", never "69.50%"


@pytest.mark.parametrize(
    ("ticks", "decimals"),
    [([60, 65, 70], 0), ([0, 0.5, 1.0], 1), ([1.2, 1.4], 1), ([0.05, 0.1], 2), ([0, 200], 0)],
)
def test_ticks_show_the_decimals_their_step_needs(ticks, decimals):
    assert svg.tick_decimals(ticks) == decimals


def test_each_kind_of_point_is_its_own_marker_and_missing_points_are_not_drawn():
    kinds = [svg.COMMON_CAUSE, svg.IMPROVEMENT, svg.CONCERN, svg.NEUTRAL, "unknown"]
    chart = svg.time_chart(
        [10.0, 30.0, 2.0, 12.0, None],
        center=[11.0] * 5,
        lower=[5.0] * 5,
        upper=[17.0] * 5,
        national=[None] * 5,
        signals=kinds,
        labels=["a", "b", "c", "d", "e"],
    )
    assert [m.variation for m in chart.markers] == kinds[:4]
    assert [m.signal for m in chart.markers] == [False, True, True, True]
    assert chart.kinds == [svg.COMMON_CAUSE, svg.IMPROVEMENT, svg.CONCERN, svg.NEUTRAL]


def test_callers_that_judge_no_direction_draw_special_causes_as_neutral():
    # The collaborative passes bools: a special cause there is neither better nor worse.
    chart = svg.time_chart(
        [1.0, 9.0],
        center=[None] * 2,
        lower=[None] * 2,
        upper=[None] * 2,
        national=[None] * 2,
        signals=[False, True],
        labels=["a", "b"],
    )
    assert [m.variation for m in chart.markers] == [svg.COMMON_CAUSE, svg.NEUTRAL]


def test_positions_are_shares_of_the_width_so_text_keeps_its_pixel_size():
    chart = svg.time_chart(
        [1.0, 2.0, 3.0],
        center=[None] * 3,
        lower=[None] * 3,
        upper=[None] * 3,
        national=[None] * 3,
        signals=[False] * 3,
        labels=["Jan", "Feb", "Mar"],
    )
    assert all(m.x_text.endswith("%") for m in chart.markers)
    xs = [float(m.x_text[:-1]) for m in chart.markers]
    assert 0 < xs[0] < xs[1] < xs[2] < 100
    # Labels near an edge grow away from it, so that a phone does not cut them off.
    assert [anchor for _x, _text, anchor in chart.x_labels] == ["start", "middle", "end"]
