"""The checks every figure passes (collaborative.checks), typed or uploaded."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from collaborative import checks


def fields(problems):
    return [problem.field for problem in problems]


def test_whole_numbers():
    assert checks.whole_number("12") == (12, "")
    assert checks.whole_number(" 1,204 ") == (1204, "")
    assert checks.whole_number("") == (None, "")
    assert checks.whole_number("twelve")[1]
    assert checks.whole_number("2.5")[1]
    assert checks.whole_number("-3")[1]


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=0, max_value=10**6))
def test_a_ratio_is_refused_exactly_when_its_numerator_exceeds_its_denominator(n, d):
    problems = checks.check_figure(checks.RATIO, numerator=n, denominator=d)
    assert (fields(problems) == ["numerator"]) == (n > d)
    assert problems == [] or n > d


def test_a_ratio_needs_both_parts_and_a_category_must_be_listed():
    assert fields(checks.check_figure(checks.RATIO, numerator=3)) == ["denominator"]
    assert fields(checks.check_figure(checks.RATIO, denominator=3)) == ["numerator"]
    assert checks.check_figure(checks.RATIO) == []
    assert fields(
        checks.check_figure(checks.CATEGORICAL, category="other", categories=("arrival",))
    ) == ["category"]


def test_a_month_that_has_not_ended_cannot_be_reported():
    today = datetime.date(2026, 3, 15)
    assert checks.check_period(datetime.date(2026, 2, 1), today) == []
    assert fields(checks.check_period(datetime.date(2026, 3, 1), today)) == ["period"]
    assert fields(checks.check_period(datetime.date(2026, 4, 1), today)) == ["period"]


def test_a_figure_far_from_the_sites_history_is_unusual():
    steady = [0.45, 0.5, 0.48, 0.52, 0.47, 0.5, 0.49]
    assert checks.is_unusual(0.98, steady, is_proportion=True)
    assert not checks.is_unusual(0.6, steady, is_proportion=True)
    assert not checks.is_unusual(0.98, steady[:3], is_proportion=True)  # too little history
    counts = [4, 5, 3, 4, 6, 5]
    assert checks.is_unusual(40, counts, is_proportion=False)
    assert not checks.is_unusual(7, counts, is_proportion=False)
