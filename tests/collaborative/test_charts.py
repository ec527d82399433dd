"""The collaborative's charts as plain functions (collaborative.charts and its chart_* modules):
which months count, which chart is drawn, phases and tests of change, the plain-language
summary, the pooled series, and what other sites and the public may see of it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from collaborative import chart_privacy, charts, periods, pooling
from collaborative.chart_privacy import Cell, hidden_cells, publishable
from collaborative.chart_series import MIN_POINTS_FOR_LIMITS
from collaborative.models import (
    CollaborativeSite,
    MeasureValue,
    PDSACycle,
    SiteDefinitionChange,
    SitePerson,
    Stratum,
    Submission,
)
from tests.factories import MemberOrganizationFactory, UserFactory

from .conftest import FIRST_MONTH, define

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


# --- helpers shared by the chart tests (test_chart_views, test_coach, test_public_page) -------


def month(offset, first=FIRST_MONTH):
    period = first
    for _step in range(offset):
        period = periods.next_month(period)
    return period


def submit(site, period, measure, status=Submission.Status.SUBMITTED, stratum=None, **figures):
    """One figure of a site's month (the month is made, with ``status``, if it is new), pooled
    as submitting it would pool it."""
    submission, _made = Submission.objects.get_or_create(
        site=site, period=period, defaults={"status": status}
    )
    value = MeasureValue.objects.create(
        submission=submission, measure=measure, stratum=stratum, **figures
    )
    pooling.refresh(periods=[period])
    return value


def ratio_history(site, measure, pairs, first=FIRST_MONTH, **extra):
    """Monthly (numerator, denominator) from ``first``; None skips a month."""
    for offset, pair in enumerate(pairs):
        if pair is not None:
            submit(site, month(offset, first), measure, numerator=pair[0], denominator=pair[1])


def count_history(site, measure, counts, first=FIRST_MONTH):
    for offset, count in enumerate(counts):
        if count is not None:
            submit(site, month(offset, first), measure, count=count)


def add_sites(number, *, simulated=False, prefix="EXTRA"):
    return [
        CollaborativeSite.objects.create(
            organization=MemberOrganizationFactory(name=f"{prefix.title()} Hospital {n}"),
            code=f"{prefix}-{n}",
            joined_on=FIRST_MONTH,
            simulated=simulated,
        )
        for n in range(number)
    ]


# --- privacy: pure rules ----------------------------------------------------------------------


def test_a_pool_is_publishable_only_with_three_sites_and_no_small_count_left_by_any_one():
    limit = 10
    big = {"a": Cell(40, 100), "b": Cell(50, 100), "c": Cell(60, 100)}
    assert publishable(big, limit)
    assert not publishable({"a": Cell(40, 100), "b": Cell(50, 100)}, limit)  # two sites
    # The pool's complement (patients not counted) is small: 7 of 300 were missed.
    assert not publishable({"a": Cell(98, 100), "b": Cell(97, 100), "c": Cell(98, 100)}, limit)
    # Site "a" holds nearly every death: what the others left is 5, a small count.
    assert not publishable({"a": Cell(40), "b": Cell(3), "c": Cell(2)}, limit)
    assert publishable({"a": Cell(40), "b": Cell(13), "c": Cell(12)}, limit)
    assert publishable({"a": Cell(0), "b": Cell(0), "c": Cell(0)}, limit)  # zero is no one


def test_a_small_stratum_takes_a_complementary_one_with_it():
    limit = 10
    month = {s: Cell(50, 100) for s in "abc"}
    strata = {
        "young": {s: Cell(1, 3) for s in "abc"},  # 9 patients: small
        "adult": {s: Cell(20, 40) for s in "abc"},
        "old": {s: Cell(29, 57) for s in "abc"},
    }
    hidden = hidden_cells(strata, month, limit)
    # The month less the shown strata would be the young: the next smallest goes too.
    assert hidden == {"young", "adult"}


def test_patients_in_no_stratum_count_as_a_hidden_cell():
    limit = 10
    month = {s: Cell(50, 100) for s in "abc"}
    # 3 patients a site are in no stratum: 9 in all could be worked out from the shown strata.
    strata = {"adult": {s: Cell(25, 48) for s in "abc"}, "old": {s: Cell(24, 49) for s in "abc"}}
    assert hidden_cells(strata, month, limit) == {"adult"}
    complete = {"adult": {s: Cell(25, 50) for s in "abc"}, "old": {s: Cell(25, 50) for s in "abc"}}
    assert hidden_cells(complete, month, limit) == set()


def test_two_small_strata_that_sum_to_a_small_count_take_a_third():
    limit = 10
    month = {s: Cell(60, 120) for s in "abc"}
    strata = {
        "0-17": {s: Cell(1, 1) for s in "abc"},  # 3
        "18-64": {s: Cell(1, 2) for s in "abc"},  # 6: with 0-17, 9 (small)
        "65+": {s: Cell(58, 117) for s in "abc"},
    }
    assert hidden_cells(strata, month, limit) == {"0-17", "18-64", "65+"}


# --- a site's series --------------------------------------------------------------------------


def test_only_submitted_months_count_and_missing_months_are_gaps(sites, people, measures):
    north, assess = sites["north"], measures["ASSESS-20"]
    ratio_history(north, assess, [(30, 60), None, (35, 60), (40, 60)])
    submit(north, month(4), assess, status=Submission.Status.DRAFT, numerator=59, denominator=60)
    figure = charts.site_chart(north, assess, people["team"])
    points = figure.chart.series.points
    assert [p.period for p in points] == [month(0), month(1), month(2), month(3)]
    assert [p.value for p in points] == pytest.approx([50.0, None, 175 / 3, 200 / 3])
    assert points[1].gap == "missing"
    assert figure.chart.series.chart_kind == "run"
    assert figure.chart.summary.startswith("Latest 66.7% (Apr 2025).")


def test_the_run_chart_becomes_a_p_chart_at_fifteen_months_of_the_phase(sites, people, measures):
    north, assess = sites["north"], measures["ASSESS-20"]
    steady = [(20 + (i * 7) % 5, 40) for i in range(MIN_POINTS_FOR_LIMITS)]
    ratio_history(north, assess, steady[:-1])
    series = charts.site_chart(north, assess, people["team"], detail=False).chart.series
    assert series.chart_kind == "run" and not series.limits_shown
    assert f"Process limits come once the current phase has {MIN_POINTS_FOR_LIMITS} months" in (
        series.summary
    )
    submit(north, month(MIN_POINTS_FOR_LIMITS - 1), assess, numerator=21, denominator=40)
    series = charts.site_chart(north, assess, people["team"], detail=False).chart.series
    # Forty patients a month vary as a binomial process does: the p chart fits.
    assert series.chart_kind == "p" and series.limits_shown
    assert all(p.upper is not None for p in series.points)


def test_large_overdispersed_denominators_get_laneys_p_prime(sites, people, measures):
    north, assess = sites["north"], measures["ASSESS-20"]
    swings = [(5000 + (i % 2) * 400, 10000) for i in range(MIN_POINTS_FOR_LIMITS + 1)]
    ratio_history(north, assess, swings)
    series = charts.site_chart(north, assess, people["team"], detail=False).chart.series
    assert series.chart_kind == "p_prime"


def test_counts_get_an_xmr_chart(sites, people, measures):
    north, deaths = sites["north"], measures["DEATHS-30"]
    count_history(north, deaths, [3, 4, 2, 5, 3, 4, 3, 2, 4, 3, 5, 4, 3, 2, 4, 30])
    series = charts.site_chart(north, deaths, people["team"], detail=False).chart.series
    assert series.chart_kind == "xmr"
    assert "outside the process limits" in series.summary
    assert "Unusual change for the worse" in series.summary  # fewer deaths are better


def test_phases_start_at_each_definition_change_and_tests_of_change_are_drawn(
    sites, people, measures
):
    north, assess = sites["north"], measures["ASSESS-20"]
    ratio_history(north, assess, [(30, 60)] * 10)
    define(assess, "Time zero is triage.", effective_from=month(4))
    SiteDefinitionChange.objects.create(
        site=north, effective_from=month(7), description="Time zero from the sepsis alert"
    )
    SiteDefinitionChange.objects.create(
        site=sites["south"], effective_from=month(2), description="Another site's change"
    )
    mine = PDSACycle.objects.create(
        site=north, title="Sepsis huddle", plan="Huddle", started_on=month(3).replace(day=9)
    )
    mine.measures.add(assess)
    PDSACycle.objects.create(site=north, title="For every measure", plan="x", started_on=month(5))
    other = PDSACycle.objects.create(site=north, title="Deaths only", plan="x", started_on=month(6))
    other.measures.add(measures["DEATHS-30"])
    figure = charts.site_chart(north, assess, people["data_manager"])
    phases = figure.chart.series.phases
    assert [(m.index, m.reason) for m in phases] == [
        (4, "new operational definition"),
        (7, "this site: Time zero from the sepsis alert"),
    ]
    annotations = figure.chart.series.annotations
    assert [(a.index, a.cycle.title) for a in annotations] == [
        (3, "Sepsis huddle"),
        (5, "For every measure"),
    ]
    assert [title for _number, cycle, _url in figure.cycles for title in [cycle.title]] == [
        "Sepsis huddle",
        "For every measure",
    ]
    assert len(figure.chart.annotations) == 2  # drawn
    assert [note for _date, note, _d in figure.definitions] == [
        "First definition",
        "New operational definition",
        "This site: Time zero from the sepsis alert",
    ]


def test_summary_names_the_unusual_change_the_target_and_the_test_of_change_before_it(
    sites, people, measures
):
    north, assess = sites["north"], measures["ASSESS-20"]  # target 60%, higher is better
    before = [(20 + (i * 3) % 4, 50) for i in range(16)]
    after = [(40 + (i * 3) % 4, 50) for i in range(8)]
    ratio_history(north, assess, before + after)
    cycle = PDSACycle.objects.create(
        site=north, title="Nurse-led triage", plan="x", started_on=month(15)
    )
    cycle.measures.add(assess)
    summary = charts.site_chart(north, assess, people["team"]).chart.summary
    assert summary.startswith(
        "Latest 82% (Dec 2026). Unusual change for the better: the latest month is outside "
        "the process limits"
    )
    assert "Target 60% is not consistently met: some months will meet it" in summary
    assert summary.endswith(
        "The unusual months began in May 2026, soon after this test of change: "
        "“Nurse-led triage” (started Apr 2026)."
    )


def test_summary_of_a_run_chart_says_whether_the_latest_month_meets_the_target(
    sites, people, measures
):
    north, assess = sites["north"], measures["ASSESS-20"]
    ratio_history(north, assess, [(30, 60), (31, 60), (29, 60)])
    summary = charts.site_chart(north, assess, people["team"]).chart.summary
    assert "No unusual pattern" in summary
    assert "The latest month does not meet the target of 60%." in summary


# --- the collaborative's pooled series and who sees what --------------------------------------


@pytest.fixture
def five_sites(sites):
    """North and South with three more."""
    return [sites["north"], sites["south"], *add_sites(3)]


def test_the_pool_sums_numerators_and_denominators_of_the_sites_that_submitted(
    five_sites, people, measures
):
    assess = measures["ASSESS-20"]
    for site in five_sites:
        ratio_history(site, assess, [(30, 60), (40, 80)])
    # Only two sites submitted the third month.
    for site in five_sites[:2]:
        submit(site, month(2), assess, numerator=45, denominator=60)
    coach = charts.aggregate_chart(assess, people["coach"])
    points = coach.chart.series.points
    assert [(p.cell, p.sites) for p in points] == [
        (Cell(150, 300), 5),
        (Cell(200, 400), 5),
        (Cell(90, 120), 2),
    ]
    assert coach.pooled_note.startswith("Each month pools the sites that submitted it: from 2")
    team = charts.site_chart(five_sites[0], assess, people["team"]).aggregate
    assert [p.value for p in team.chart.series.points] == [50.0, 50.0]  # the third is hidden
    public = charts.aggregate_chart(assess)
    assert [p.cell for p in public.chart.series.points] == [Cell(150, 300), Cell(200, 400)]


def test_a_month_one_site_dominates_is_hidden_from_everyone_but_the_coaches(
    five_sites, people, measures
):
    deaths = measures["DEATHS-30"]
    count_history(five_sites[0], deaths, [30, 30])
    for site in five_sites[1:]:
        count_history(site, deaths, [1, 12])
    public = charts.aggregate_chart(deaths)
    # Month 1: the others left 4 deaths when North takes its own away; month 2 is fine.
    assert [(p.period, p.cell) for p in public.chart.series.points] == [(month(1), Cell(78))]
    coach = charts.aggregate_chart(deaths, people["coach"])
    assert [p.cell for p in coach.chart.series.points] == [Cell(34), Cell(78)]


def test_strata_of_the_pool_are_suppressed_with_a_complement_but_a_sites_own_are_not(
    five_sites, people, measures, age_bands
):
    assess = measures["ASSESS-20"]
    young, adult, old = Stratum.objects.filter(stratification=age_bands).order_by("sort_order")
    for site in five_sites:
        submit(site, month(0), assess, numerator=30, denominator=60)
        submit(site, month(0), assess, stratum=young, numerator=1, denominator=1)
        submit(site, month(0), assess, stratum=adult, numerator=14, denominator=29)
        submit(site, month(0), assess, stratum=old, numerator=15, denominator=30)
    public = charts.aggregate_chart(assess)
    assert public.strata.rows == [
        ("Jan 2025", ["Not shown", "Not shown", "50% (75 of 150)"]),
    ]
    own = charts.site_chart(five_sites[0], assess, people["team"])
    assert own.strata.rows == [
        ("Jan 2025", ["100% (1 of 1)", "48.3% (14 of 29)", "50% (15 of 30)"]),
    ]
    assert own.aggregate.strata.rows == public.strata.rows
    coach = charts.aggregate_chart(assess, people["coach"])
    assert coach.strata.rows[0][1][0] == "100% (5 of 5)"


def test_other_sites_are_compared_by_pseudonym_without_counts_and_small_ones_left_out(
    five_sites, people, measures
):
    assess = measures["ASSESS-20"]
    north, south, *others = five_sites
    for site in five_sites:
        ratio_history(site, assess, [(30, 60)] * 3)
    ratio_history(others[0], assess, [(1, 3)] * 3, first=month(3))
    for site in (north, south, others[1], others[2]):
        ratio_history(site, assess, [(40, 60)] * 3, first=month(3))
    comparison = charts.site_chart(north, assess, people["team"]).comparison
    names = {name for _code, name, _value, _own in comparison.rows}
    assert "North Shore Medical Center" in names
    assert {s.pseudonym for s in (south, *others)} <= names
    assert "South Coast Hospital" not in names
    small = next(row for row in comparison.rows if row[1] == others[0].pseudonym)
    assert small[2] is None  # 9 patients over three months: not shown
    assert comparison.label == "Apr 2025 – Jun 2025"
    coach_view = charts.site_chart(north, assess, people["coach"]).comparison
    assert "South Coast Hospital" in {name for _c, name, _v, _o in coach_view.rows}
    assert next(r for r in coach_view.rows if r[1] == "Extra Hospital 0")[2] == pytest.approx(
        100 / 3
    )


def test_simulated_sites_make_their_figures_say_so(sites, people, measures):
    assess = measures["ASSESS-20"]
    simulated = add_sites(3, simulated=True, prefix="DEMO")
    for site in [sites["north"], *simulated]:
        ratio_history(site, assess, [(30, 60)] * 2)
    public = charts.aggregate_chart(assess)
    assert public.simulated
    assert not charts.site_chart(sites["north"], assess, people["team"]).chart.simulated


def test_texts_go_only_to_the_site_and_the_coaches(sites, people, measures):
    north, barriers = sites["north"], measures["BARRIERS"]
    submit(north, month(0), barriers, text="The sepsis alert fired late.")
    figure = charts.site_chart(north, barriers, people["team"])
    assert figure.texts == [(month(0), ["The sepsis alert fired late."])]
    with pytest.raises(PermissionDenied):
        charts.site_chart(north, barriers, people["other_site"])
    assert barriers not in charts.published_measures()
    barriers.publish_aggregate = True
    barriers.save()
    assert barriers not in charts.published_measures()


def test_categories_are_pooled_and_a_small_one_is_hidden_with_a_complement(
    five_sites, people, measures
):
    time_zero = measures["TIME-ZERO"]
    for site in five_sites:
        submit(site, month(0), time_zero, category="arrival", count=20)
        submit(site, month(0), time_zero, category="vitals", count=10)
        submit(site, month(0), time_zero, category="alert", count=1)
    public = charts.aggregate_chart(time_zero)
    ((label, cells, total),) = public.bars.table
    assert total == "155"
    assert cells == {"arrival": "100 (64.5%)", "vitals": "Not shown", "alert": "Not shown"}
    own = charts.site_chart(five_sites[0], time_zero, people["team"])
    assert own.bars.table[0][1]["alert"] == "1 (3.2%)"


def test_a_person_of_another_site_or_no_site_gets_no_site_chart(sites, people, measures):
    for role in ("outsider", "other_site"):
        with pytest.raises(PermissionDenied):
            charts.site_chart(sites["north"], measures["ASSESS-20"], people[role])
    user = UserFactory()
    SitePerson.objects.create(site=sites["south"], user=user)
    with pytest.raises(PermissionDenied):
        charts.site_charts(sites["north"], user)


def test_latest_due_month_waits_for_the_due_day(settings):
    settings.COLLABORATIVE_DUE_DAY = 20
    assert charts.latest_due_month(datetime.date(2026, 3, 19)) == datetime.date(2026, 1, 1)
    assert charts.latest_due_month(datetime.date(2026, 3, 20)) == datetime.date(2026, 2, 1)


def test_privacy_module_imports_no_django():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(chart_privacy))
    imported = {
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any(name and name.startswith("django") for name in imported)
