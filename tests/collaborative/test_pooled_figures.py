"""The collaborative's pooled months, two ways: summed by the database for a site's own pages
(chart_data.load(pooled=True): sums, sites and each count's largest) and pooled from every
site's figures (the coaches' pages, the monthly reports, a measure's page). Both must show the
same: the same pools, the same months suppressed, the same charts and summaries."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from collaborative import chart_data, charts, pooling
from collaborative.chart_privacy import Cell, pool, pooled, pooled_publishable, publishable
from collaborative.models import MeasureValue, Submission

from .test_charts import add_sites, month

pytestmark = pytest.mark.postgresql

LIMIT = 10
counts = st.integers(min_value=0, max_value=40)
ratios = st.tuples(counts, counts).map(lambda pair: Cell(min(pair), max(pair)))
sites_cells = st.one_of(
    st.lists(ratios, min_size=1, max_size=7), st.lists(counts.map(Cell), min_size=1, max_size=7)
)


@given(cells=sites_cells, limit=st.integers(min_value=0, max_value=12))
def test_the_sums_and_maxima_tell_what_every_sites_figures_tell(cells, limit):
    month = pooled(cells)
    assert month.cell == pool(cells)
    assert month.sites == len(cells)
    by_site = dict(enumerate(cells))
    assert pooled_publishable(month, limit) == publishable(by_site, limit)


def test_nothing_pools_to_nothing():
    assert pooled([]) is None


@pytest.fixture
def mixed_history(sites, measures, people, age_bands):
    """Two years of eight sites, large and small, with gaps, drafts, a simulated site and
    months that only two sites submitted: some months are shown, some suppressed. Most months
    give the assessments by age band too, and a few only by age band (no all-patients figure:
    a month the collaborative does not pool)."""
    bands = list(age_bands.strata.all())
    rng = random.Random(17)  # noqa: S311 - test data, not secrets
    everyone = [
        sites["north"],
        sites["south"],
        *add_sites(5),
        *add_sites(1, simulated=True, prefix="SIM"),
    ]
    for number, site in enumerate(everyone):
        size = rng.choice([4, 12, 40, 90])
        for offset in range(24):
            if rng.random() < 0.1 or (offset >= 20 and number >= 2):
                continue  # a gap, or the months that only North and South submitted
            status = Submission.Status.DRAFT if rng.random() < 0.1 else "submitted"
            submission = Submission.objects.create(site=site, period=month(offset), status=status)
            denominator = rng.randint(0, size)
            whole = rng.random() < 0.9
            MeasureValue.objects.create(
                submission=submission,
                measure=measures["ASSESS-20"],
                numerator=rng.randint(0, denominator) if whole else None,
                denominator=denominator if whole else None,
            )
            for band in bands if rng.random() < 0.7 else ():
                part = rng.randint(0, size // 3)
                MeasureValue.objects.create(
                    submission=submission,
                    measure=measures["ASSESS-20"],
                    stratum=band,
                    numerator=rng.randint(0, part),
                    denominator=part,
                )
            if rng.random() < 0.9:
                MeasureValue.objects.create(
                    submission=submission,
                    measure=measures["DEATHS-30"],
                    count=rng.randint(0, size // 4),
                )
    pooling.refresh()  # made directly: pooled as submitting each month would pool it
    return everyone


@pytest.mark.django_db
@pytest.mark.bare
def test_the_database_pools_as_the_sites_figures_do(mixed_history, measures):
    active = charts.active_measures()
    whole = chart_data.load(active)
    summed = chart_data.load(active, site=mixed_history[0], pooled=True)
    for code in ("ASSESS-20", "DEATHS-30"):
        measure = measures[code]
        assert summed.pooled_months(measure) == whole.pooled_months(measure), code
        # Only the site's own figures are read besides.
        assert set(summed.by_site(measure)) == {mixed_history[0].pk}
        assert len(whole.by_site(measure)) == len(mixed_history)
        shown = [pooled_publishable(m.pool, LIMIT) for m in whole.pooled_months(measure).values()]
        assert any(shown) and not all(shown), "some months should be shown, and some not"


@pytest.mark.django_db
@pytest.mark.bare
@pytest.mark.parametrize("role", ["team", "coach"])
def test_a_sites_charts_are_the_same_however_the_months_are_pooled(
    mixed_history, people, sites, role
):
    viewer = people[role]
    north = sites["north"]
    summed = charts.site_charts(north, viewer)  # pooled by the database
    whole = charts.site_charts(north, viewer, data=chart_data.load(charts.active_measures()))
    assert len(summed) == len(whole)
    for one, other in zip(summed, whole, strict=True):
        assert one.summary == other.summary
        for chart_of in (lambda f: f.chart, lambda f: f.aggregate and f.aggregate.chart):
            a, b = chart_of(one), chart_of(other)
            assert bool(a) == bool(b)
            if not a:
                continue
            assert a.id == b.id and a.summary == b.summary and a.headline == b.headline
            assert [
                (p.period, p.cell, p.gap, p.sites, p.simulated, p.beside, p.signals)
                for p in a.series.points
            ] == [
                (p.period, p.cell, p.gap, p.sites, p.simulated, p.beside, p.signals)
                for p in b.series.points
            ]
            assert a.time_chart == b.time_chart
            assert a.rows == b.rows


@pytest.mark.django_db
@pytest.mark.bare
def test_a_coachs_measure_page_pools_as_every_sites_figures_do(mixed_history, people, measures):
    """The coaches' page of a measure reads only its page of sites and has the database pool
    the collaborative's months and strata: the same chart and strata table as from every
    site's figures."""
    coach = people["coach"]
    for code in ("ASSESS-20", "DEATHS-30"):
        measure = measures[code]
        page = charts.coach_measure(measure, coach).aggregate
        whole = charts.aggregate_chart(measure, coach)
        assert page.chart.summary == whole.chart.summary
        assert page.chart.time_chart == whole.chart.time_chart
        assert page.chart.rows == whole.chart.rows
        assert bool(page.strata) == bool(whole.strata) == (code == "ASSESS-20")
        if page.strata:
            assert page.strata.rows == whole.strata.rows
            assert page.strata.csv_rows == whole.strata.csv_rows
            assert any(text for _month, texts in page.strata.rows for text in texts)


@pytest.mark.django_db
@pytest.mark.bare
def test_strata_pooled_by_the_database_are_never_shown_protected(mixed_history, measures):
    data = chart_data.load([measures["ASSESS-20"]], sites=[], strata=True, pooled=True)
    with pytest.raises(ValueError, match="cannot be protected"):
        charts.aggregate_chart(measures["ASSESS-20"], None, data=data)
