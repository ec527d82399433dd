"""The trend page's work per render is bounded by its data: nothing is redone per use.

A ten-year weekly chart shows 520 periods, each in its data table and in its chart's tooltips.
Its page cost twice the CPU it does now when each period was worded afresh for each use and the
SVG coordinates went through a template filter thousands of times. These tests count calls, not
time (shared machines are noisy): scripts/bench_trends.py measures the time.
"""

import datetime

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation

from portal.charts.svg import svg_number
from public_awareness.trends import display
from public_awareness.trends import series as series_module

from .helpers import trend_page
from .test_query_bounds import weekly_series

WEEKS = 60


@pytest.fixture
def counted_wording(monkeypatch):
    """Every time a period is worded afresh, as (start, end, language); remembered labels are
    forgotten before and after the test."""
    calls = []
    word = series_module._word_period

    def counting(start, end):
        calls.append((start, end, translation.get_language()))
        return word(start, end)

    series_module._remembered_label.cache_clear()
    monkeypatch.setattr(series_module, "_word_period", counting)
    yield calls
    series_module._remembered_label.cache_clear()


@pytest.mark.django_db
def test_each_period_is_worded_once_then_remembered(client, home_page, counted_wording):
    indicator = weekly_series("LABELS", WEEKS)
    page = trend_page(home_page, (indicator, "MA", True))

    response = client.get(page.url)
    assert response.status_code == 200
    assert response.content.decode().count("week ending") >= 2 * WEEKS  # table and chart
    assert len(counted_wording) == len(set(counted_wording)), "a period was worded twice"
    assert len(counted_wording) <= WEEKS

    counted_wording.clear()
    assert client.get(page.url).status_code == 200
    assert counted_wording == []


@pytest.mark.django_db
def test_each_chart_reads_its_series_once_per_request(client, home_page, monkeypatch):
    indicators = [weekly_series(f"ONCE_{n}", WEEKS) for n in range(2)]
    page = trend_page(home_page, *((indicator, "MA", True) for indicator in indicators))
    loaded = []
    load_series = display.load_series

    def counting(indicator, geography, **options):
        loaded.append(indicator.code)
        return load_series(indicator, geography, **options)

    monkeypatch.setattr(display, "load_series", counting)
    assert client.get(page.url).status_code == 200
    assert sorted(loaded) == ["ONCE_0", "ONCE_1"]


def test_remembered_labels_follow_the_language(counted_wording):
    week = (datetime.date(2019, 12, 29), datetime.date(2020, 1, 4))
    with translation.override("en-us"):
        assert series_module.period_label(*week) == "week ending Jan 4, 2020"
    with translation.override("es"):
        assert series_module.period_label(*week) == "semana que termina el Ene 4, 2020"
    with translation.override("en-us"):
        assert series_module.period_label(*week) == "week ending Jan 4, 2020"
    assert len(counted_wording) == 2  # once per language


EDGES = [0.0, -0.0, -0.04, -0.05, 0.05, 0.25, 0.35, 2.675, 16.0, 283.95, 719.9999, -12.45, 1e22]


def test_svg_numbers_are_written_as_the_floatformat_filter_writes_them():
    # The chart's coordinates were written with floatformat:"1u": the page must not change.
    # Halves of a tenth (n / 20) are where rounding rules differ; n / 7 gives long fractions.
    values = [
        *EDGES,
        float("inf"),
        *(n / 20 for n in range(-400, 15000)),
        *(n / 7 for n in range(5000)),
    ]
    differ = [
        (v, svg_number(v), floatformat(v, "1u"))
        for v in values
        if svg_number(v) != floatformat(v, "1u")
    ]
    assert differ == []
