"""The trend page and its downloads read a fixed number of queries, however long the series.

Ten years of weekly data (520 points) must cost no more queries than twenty weeks: a series is
read in one query, never one per point. Speed is not tested here (shared machines are noisy):
scripts/bench_trends.py measures it.
"""

import json

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from public_awareness.trends.models import Footnote, Phase

from .helpers import import_rows, make_indicator, trend_page, weeks

pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]

SHORT, LONG = 20, 520  # weeks: under half a year, and ten years
# Bounds with a little room: today the page with one chart reads 25 queries (20 of them
# shared by every page: site, settings, menus, savepoints), each further chart 4 (its series,
# footnote meanings, phases, comparison) and a download 16.
PAGE_QUERIES, QUERIES_PER_CHART = 30, 5
DOWNLOAD_QUERIES = 20
STATES = ("MA", "US", "RI", "NH")


def weekly_series(code, count):
    """A percent indicator with ``count`` weeks for MA, the nation and two neighbors, with
    counts, footnotes and a phase. Massachusetts's latest value is 61.7%, shown to one decimal."""
    indicator = make_indicator(code, decimal_places=1)
    rows = []
    for week, (start, end) in enumerate(weeks(count)):
        for place, geography in enumerate(STATES):
            numerator = 580 + (week * 37 + place * 11) % 60
            if week == count - 1 and geography == "MA":
                numerator = 617
            rows.append(
                {
                    "indicator": code,
                    "geography": geography,
                    "start": start,
                    "end": end,
                    "numerator": numerator,
                    "denominator": 1000,
                    "value": f"{numerator / 10:.1f}",
                    "footnote": "P" if week % 13 == 0 else "",
                }
            )
    import_rows(rows, filename=f"{code}.csv")
    Phase.objects.create(
        indicator=indicator, geography="MA", start=weeks(count)[count // 2][0], reason="New rule"
    )
    return indicator


@pytest.fixture
def series():
    Footnote.objects.create(code="P", text="Preliminary figures.")
    return {count: weekly_series(f"WEEKS_{count}", count) for count in (SHORT, LONG)}


def counted_get(client, url):
    """(response, queries) for a request after a first one has warmed the shared caches."""
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [query["sql"] for query in captured.captured_queries]


def weekly_rows(soup):
    """The data tables' rows, one a week (the comparison table's rows are places)."""
    rows = soup.select(".portal-trend__table tbody tr")
    return [row for row in rows if row.th.text.startswith("week ending")]


def render(client, home_page, *indicators):
    page = trend_page(home_page, *((indicator, "MA", True) for indicator in indicators))
    response, queries = counted_get(client, page.url)
    return BeautifulSoup(response.content, "html.parser"), queries


def test_page_queries_do_not_grow_with_the_number_of_weeks(client, home_page, series):
    counts = {}
    for weeks_shown, indicator in series.items():
        soup, queries = render(client, home_page, indicator)
        # The chart is really there, with every week, the footnotes and the comparison.
        assert soup.select_one(".portal-trend__summary").text.startswith("Latest 61.7% (week")
        assert len(weekly_rows(soup)) == weeks_shown
        assert "Preliminary figures." in soup.get_text()
        assert soup.select_one(".portal-trend__own-row").td.text == "61.7%"
        counts[weeks_shown] = len(queries)
        assert len(queries) <= PAGE_QUERIES, "\n".join(queries)
    assert counts[LONG] == counts[SHORT], counts


def test_each_further_chart_adds_a_few_queries(client, home_page, series):
    others = [weekly_series(f"OTHER_{n}", LONG) for n in range(2)]
    _soup, one = render(client, home_page, series[LONG])
    soup, three = render(client, home_page, series[LONG], *others)
    assert len(soup.select(".portal-trend__summary")) == 3
    assert len(weekly_rows(soup)) == 3 * LONG
    assert len(three) - len(one) <= 2 * QUERIES_PER_CHART, "\n".join(three)


@pytest.mark.parametrize("route", ["indicator_csv", "indicator_json"])
def test_download_queries_do_not_grow_with_the_number_of_weeks(client, home_page, series, route):
    page = trend_page(home_page, (series[SHORT], "MA", True))
    counts = {}
    for weeks_shown, indicator in series.items():
        url = page.url + page.reverse_subpage(route, args=[indicator.code]) + "?geography=MA"
        response, queries = counted_get(client, url)
        last_week_ends = weeks(weeks_shown)[-1][1].isoformat()
        if route == "indicator_csv":
            lines = response.content.decode().splitlines()
            data = [line for line in lines if not line.startswith("#")]
            assert len(data) == 1 + weeks_shown  # the column names, then a row a week
            assert data[-1].startswith(
                f"{weeks(weeks_shown)[-1][0].isoformat()},{last_week_ends},61.7,"
            )
        else:
            observations = json.loads(response.content)["observations"]
            assert len(observations) == weeks_shown
            assert observations[-1]["period_end"] == last_week_ends
            assert observations[-1]["value"] == 61.7
        counts[weeks_shown] = len(queries)
        assert len(queries) <= DOWNLOAD_QUERIES, "\n".join(queries)
    assert counts[LONG] == counts[SHORT], counts
