"""The collaborative's pages and reports read their figures in a fixed number of queries: as
many for 6 months of history as for 30, and as many for 4 sites as for 8. A site's report as
it is written (reports.site_report_html) and as its page serves it, the site's charts page, and
the coaches' page with the sites still to submit, and their pages of each kind of measure with
the small multiples.

scripts/bench_collaborative.py prints the same counts, and the time, at 200 sites × 30
measures × 10 years."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collaborative import charts, pooling, reports
from collaborative.models import (
    MeasureValue,
    PDSACycle,
    SiteDefinitionChange,
    Stratum,
    Submission,
)

from .test_charts import add_sites, month

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]

FEW, MANY = 6, 30


def build(everyone, measures, months, age_bands, coach):
    """``months`` submitted months of each site, in bulk: every kind of measure (the ratio by
    age band too), a test of change and a definition change a site. Every site has a coach, so
    that the coaches' page names one for each site still to submit."""
    Submission.objects.all().delete()
    PDSACycle.objects.all().delete()
    SiteDefinitionChange.objects.all().delete()
    strata = list(Stratum.objects.filter(stratification=age_bands))
    for number, site in enumerate(everyone):
        site.coach = coach
        site.save()
        Submission.objects.bulk_create(
            Submission(site=site, period=month(offset), status=Submission.Status.SUBMITTED)
            for offset in range(months)
        )
        values = []
        for submission in Submission.objects.filter(site=site):
            values += [
                MeasureValue(
                    submission=submission,
                    measure=measures["ASSESS-20"],
                    numerator=30 + number,
                    denominator=60,
                ),
                *[
                    MeasureValue(
                        submission=submission,
                        measure=measures["ASSESS-20"],
                        stratum=stratum,
                        numerator=10,
                        denominator=20,
                    )
                    for stratum in strata
                ],
                MeasureValue(submission=submission, measure=measures["DEATHS-30"], count=12),
                MeasureValue(
                    submission=submission,
                    measure=measures["TIME-ZERO"],
                    category="arrival",
                    count=20 + number,
                ),
                MeasureValue(
                    submission=submission,
                    measure=measures["TIME-ZERO"],
                    category="vitals",
                    count=15,
                ),
                MeasureValue(
                    submission=submission, measure=measures["BARRIERS"], text="Short staffed"
                ),
            ]
        MeasureValue.objects.bulk_create(values)
        cycle = PDSACycle.objects.create(
            site=site, title=f"Huddle {number}", plan="x", started_on=month(months // 2)
        )
        cycle.measures.add(measures["ASSESS-20"])
        SiteDefinitionChange.objects.create(
            site=site, effective_from=month(months // 3), description="Time zero from the alert"
        )
    pooling.refresh()


def queries(do):
    do()  # the first time reads what is remembered afterwards (the site's frame, settings)
    with CaptureQueriesContext(connection) as captured:
        do()
    return len(captured)


def counted(clients, role, period, north):
    """{what: queries} of each page the role may open, and of the report as it is written."""
    client = clients[role]
    reports.make_reports(period)
    report_url = reverse("collaborative:site_report", args=[north.code, f"{period:%Y-%m}"])
    urls = {
        "report page": report_url,
        "charts page": reverse("collaborative:site_charts", args=[north.code]),
    }
    if role == "coach":
        urls["coaches' page"] = reverse("collaborative:coach_home")
        for code in ("ASSESS-20", "DEATHS-30", "TIME-ZERO", "BARRIERS"):
            urls[f"coaches' {code} page"] = reverse("collaborative:coach_measure", args=[code])
    counts = {}
    for name, url in urls.items():

        def get(url=url):
            assert client.get(url).status_code == 200

        counts[name] = queries(get)
    counts["site_report_html"] = queries(lambda: reports.site_report_html(north, period))
    return counts


@pytest.mark.parametrize("role", ["data_manager", "coach"])
def test_the_queries_do_not_grow_with_the_months(clients, people, sites, measures, age_bands, role):
    everyone = [sites["north"], sites["south"], *add_sites(2)]
    counts = {}
    for months in (FEW, MANY):
        build(everyone, measures, months, age_bands, people["coach"])
        for name, count in counted(clients, role, month(months - 1), sites["north"]).items():
            counts.setdefault(name, []).append(count)
    for name, (few, many) in counts.items():
        assert few == many, (name, few, many)
    print(f"\nqueries ({role}), {FEW} and {MANY} months: {counts}")


@pytest.mark.parametrize("role", ["data_manager", "coach"])
def test_the_queries_do_not_grow_with_the_sites(clients, people, sites, measures, age_bands, role):
    """The coaches' page names every site still to submit, with its coach: read with the
    sites, not one query a site."""
    everyone = [sites["north"], sites["south"], *add_sites(2)]
    counts = {}
    for more in (0, 4):
        everyone += add_sites(more, prefix=f"MORE{len(everyone)}")
        build(everyone, measures, FEW, age_bands, people["coach"])
        for name, count in counted(clients, role, month(FEW - 1), sites["north"]).items():
            counts.setdefault(name, []).append(count)
    for name, (few, many) in counts.items():
        assert few == many, (name, few, many)
    print(f"\nqueries ({role}), 4 and 8 sites: {counts}")


def test_the_coaches_page_lists_the_sites_still_to_submit_with_their_coach(
    clients, people, sites, measures, age_bands
):
    """The page that is counted shows what it should: every site, every site to submit."""
    everyone = [sites["north"], sites["south"], *add_sites(2)]
    build(everyone, measures, FEW, age_bands, people["coach"])
    text = clients["coach"].get(reverse("collaborative:coach_home")).content.decode()
    # The history ends long before the latest month due: no site has submitted it.
    assert text.count("Casey Coach") == len(everyone)
    for site in everyone:
        assert str(site.organization) in text


def test_a_measure_page_shows_one_page_of_sites_in_as_many_queries(
    clients, people, sites, measures, age_bands, monkeypatch
):
    """The coaches' page of a measure draws a page of sites at a time, by name, in the same
    number of queries whichever page and however many sites; the pooled chart is of them all."""
    monkeypatch.setattr(charts, "SITES_PER_PAGE", 3)
    everyone = [sites["north"], sites["south"], *add_sites(5)]
    build(everyone, measures, FEW, age_bands, people["coach"])
    names = sorted(str(site.organization) for site in everyone)
    url = reverse("collaborative:coach_measure", args=["ASSESS-20"])
    shown, counts = [], []
    for number in (1, 2, 3):
        response = clients["coach"].get(url, {"page": number})
        page_sites = [m.label for m in response.context["panel"].multiples]
        assert page_sites == names[(number - 1) * 3 : number * 3]
        shown += page_sites
        text = response.content.decode()
        assert f"Sites {(number - 1) * 3 + 1} to {min(number * 3, 7)} of 7, by name." in text
        assert ('href="?page=' + str(number + 1) + '"' in text) == (number < 3)
        counts.append(queries(lambda n=number: clients["coach"].get(url, {"page": n})))
    assert shown == names
    assert len(set(counts)) == 1, counts
    aggregate = response.context["panel"].aggregate
    # Every site's 30 + number of 60 a month, pooled over the seven sites.
    numerator = sum(30 + n for n in range(len(everyone)))
    assert {p.cell.numerator for p in aggregate.chart.series.points} == {numerator}
    assert {p.sites for p in aggregate.chart.series.points} == {len(everyone)}
