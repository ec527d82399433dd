"""What a chart says about a series: chart kind, limits, gaps, phases, summary, comparison."""

import datetime
from decimal import Decimal

import pytest

from portal.charts import spc
from public_awareness.trends.models import Footnote, Phase
from public_awareness.trends.series import MIN_POINTS_FOR_LIMITS, load_series, period_label

from .helpers import count_series, import_rows, make_indicator, weeks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_trend_data")]

STEADY = [20, 22, 19, 21, 20, 23, 18, 21, 20, 22, 19, 21, 20, 22, 19, 21, 20, 21, 19, 22]


def test_counts_get_an_xmr_chart_with_the_limits_spc_computes():
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    count_series(deaths, STEADY)
    series = load_series(deaths, "MA")
    expected = spc.xmr(STEADY).phases[0]
    assert series.chart_kind == "xmr" and series.limits_shown
    assert series.points[-1].center == pytest.approx(expected.center)
    assert series.points[-1].upper == pytest.approx(expected.upper)
    assert series.summary == (
        "Latest 22 (week ending May 23, 2020). "
        "No unusual change: the variation is within what is expected."
    )


def test_lower_limit_of_a_count_is_never_below_zero():
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    values = [12, 40, 11, 39, 13, 41, 12, 38, 11, 40, 12, 39, 13, 40, 11, 39]
    count_series(deaths, values)
    series = load_series(deaths, "MA")
    assert spc.xmr(values).phases[0].lower < 0
    assert series.points[0].lower == 0


def test_suppressed_periods_are_gaps_and_never_feed_the_limits():
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    # 7 is a small count: stored as suppressed, so it is a gap.
    values = [*STEADY[:10], 7, *STEADY[10:]]
    count_series(deaths, values)
    series = load_series(deaths, "MA")
    gap = series.points[10]
    assert gap.value is None and gap.suppressed and not gap.signals
    with_gap = [*STEADY[:10], None, *STEADY[10:]]
    assert series.points[0].center == pytest.approx(spc.xmr(with_gap).phases[0].center)
    assert series.points[0].center == pytest.approx(sum(STEADY) / len(STEADY))


def test_too_few_points_show_no_limits_and_say_so():
    rate = make_indicator(target=Decimal("65"))
    import_rows(
        [
            {"indicator": rate.code, "geography": "MA", "start": s, "end": e, "value": v}
            for (s, e), v in zip(weeks(3), [60, 58, 61], strict=True)
        ]
    )
    series = load_series(rate, "MA")
    assert not series.limits_shown
    assert all(p.upper is None and p.center is None for p in series.points)
    assert "process limits need at least 15 periods and there are 3 so far" in series.summary
    assert series.summary.endswith("The latest value does not meet the target of 65%.")


def test_a_special_cause_for_the_better_is_named_as_such():
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    count_series(deaths, [*STEADY, 20, 21, 22, 20, 50])  # not part of a shift: beyond the limit
    concern = load_series(deaths, "MA")
    assert "beyond_limits" in concern.points[-1].signals
    assert "Unusual change for the worse: the latest value is outside the process limits." in (
        concern.summary
    )


def test_target_assurance_uses_the_process_limits():
    rate = make_indicator(target=Decimal("40"))
    values = [60 + (i % 3) for i in range(MIN_POINTS_FOR_LIMITS + 3)]
    import_rows(
        [
            {"indicator": rate.code, "geography": "MA", "start": s, "end": e, "value": v}
            for (s, e), v in zip(weeks(len(values)), values, strict=True)
        ]
    )
    assert load_series(rate, "MA").summary.endswith("Target 40% is consistently met.")
    rate.target = Decimal("61")
    assert "Target 61% is not consistently met" in load_series(rate, "MA").summary
    rate.target = Decimal("90")
    assert "Target 90% will not be met" in load_series(rate, "MA").summary


def test_proportions_with_counts_get_a_laney_p_prime_chart_in_percent():
    rate = make_indicator()
    numerators = [580 + (i % 4) * 5 for i in range(MIN_POINTS_FOR_LIMITS)]
    import_rows(
        [
            {
                "indicator": rate.code,
                "geography": "MA",
                "start": s,
                "end": e,
                "numerator": n,
                "denominator": 1000,
                "value": n / 10,
            }
            for (s, e), n in zip(weeks(len(numerators)), numerators, strict=True)
        ]
    )
    series = load_series(rate, "MA")
    expected = spc.p_prime(numerators, [1000] * len(numerators))
    assert series.chart_kind == "p_prime"
    assert series.points[0].center == pytest.approx(expected.points[0].center * 100)
    assert series.points[0].upper == pytest.approx(expected.points[0].upper * 100)


def test_limits_restart_at_a_phase():
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    values = STEADY + [v + 20 for v in STEADY]
    count_series(deaths, values)
    start = weeks(len(values))[len(STEADY)][0]
    Phase.objects.create(
        indicator=deaths, geography="MA", start=start, reason="New way of counting"
    )
    series = load_series(deaths, "MA")
    assert [(m.index, m.reason) for m in series.phases] == [(len(STEADY), "New way of counting")]
    assert series.points[0].center == pytest.approx(sum(STEADY) / len(STEADY))
    assert series.points[-1].center == pytest.approx(sum(STEADY) / len(STEADY) + 20)
    assert not any(p.signals for p in series.points)


def test_footnotes_show_their_meaning_and_unknown_codes_show_as_given():
    rate = make_indicator()
    Footnote.objects.create(code="25", text="Averages include VHA hospitals.")
    ((start, end),) = weeks(1)
    import_rows(
        [
            {
                "indicator": rate.code,
                "geography": "MA",
                "start": start,
                "end": end,
                "value": 50,
                "footnote": '"25, 99"',
            }
        ]
    )
    point = load_series(rate, "MA").points[0]
    assert point.footnotes == [("25", "Averages include VHA hospitals."), ("99", "99")]


def test_states_compare_by_rank_and_nation_is_drawn_alongside():
    rate = make_indicator()
    ((start, end),) = weeks(1)
    values = {"MA": 58, "CT": 70, "RI": 58, "NH": 40, "US": 61}
    import_rows(
        [
            {"indicator": rate.code, "geography": g, "start": start, "end": end, "value": v}
            for g, v in values.items()
        ]
    )
    series = load_series(rate, "MA")
    assert series.points[0].national == 61
    comparison = series.comparison
    assert comparison.national == 61 and comparison.ranked == 4
    assert comparison.state_rank == 2  # CT is higher; RI ties with MA
    assert [row[0] for row in comparison.rows] == ["CT", "MA", "RI", "NH"]


def test_counts_are_not_compared_between_states_nor_drawn_against_the_nation():
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    count_series(deaths, STEADY, geography="MA")
    count_series(deaths, [v * 40 for v in STEADY], geography="US")
    series = load_series(deaths, "MA")
    assert series.comparison is None
    assert not series.has_national


def test_no_data_says_so():
    rate = make_indicator()
    series = load_series(rate, "MA")
    assert series.latest is None
    assert series.summary == "No figures for Massachusetts have been published yet."


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        (datetime.date(2022, 10, 1), datetime.date(2023, 9, 30), "Oct 2022 – Sep 2023"),
        (datetime.date(2019, 12, 29), datetime.date(2020, 1, 4), "week ending Jan 4, 2020"),
        (datetime.date(2023, 1, 1), datetime.date(2023, 1, 31), "Jan 2023"),
        (datetime.date(2023, 1, 3), datetime.date(2023, 2, 17), "Jan 3, 2023 – Feb 17, 2023"),
    ],
)
def test_period_labels(start, end, label):
    assert period_label(start, end) == label
