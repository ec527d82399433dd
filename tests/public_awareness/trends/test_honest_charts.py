"""The trend page's honesty rules, as a reader meets them: improvement and concern told apart by
colour and shape, limits recalculated where an editor marks a change, figures rounded (never
truncated) at one precision, ranks with their ties, suppressed periods "unknown", one wording of
the privacy rule, and the data's date and next release under every chart."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from defusedxml import ElementTree

from public_awareness.trends.models import Phase
from public_awareness.trends.series import format_value, load_series, suppression_rule

from .helpers import count_series, import_rows, make_indicator, trend_page, weeks
from .test_series import STEADY

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_trend_data")]

RULE = "Counts from 1 to 10, and any figure they could be worked out from, are not shown"


def soup_of(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def marks(svg):
    """[(kind, title)] of a chart's points, left to right."""
    found = []
    for group in svg.select(".portal-chart__mark"):
        shape = group.select_one(".portal-chart__signal, .portal-chart__point")
        kind = shape["href"].rsplit("-", 1)[-1] if shape.name == "use" else "common_cause"
        found.append((kind, group.title.text))
    return found


def test_improvement_and_concern_differ_in_colour_and_shape_by_the_indicators_direction(
    client, home_page
):
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    count_series(deaths, [*STEADY, 70])  # a week far above the limits: worse
    rate = make_indicator("TEST_RATE", unit="count", direction="higher_is_better")
    count_series(rate, [*STEADY, 70])  # the same figures, where higher is better
    page = trend_page(home_page, (deaths, "MA", False), (rate, "MA", False))
    soup = soup_of(client, page)
    death_chart, rate_chart = soup.select("svg.portal-chart__svg")

    assert marks(death_chart)[-1][0] == "special_cause_concern"
    assert marks(rate_chart)[-1][0] == "special_cause_improvement"
    # Every point is drawn as what it is: the run of ordinary weeks before the spike sits below
    # the raised average, which for deaths is a run for the better.
    kinds = [kind for kind, _ in marks(death_chart)]
    assert kinds == [p.variation for p in load_series(deaths, "MA").points]
    assert "common_cause" in kinds  # plain grey dots
    # Each kind is its own shape (a triangle for concern, a star for improvement)...
    concern = death_chart.find(id=f"{death_chart['aria-labelledby'][:-6]}-special_cause_concern")
    improvement = rate_chart.find(
        id=f"{rate_chart['aria-labelledby'][:-6]}-special_cause_improvement"
    )
    assert concern["d"].count("L") == 2 and improvement["d"].count("L") == 9
    # ... and its own colour, and the legend names both.
    last = death_chart.select(".portal-chart__mark")[-1].use
    assert "portal-chart__signal--special_cause_concern" in last["class"]
    text = soup.get_text(" ", strip=True)
    assert "Unusual change for the worse (special cause, concern): orange triangle" in text
    assert "Unusual change for the better (special cause, improvement): blue star" in text
    # The icons say the same in words, and H says the latest week is unusually high.
    icons = [(li.svg.text, li.span.text) for li in soup.select(".portal-trend__icon")]
    assert icons == [("H", "Special cause: concern"), ("H", "Special cause: improvement")]
    rows = soup.select(".portal-trend__table tbody tr")
    assert rows[len(STEADY)].find_all("td")[4].text.startswith("Yes, worse")


def test_limits_are_recalculated_from_a_phase_an_editor_marks(client, home_page):
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    higher = [v + 20 for v in STEADY]
    count_series(deaths, [*STEADY, *higher])  # a sustained shift up after week 20
    before = load_series(deaths, "MA")
    assert len({p.center for p in before.points}) == 1
    assert sum(1 for p in before.points if p.signals) > 20  # the whole run flagged for ever

    # An editor marks the change, for every place (no geography).
    Phase.objects.create(
        indicator=deaths, geography="", start=weeks(40)[20][0], reason="New coding rule"
    )
    after = load_series(deaths, "MA")
    first, second = after.points[0], after.points[-1]
    assert first.center == pytest.approx(sum(STEADY) / len(STEADY))
    assert second.center == pytest.approx(sum(higher) / len(higher))
    assert second.lower > first.upper - 5
    assert not any(p.signals for p in after.points)
    assert "Average and limits are computed afresh from May 2020: New coding rule." in (
        after.summary
    )
    soup = soup_of(client, trend_page(home_page, (deaths, "MA", False)))
    assert soup.select_one(".portal-chart__phase text").text == "New coding rule"


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "shown"),
    [
        (7.68, "count", 0, "8"),
        (28.78, "count", 0, "29"),
        (18.23, "count", 0, "18"),
        (18.5, "count", 0, "19"),
        (2.675, "rate", 2, "2.68"),  # half up from the written figure, not the binary one
        (7.68, "count", 1, "7.7"),
        (57.5, "percent", 0, "58%"),
        (1234.5, "count", 0, "1,235"),
        (-0.2, "rate", 0, "0"),
    ],
)
def test_figures_are_rounded_never_truncated(value, unit, decimals, shown):
    assert format_value(value, unit, decimals) == shown


def test_the_table_rounds_every_figure_to_the_indicators_one_precision(client, home_page):
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    values = [12, 14, 13, 15, 12, 17, 11, 16, 13, 14, 12, 15, 13, 16, 14, 12]
    count_series(deaths, values)
    series = load_series(deaths, "MA")
    lower, center, upper = series.points[0].lower, series.points[0].center, series.points[0].upper
    assert center % 1 and lower % 1  # the limits have fractions to round
    soup = soup_of(client, trend_page(home_page, (deaths, "MA", False)))
    cells = [td.text for td in soup.select(".portal-trend__table tbody tr")[0].find_all("td")]
    assert cells[1:4] == [str(round(center)), str(round(lower)), str(round(upper))]

    deaths.decimal_places = 1
    deaths.save()
    soup = soup_of(client, trend_page(home_page, (deaths, "MA", False)))
    cells = [td.text for td in soup.select(".portal-trend__table tbody tr")[0].find_all("td")]
    assert cells[0] == "12.0" and cells[1] == f"{center:.1f}"


def test_a_rank_shows_its_ties(client, home_page):
    rate = make_indicator()
    ((start, end),) = weeks(1)
    values = {"CT": 70, "MA": 58, "RI": 58.2, "VT": 57.6, "NH": 40, "US": 61}
    import_rows(
        [
            {"indicator": rate.code, "geography": g, "start": start, "end": end, "value": v}
            for g, v in values.items()
        ]
    )
    comparison = load_series(rate, "MA").comparison
    # 58, 58.2 and 57.6 are all shown as 58%: tied for 2nd to 4th of 5.
    assert (comparison.state_rank, comparison.tied_to, comparison.ranked) == (2, 4, 5)
    text = soup_of(client, trend_page(home_page, (rate, "MA", True))).get_text(" ", strip=True)
    assert "Massachusetts: 58%, tied 2nd–4th of 5 states and territories" in text

    comparison = load_series(rate, "CT").comparison
    assert comparison.rank_text == "1st" and not comparison.tied


def test_a_suppressed_period_is_unknown_and_the_privacy_rule_has_one_wording(client, home_page):
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    # Week 6 is a small count, with the publisher's own flag: its own (narrower) wording.
    import_rows(
        [
            {
                "indicator": deaths.code,
                "geography": "MA",
                "start": start,
                "end": end,
                "value": 4 if week == 5 else value,
                "footnote": "Suppressed (counts 1-9)" if week == 5 else "",
            }
            for week, ((start, end), value) in enumerate(
                zip(weeks(len(STEADY) + 1), [*STEADY[:5], 4, *STEADY[5:]], strict=True)
            )
        ]
    )
    page = trend_page(home_page, (deaths, "MA", False))
    soup = soup_of(client, page)
    gap = soup.select(".portal-trend__table tbody tr")[5].find_all("td")
    assert gap[0].text == "Not shown"
    assert gap[4].text == "Unknown: no value for this period"  # not "No"
    assert gap[-1].text == suppression_rule(10)
    text = soup.get_text(" ", strip=True)
    assert "counts 1-9" not in text and "1 to 10" not in text.replace(RULE, "")
    assert text.count(RULE) == 2  # the gap's note and the chart's privacy note

    metadata_url = f"{page.url}data/{deaths.code}/metadata/"
    metadata = client.get(metadata_url).json()
    assert metadata["suppression"] == suppression_rule(10)
    rows = list(csv.DictReader(io.StringIO(client.get(f"{page.url}data/TEST_DEATHS/csv/").text)))
    assert rows[5]["variation"] == "unknown" and rows[5]["footnotes"] == ""


def test_the_csv_is_a_plain_table_described_by_a_json_side_file(client, home_page):
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    count_series(deaths, STEADY)
    page = trend_page(home_page, (deaths, "MA", False))
    response = client.get(f"{page.url}data/TEST_DEATHS/csv/")
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("period_start,period_end,value,")
    assert not any(line.startswith("#") for line in lines)
    rows = list(csv.DictReader(lines))
    assert len(rows) == len(STEADY) and rows[0]["value"] == "20"

    link = response["Link"]
    assert link.endswith('>; rel="describedby"; type="application/json"')
    metadata = json.loads(client.get(link[1 : link.index(">")]).content)
    assert [column["name"] for column in metadata["columns"]] == list(rows[0])
    assert metadata["indicator"] == "TEST_DEATHS" and metadata["geography"] == "MA"
    assert metadata["license"]["url"] == "https://creativecommons.org/licenses/by/4.0/"


def test_every_chart_says_its_data_date_and_next_release_and_links_its_license(client, home_page):
    deaths = make_indicator(
        "TEST_DEATHS",
        unit="count",
        direction="lower_is_better",
        release_schedule="none: these counts are final",
    )
    count_series(deaths, STEADY)
    rate = make_indicator(next_release="2024-01-31", release_schedule="quarterly")
    ((start, end),) = weeks(1)
    import_rows(
        [
            {"indicator": rate.code, "geography": g, "start": start, "end": end, "value": v}
            for g, v in {"MA": 58, "CT": 70, "US": 61}.items()
        ]
    )
    soup = soup_of(client, trend_page(home_page, (deaths, "MA", True), (rate, "MA", True)))
    charts = soup.select("figure.portal-chart")
    sources = [p.text for p in soup.select(".portal-chart__source")]
    assert len(sources) == len(charts) == 2  # the deaths over time; the states compared
    assert all("Data as of " in text for text in sources)
    assert "Next expected release: none: these counts are final." in sources[0]
    assert "Next expected release: January 31, 2024 (quarterly)." in sources[1]
    licenses = soup.select('a[rel="license"]')
    assert [a["href"] for a in licenses] == ["https://creativecommons.org/licenses/by/4.0/"] * 2


def test_a_percentage_of_a_few_periods_is_a_table_not_a_line_chart(client, home_page):
    rate = make_indicator()
    rows = []
    for (start, end), (ma, ct) in zip(weeks(3), [(56, 70), (58, 71), (58, 69)], strict=True):
        rows += [
            {"indicator": rate.code, "geography": g, "start": start, "end": end, "value": v}
            for g, v in {"MA": ma, "CT": ct, "US": 61}.items()
        ]
    import_rows(rows)
    soup = soup_of(client, trend_page(home_page, (rate, "MA", True)))
    assert not soup.select(".portal-chart__values")  # no line through three points
    periods = soup.select(".portal-trend__periods tbody tr")
    assert [[td.text for td in row.find_all("td")][:2] for row in periods] == [
        ["56%", "61%"],
        ["58%", "61%"],
        ["58%", "61%"],
    ]
    (svg,) = soup.select("svg.portal-chart__svg")  # the states compared, as dots
    assert len(svg.select(".portal-chart__dot")) == 2


def test_each_chart_downloads_as_svg_and_png(client, home_page):
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    count_series(deaths, STEADY)
    page = trend_page(home_page, (deaths, "MA", False))
    soup = soup_of(client, page)
    links = [a["href"] for a in soup.select(".portal-trend__links a[download]")]
    svg_url = next(link for link in links if link.endswith("/trend/svg/"))
    png_url = next(link for link in links if link.endswith("/trend/png/"))

    response = client.get(svg_url)
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert 'filename="TEST_DEATHS-MA-trend.svg"' in response["Content-Disposition"]
    drawing = ElementTree.fromstring(response.content)  # well-formed, on its own
    texts = " ".join(drawing.itertext())
    assert "Test indicator TEST_DEATHS: Massachusetts" in texts
    assert "Data as of " in texts and suppression_rule(10) in texts

    png = client.get(png_url)
    assert png["Content-Type"] == "image/png"
    assert png.content.startswith(b"\x89PNG\r\n\x1a\n")
    assert client.get(svg_url.replace("/trend/", "/comparison/")).status_code == 404


def test_the_embed_code_can_be_copied(client, home_page):
    deaths = make_indicator("TEST_DEATHS", unit="count", direction="lower_is_better")
    count_series(deaths, STEADY)
    page = trend_page(home_page, (deaths, "MA", False))
    soup = soup_of(client, page)
    code = soup.select_one("textarea.portal-trend__embed-code")
    assert code.has_attr("readonly")
    assert soup.find("label", attrs={"for": code["id"]})
    iframe = BeautifulSoup(code.text, "html.parser").iframe
    assert iframe["src"] == f"http://testserver{page.url}embed/TEST_DEATHS/"
    assert iframe["title"] == "Test indicator TEST_DEATHS: Massachusetts"
    assert client.get(iframe["src"]).status_code == 200
