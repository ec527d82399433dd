"""A site's chart pages and CSV, from every role: who may open them, what they show (the chart
beside the collaborative's, the comparison de-identified, the data table, the definition history,
the tests of change), that the CSV holds the same figures made formula-safe, and that the
measure page's queries do not grow with the length of the history."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaborative.models import PDSACycle, Stratum, Submission

from .test_charts import add_sites, count_history, month, ratio_history, submit

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

ROLES_WHO_SEE_NORTH = ("data_manager", "team", "coach", "superuser")


@pytest.fixture
def history(sites, measures):
    """Six months of every site of four (North, South and two more), a ratio and a count."""
    everyone = [sites["north"], sites["south"], *add_sites(2)]
    for number, site in enumerate(everyone):
        ratio_history(site, measures["ASSESS-20"], [(30 + number, 60)] * 6)
        count_history(site, measures["DEATHS-30"], [12 + number] * 6)
    return everyone


def urls(code="NORTH", measure="ASSESS-20"):
    return {
        "charts": reverse("collaborative:site_charts", args=[code]),
        "measure": reverse("collaborative:site_measure_chart", args=[code, measure]),
        "csv": reverse("collaborative:site_measure_csv", args=[code, measure]),
    }


def test_every_role_gets_what_access_decides_and_nothing_is_cached(clients, history):
    for name, url in urls().items():
        anonymous = clients["anonymous"].get(url)
        assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"], name
        for role in ("outsider", "other_site"):
            # Another site's code tells them nothing: as if it did not exist.
            assert clients[role].get(url).status_code == 404, (name, role)
        for role in ROLES_WHO_SEE_NORTH:
            response = clients[role].get(url)
            assert response.status_code == 200, (name, role)
            assert response["Cache-Control"] == "private, no-store", (name, role)
    assert clients["coach"].get(urls(measure="NO-SUCH")["measure"]).status_code == 404


def test_the_charts_page_summarizes_every_measure_and_links_to_each(clients, history, measures):
    soup = BeautifulSoup(clients["team"].get(urls()["charts"]).content, "html.parser")
    links = [a["href"] for a in soup.select(".usa-card__heading a")]
    assert links == [
        reverse("collaborative:site_measure_chart", args=["NORTH", code])
        for code in ("ASSESS-20", "BARRIERS", "DEATHS-30", "TIME-ZERO")
    ]
    text = soup.get_text(" ", strip=True)
    assert "Latest 50% (Jun 2025)." in text
    assert "All sites: Latest 52.5% (Jun 2025)." in text


def test_the_measure_page_shows_the_chart_beside_the_collaboratives(clients, history, measures):
    cycle = PDSACycle.objects.create(
        site=history[0], title="Sepsis huddle", plan="x", started_on=month(2)
    )
    cycle.measures.add(measures["ASSESS-20"])
    soup = BeautifulSoup(clients["team"].get(urls()["measure"]).content, "html.parser")
    svgs = soup.select("svg.portal-chart__svg")
    own = svgs[0]
    assert soup.find(id=own["aria-labelledby"]).text == (
        "First assessment with full vital signs within 20 minutes: North Shore Medical Center, "
        "each month"
    )
    assert soup.find(id=own["aria-describedby"]).text.startswith("Latest 50% (Jun 2025).")
    assert len(own.select(".portal-chart__point, .portal-chart__signal")) == 6
    assert len(own.select(".portal-chart__national-point")) == 6  # the collaborative beside it
    assert own.select_one(".portal-chart__annotation title").text == "1: Sepsis huddle"
    all_sites = soup.find(id=svgs[1]["aria-labelledby"]).text
    assert all_sites.startswith("First assessment with full vital signs within 20 minutes: all")
    tables = soup.select(".portal-trend__table table")
    rows = tables[0].select("tbody tr")
    assert [r.th.text for r in rows][:2] == ["Jan 2025", "Feb 2025"]
    assert [td.text for td in rows[0].find_all("td")][:3] == ["50%", "30", "60"]
    assert "Test of change 1 began: Sepsis huddle." in rows[2].text
    aggregate_rows = tables[1].select("tbody tr")
    assert [td.text for td in aggregate_rows[0].find_all("td")][:4] == ["52.5%", "126", "240", "4"]
    text = soup.get_text(" ", strip=True)
    assert "How it is measured" in text and "Who is counted, from time zero." in text
    assert "From Jan 2025: First definition" in text
    assert soup.select_one("a[download]")["href"] == urls()["csv"]


def test_other_sites_appear_only_by_pseudonym_with_no_name_city_or_size(clients, sites, history):
    south = sites["south"]
    south.organization.city = "Fall River"
    south.organization.save()
    html = clients["team"].get(urls()["measure"]).content.decode()
    soup = BeautifulSoup(html, "html.parser")
    comparison = soup.find(id="comparison-compare").find_parent("section")
    rows = comparison.select("tbody tr")
    names = [row.th.text for row in rows]
    assert set(names) == {"North Shore Medical Center", *(s.pseudonym for s in history[1:])}
    for row in rows:  # a percentage, never a count
        assert row.td.text.endswith("%")
    for secret in ("South Coast Hospital", "Fall River", "SOUTH", "EXTRA-0", "Extra Hospital"):
        assert secret not in html
    # Coaches see every site by name.
    coach = clients["coach"].get(urls()["measure"]).content.decode()
    assert "South Coast Hospital" in coach


def test_a_count_is_not_compared_between_sites(clients, history):
    soup = BeautifulSoup(
        clients["team"].get(urls(measure="DEATHS-30")["measure"]).content, "html.parser"
    )
    assert soup.find(id="comparison-compare") is None
    assert "All sites of the collaborative" in soup.text


def test_the_csv_holds_the_pages_figures_made_formula_safe(clients, sites, history, measures):
    response = clients["data_manager"].get(urls()["csv"])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="NORTH-ASSESS-20.csv"' in response["Content-Disposition"]
    text = response.content.decode()
    assert "# Measure: ASSESS-20: First assessment" in text
    assert "# Chart: Run chart (median, Anhøj's rules)" in text
    rows = list(
        csv.DictReader(
            io.StringIO("\n".join(line for line in text.splitlines() if not line.startswith("#")))
        )
    )
    own = [r for r in rows if r["series"] == "North Shore Medical Center"]
    assert [(r["month"], r["value"], r["numerator"], r["denominator"]) for r in own][:2] == [
        ("2025-01", "50", "30", "60"),
        ("2025-02", "50", "30", "60"),
    ]
    pooled = [r for r in rows if r["series"] == "All sites"]
    assert [(r["value"], r["sites_pooled"]) for r in pooled][0] == ("52.5", "4")
    compared = [r for r in rows if r["note"].startswith("comparison")]
    assert {r["series"] for r in compared} >= {history[1].pseudonym}
    assert all(r["numerator"] == "" for r in compared)

    submit(sites["north"], month(0), measures["BARRIERS"], text='=HYPERLINK("http://x")')
    text = clients["data_manager"].get(urls(measure="BARRIERS")["csv"]).content.decode()
    assert "'=HYPERLINK" in text
    assert clients["other_site"].get(urls(measure="BARRIERS")["csv"]).status_code == 404


def test_simulated_figures_say_so(clients, sites, history):
    north = sites["north"]
    north.simulated = True
    north.save()
    text = clients["team"].get(urls()["measure"]).content.decode()
    assert "These figures are simulated for demonstration" in text


def build_history(everyone, measures, months, age_bands):
    """``months`` of the sites' ratios (with strata), counts and texts, and tests of change."""
    strata = list(Stratum.objects.filter(stratification=age_bands))
    for offset in range(months):
        period = month(offset)
        for number, site in enumerate(everyone):
            assess = measures["ASSESS-20"]
            submit(site, period, assess, numerator=30 + number, denominator=60)
            for stratum in strata:
                submit(site, period, assess, stratum=stratum, numerator=10, denominator=20)
            submit(site, period, measures["DEATHS-30"], count=12)
            submit(site, period, measures["BARRIERS"], text="Short staffed")
        if offset % 6 == 0:
            cycle = PDSACycle.objects.create(
                site=everyone[0], title=f"Test {offset}", plan="x", started_on=period
            )
            cycle.measures.add(measures["ASSESS-20"])


@pytest.mark.parametrize("role", ["team", "coach"])
def test_the_measure_pages_queries_do_not_grow_with_the_months(
    clients, sites, measures, age_bands, role
):
    everyone = [sites["north"], sites["south"], *add_sites(2)]
    counts = {}
    for months in (6, 30):
        Submission.objects.all().delete()
        PDSACycle.objects.all().delete()
        build_history(everyone, measures, months, age_bands)
        for name, url in urls().items():
            clients[role].get(url)  # the site's frame (menus, settings) is remembered after this
            with CaptureQueriesContext(connection) as queries:
                assert clients[role].get(url).status_code == 200
            counts.setdefault(name, []).append(len(queries))
    for name, (short, long) in counts.items():
        assert short == long, (name, short, long)
    print(f"\nqueries ({role}), 6 and 30 months: {counts}")
