"""The collaborative's pooled months (collaborative.pooling) follow every change to what they
pool, through the paths people use: a month submitted and reopened on its page, a site's
simulated flag, a site removed, a measure's kind changed; and the command that pools again
after a change made any other way. Each time, what is kept equals pooling afresh."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from collaborative import chart_data, pooling
from collaborative.models import MeasureValue, PooledFigure, Submission

from .test_charts import add_sites, count_history, month, ratio_history
from .test_months import PERIOD, REOPEN, URL, complete

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def kept():
    fields = [f.attname for f in PooledFigure._meta.concrete_fields if not f.primary_key]
    return sorted(PooledFigure.objects.values_list(*fields), key=repr)


def afresh():
    """What pooling every month from scratch keeps (the kept rows are put back afterwards)."""
    before = kept()
    pooling.refresh()
    fresh = kept()
    assert before == fresh, "the kept pools differ from pooling afresh"
    return fresh


def pool_of(measure, period, stratum=None):
    return PooledFigure.objects.filter(measure=measure, period=period, stratum=stratum).first()


@pytest.fixture
def others(sites, measures):
    """Two more sites that submitted PERIOD: 20 of 40 and 10 of 40 assessments, 3 deaths each."""
    extra = add_sites(2)
    for site, numerator in zip(extra, (20, 10), strict=True):
        ratio_history(site, measures["ASSESS-20"], [(numerator, 40)], first=PERIOD)
        count_history(site, measures["DEATHS-30"], [3], first=PERIOD)
    return extra


def test_a_month_joins_the_pool_when_submitted_and_leaves_it_when_reopened(
    clients, sites, measures, others
):
    manager = clients["data_manager"]
    assess = measures["ASSESS-20"]
    assert (pool_of(assess, PERIOD).numerator, pool_of(assess, PERIOD).sites) == (30, 2)

    manager.post(URL, {**complete(measures), "action": "save"})  # a draft pools nothing
    assert pool_of(assess, PERIOD).sites == 2
    manager.post(URL, {**complete(measures), "action": "submit"})
    pooled = pool_of(assess, PERIOD)
    assert (pooled.numerator, pooled.denominator, pooled.sites) == (60, 140, 3)
    assert (pooled.most_numerator, pooled.most_denominator, pooled.most_left) == (30, 60, 30)
    assert pool_of(measures["DEATHS-30"], PERIOD).count == 3 + 3 + 2
    afresh()

    manager.post(REOPEN, {"reason": "Two deaths were counted twice."})
    assert Submission.objects.get(site=sites["north"], period=PERIOD).status == "draft"
    pooled = pool_of(assess, PERIOD)
    assert (pooled.numerator, pooled.denominator, pooled.sites) == (30, 80, 2)
    afresh()


def test_a_site_marked_simulated_in_the_admin_is_counted_so(sites, measures, others):
    assess = measures["ASSESS-20"]
    assert pool_of(assess, PERIOD).simulated_sites == 0
    site = others[0]
    site.simulated = True
    site.save()
    assert pool_of(assess, PERIOD).simulated_sites == 1
    months = chart_data.load([assess], site=sites["north"], pooled=True).pooled_months(assess)
    assert months[PERIOD].simulated
    afresh()


def pooling_queries(change):
    """The SQL that touched the pooled figures while change() ran."""
    with CaptureQueriesContext(connection) as queries:
        change()
    return [q["sql"] for q in queries if PooledFigure._meta.db_table in q["sql"]]


def test_saving_a_site_or_measure_pools_again_only_when_what_pools_changes(sites, measures, others):
    site, deaths = others[0], measures["DEATHS-30"]
    site.left_on = datetime.date(2026, 6, 30)
    deaths.name = "Deaths within 30 days of recognition"
    assert pooling_queries(site.save) == []
    assert pooling_queries(deaths.save) == []
    site.simulated = True
    assert pooling_queries(site.save)
    afresh()


def test_a_site_removed_leaves_the_pool(measures, others):
    others[0].delete()  # its months go with it, as in the admin
    pooled = pool_of(measures["ASSESS-20"], PERIOD)
    assert (pooled.numerator, pooled.sites) == (10, 1)
    afresh()


def test_a_measure_whose_kind_changes_pools_the_figures_of_its_new_kind(measures, others):
    deaths = measures["DEATHS-30"]
    assert pool_of(deaths, PERIOD).count == 6
    MeasureValue.objects.filter(measure=deaths).update(numerator=1, denominator=3)
    deaths.kind = "ratio"
    deaths.save()
    pooled = pool_of(deaths, PERIOD)
    assert (pooled.numerator, pooled.denominator, pooled.count) == (2, 6, None)
    afresh()


def test_strata_pool_only_beside_the_sites_all_patients_figure(measures, others, age_bands):
    assess = measures["ASSESS-20"]
    band = age_bands.strata.first()
    first, second = (Submission.objects.get(site=site, period=PERIOD) for site in others)
    MeasureValue.objects.create(
        submission=first, measure=assess, stratum=band, numerator=5, denominator=9
    )
    MeasureValue.objects.filter(submission=second, measure=assess).update(numerator=None)
    MeasureValue.objects.create(
        submission=second, measure=assess, stratum=band, numerator=7, denominator=8
    )
    pooling.refresh(periods=[PERIOD])
    pooled = pool_of(assess, PERIOD, band)
    assert (pooled.numerator, pooled.denominator, pooled.sites) == (5, 9, 1)
    assert pool_of(assess, PERIOD).sites == 1


def test_the_command_pools_again_after_a_change_made_elsewhere(measures, others):
    MeasureValue.objects.filter(measure=measures["DEATHS-30"]).update(count=40)  # a shell
    assert pool_of(measures["DEATHS-30"], PERIOD).count == 6
    out = StringIO()
    call_command("refresh_pooled_figures", stdout=out)
    assert pool_of(measures["DEATHS-30"], PERIOD).count == 80
    assert out.getvalue().startswith("Pooled figures refreshed: ")


def test_refreshing_one_month_leaves_the_others(measures, others):
    later = month(1, PERIOD)
    ratio_history(others[0], measures["ASSESS-20"], [(1, 2)], first=later)
    before = pool_of(measures["ASSESS-20"], PERIOD).pk
    pooling.refresh(periods=[later])
    assert pool_of(measures["ASSESS-20"], PERIOD).pk == before
