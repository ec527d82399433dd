"""The collaborative's public results page (a Wagtail page): the pooled charts of the measures
staff publish and nothing else, no site named, small cells suppressed, cacheable like every public
page, each chart's CSV beside it."""

import csv
import io

import pytest
from bs4 import BeautifulSoup
from django.test import Client

from collaborative.models import CollaborativePage

from .test_charts import add_sites, count_history, ratio_history

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

SITE_NAMES = ("North Shore Medical Center", "South Coast Hospital", "Extra Hospital")


@pytest.fixture
def results_page(home_page):
    """The demo's results page (the demo builds one), else a new one."""
    page = CollaborativePage.objects.child_of(home_page).first()
    if page is None:
        page = home_page.add_child(
            instance=CollaborativePage(
                title="Collaborative results",
                slug="collaborative",
                introduction="Pooled figures of the collaborative.",
            )
        )
    return page


@pytest.fixture
def history(sites, measures):
    """Six months of five sites: assessment (published) and deaths (not published)."""
    measures["ASSESS-20"].publish_aggregate = True
    measures["ASSESS-20"].save()
    everyone = [sites["north"], sites["south"], *add_sites(3)]
    for number, site in enumerate(everyone):
        ratio_history(site, measures["ASSESS-20"], [(30 + number, 60)] * 6)
        count_history(site, measures["DEATHS-30"], [12 + number] * 6)
    return everyone


def test_anyone_reads_the_published_pooled_figures_and_no_site(results_page, history):
    response = Client().get(results_page.url)
    assert response.status_code == 200
    assert response["Cache-Control"].startswith("public")
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [h.get_text(strip=True) for h in soup.select("section.portal-trend h2")]
    assert headings == ["First assessment with full vital signs within 20 minutes"]
    text = soup.get_text(" ", strip=True)
    for name in SITE_NAMES:
        assert name not in text
    assert "NORTH" not in response.content.decode()
    # Pooled: 30..34 of 60 at five sites each month, 160 of 300.
    assert "53.3%" in text


def test_a_month_with_too_few_sites_is_not_shown(results_page, sites, measures):
    measures["ASSESS-20"].publish_aggregate = True
    measures["ASSESS-20"].save()
    for site in (sites["north"], sites["south"]):
        ratio_history(site, measures["ASSESS-20"], [(30, 60)] * 3)
    text = BeautifulSoup(Client().get(results_page.url).content, "html.parser").get_text(" ")
    assert "50.0%" not in text
    assert "No figures of the collaborative can be shown yet." in text


def test_the_csv_holds_the_charts_figures_of_published_measures_only(results_page, history):
    response = Client().get(f"{results_page.url}data/ASSESS-20/csv/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="collaborative-ASSESS-20.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert any("160" in row and "300" in row for row in rows)
    flat = " ".join(" ".join(row) for row in rows)
    for name in SITE_NAMES:
        assert name not in flat
    assert Client().get(f"{results_page.url}data/DEATHS-30/csv/").status_code == 404
    assert Client().get(f"{results_page.url}data/NO-SUCH/csv/").status_code == 404


def test_simulated_figures_say_so(results_page, sites, measures):
    measures["ASSESS-20"].publish_aggregate = True
    measures["ASSESS-20"].save()
    for site in add_sites(3, simulated=True, prefix="DEMO"):
        ratio_history(site, measures["ASSESS-20"], [(30, 60)] * 3)
    text = BeautifulSoup(Client().get(results_page.url).content, "html.parser").get_text(" ")
    assert "These figures are simulated for demonstration" in text
