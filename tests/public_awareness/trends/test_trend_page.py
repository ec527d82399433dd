"""The public trend page, its CSV and JSON downloads and the embeddable chart."""

import csv

import pytest
from bs4 import BeautifulSoup
from django.test import override_settings

from public_awareness.trends.models import Footnote, Observation, TrendPage
from public_awareness.trends.series import suppression_rule

from .helpers import count_series, import_rows, make_indicator, trend_page, weeks
from .test_series import STEADY

pytestmark = pytest.mark.django_db


@pytest.fixture
def deaths():
    return make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")


@pytest.fixture
def page_with_deaths(home_page, deaths):
    count_series(deaths, [*STEADY[:5], 4, *STEADY[5:]])  # week 6 is a small count
    return trend_page(home_page, (deaths, "", True))


def test_chart_is_an_svg_image_with_title_description_and_a_data_table(client, page_with_deaths):
    response = client.get(page_with_deaths.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    svg = soup.select_one("svg.portal-chart__svg")
    title_id, desc_id = svg["aria-labelledby"], svg["aria-describedby"]
    assert svg["role"] == "img"
    assert soup.find(id=title_id).text.startswith("Test indicator TEST_DEATHS in Massachusetts")
    assert soup.find(id=desc_id).text.startswith("Latest 22 (week ending May 30, 2020).")
    assert len(svg.select(".portal-chart__point, .portal-chart__signal")) == len(STEADY)

    rows = soup.select(".portal-trend__table tbody tr")
    assert len(rows) == len(STEADY) + 1
    gap = rows[5].find_all("td")
    assert gap[0].text == "Not shown"
    assert gap[-1].text == suppression_rule(10)
    assert soup.select_one(".portal-trend__summary").text == soup.find(id=desc_id).text


def test_page_links_to_its_downloads_and_embed(client, page_with_deaths):
    soup = BeautifulSoup(client.get(page_with_deaths.url).content, "html.parser")
    links = [a["href"] for a in soup.select(".portal-trend__links a, .portal-trend__embed a")]
    base = page_with_deaths.url
    assert links == [
        f"{base}data/TEST_DEATHS/csv/",
        f"{base}data/TEST_DEATHS/json/",
        f"{base}data/TEST_DEATHS/metadata/",
        f"{base}chart/TEST_DEATHS/trend/svg/",
        f"{base}chart/TEST_DEATHS/trend/png/",
        f"{base}embed/TEST_DEATHS/",
    ]
    for link in links:
        assert client.get(link).status_code == 200


def test_csv_holds_the_charted_rows_and_its_side_file_describes_them(client, page_with_deaths):
    response = client.get(f"{page_with_deaths.url}data/TEST_DEATHS/csv/")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="TEST_DEATHS-MA.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(response.content.decode().splitlines()))
    assert len(rows) == len(STEADY) + 1
    assert rows[5]["value"] == "" and rows[5]["suppressed"] == "yes"
    assert rows[0]["value"] == "20" and rows[0]["center_line"]
    assert {row["period_start"] for row in rows} == {
        str(start) for start, _ in weeks(len(STEADY) + 1)
    }
    meta = client.get(f"{page_with_deaths.url}data/TEST_DEATHS/metadata/").json()
    for key in ("name", "definition", "numerator", "denominator", "source", "releases"):
        assert meta[key], key
    assert meta["suppression"].startswith("Counts from 1 to 10")


def test_json_holds_the_same_data_and_may_be_read_from_other_sites(client, page_with_deaths):
    response = client.get(f"{page_with_deaths.url}data/TEST_DEATHS/json/")
    data = response.json()
    assert response["Access-Control-Allow-Origin"] == "*"
    assert data["metadata"]["indicator"] == "TEST_DEATHS"
    assert data["metadata"]["geography"] == "MA"
    assert data["metadata"]["suppression"].startswith("Counts from 1 to 10")
    values = [row["value"] for row in data["observations"]]
    assert values == [*STEADY[:5], None, *STEADY[5:]]
    assert data["observations"][5]["suppressed"] is True


def test_another_geography_and_bad_requests(client, page_with_deaths, deaths):
    count_series(deaths, STEADY, geography="RI")
    base = page_with_deaths.url
    data = client.get(f"{base}data/TEST_DEATHS/json/?geography=RI").json()
    assert data["metadata"]["geography_name"] == "Rhode Island"
    assert len(data["observations"]) == len(STEADY)
    assert client.get(f"{base}data/TEST_DEATHS/json/?geography=CT").status_code == 404
    assert client.get(f"{base}data/TEST_DEATHS/json/?geography=ma;drop").status_code == 404
    assert client.get(f"{base}data/NO_SUCH/csv/").status_code == 404
    assert client.get(f"{base}embed/NO_SUCH/").status_code == 404


@override_settings(TRENDS_EMBED_FRAME_ANCESTORS=["https://news.example.org"])
def test_only_the_embed_may_be_framed_and_only_where_allowed(client, page_with_deaths):
    embed = client.get(f"{page_with_deaths.url}embed/TEST_DEATHS/")
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed
    assert "frame-ancestors https://news.example.org" in embed["Content-Security-Policy"]
    assert "script-src 'self'" in embed["Content-Security-Policy"]
    soup = BeautifulSoup(embed.content, "html.parser")
    assert soup.select_one("svg[role=img]") is not None
    assert soup.select_one("header") is None  # the chart only, not the site around it

    page = client.get(page_with_deaths.url)
    assert page["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in page["Content-Security-Policy"]


def test_comparison_lists_every_state_and_marks_ours(client, home_page):
    rate = make_indicator()
    Footnote.objects.create(code="T25", text="Averages include VHA hospitals.")
    ((start, end),) = weeks(1)
    import_rows(
        [
            {
                "indicator": rate.code,
                "geography": g,
                "start": start,
                "end": end,
                "value": v,
                "footnote": "T25",
            }
            for g, v in {"MA": 58, "CT": 70, "US": 61}.items()
        ]
    )
    page = trend_page(home_page, (rate, "", True))
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    text = soup.get_text(" ", strip=True)
    assert "Massachusetts: 58%, ranked 2nd of 2 states" in text
    assert "United States: 61%." in text
    assert "Averages include VHA hospitals." in text
    own = soup.select_one(".portal-trend__own-row")
    assert own.th.text == "Massachusetts" and own.td.text == "58%"


def test_page_reads_a_fixed_number_of_queries_per_chart(
    client, home_page, deaths, django_assert_max_num_queries
):
    count_series(deaths, STEADY)
    rate = make_indicator()
    ((start, end),) = weeks(1)
    import_rows(
        [{"indicator": rate.code, "geography": "MA", "start": start, "end": end, "value": 50}]
    )
    page = trend_page(home_page, (deaths, "", True), (rate, "", True))
    client.get(page.url)  # warm caches that every page shares (site, settings)
    with django_assert_max_num_queries(40):
        assert client.get(page.url).status_code == 200


def test_demo_content_charts_massachusetts_with_sources(client, home_page):
    page = TrendPage.objects.child_of(home_page).get()
    assert (
        Observation.objects.filter(
            indicator__code="septicemia_deaths", geography="MA", is_current=True
        ).count()
        == 104
    )
    text = BeautifulSoup(client.get(page.url).content, "html.parser").get_text(" ", strip=True)
    assert "Deaths from septicemia: Massachusetts" in text
    assert "Sepsis care bundle followed (SEP-1): Massachusetts" in text
    assert "Latest 58% (Oct 2022 – Sep 2023)." in text
    assert "National Center for Health Statistics" in text
    assert "Centers for Medicare & Medicaid Services" in text
    # NCHS suppressed two Massachusetts weeks (1-9 deaths) and the portal two more (10): all
    # four have the portal's one wording of the privacy rule, not the publisher's narrower flag.
    assert "Suppressed (counts 1-9)" not in text
    assert text.count(suppression_rule(10)) == 4 + 6  # the four weeks, and each chart's note
    # The pandemic is marked: limits restart in March 2020, and the page says why.
    assert "Average and limits are computed afresh from March 2020: COVID-19 pandemic" in text
    assert "death certificates began to record COVID-19" in text
    # Three overlapping CMS windows for each hospital measure, and the page says so.
    assert (
        Observation.objects.filter(indicator__code="SEP_1", geography="MA", is_current=True)
        .values("period_end")
        .count()
        == 3
    )
    assert text.count("Each value covers 12 months, and the windows overlap") == 5
    assert "Data as of October 25, 2023." in text
    assert "Next expected release: none: the 2019–2020 counts are final." in text


@pytest.mark.usefixtures("page_cache")
def test_charts_are_drawn_once_per_release_and_again_after_an_import(
    client, home_page, django_capture_on_commit_callbacks
):
    """Drawing every point is the page's costliest work: the body is kept in the page cache
    (portal_tags.public_body) for every request that misses the whole-page cache, until an
    import purges it."""
    first_week, second_week = weeks(2)

    def row(week, value):
        start, end = week
        return {
            "indicator": "TEST_RATE",
            "geography": "MA",
            "start": start,
            "end": end,
            "value": value,
        }

    def shown(query):
        html = client.get(page.url + query).content
        return BeautifulSoup(html, "html.parser").get_text(" ", strip=True)

    # Each step's purge runs as after its commit (a purge left waiting would stand for the
    # next: one per transaction).
    with django_capture_on_commit_callbacks(execute=True):
        rate = make_indicator()
        import_rows([row(first_week, 58)])
        page = trend_page(home_page, (rate, "", True))
    assert "Latest 58%" in shown("?a")
    # Changed under the cache's feet (no release, so no purge): the drawn chart is reused.
    Observation.objects.filter(indicator=rate).update(value=59)
    assert "Latest 58%" in shown("?b")

    with django_capture_on_commit_callbacks(execute=True):
        import_rows([row(second_week, 64)])
    assert "Latest 64%" in shown("?c")
