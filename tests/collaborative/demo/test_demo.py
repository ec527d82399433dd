"""The demonstration collaborative built by `load_demo_content` (in the test database): ten
fictional hospitals with 24 months of simulated data shaped on the published results, a late
joiner, a gap, a change of time zero, tests of change and comments; demo accounts that log in
with their roles; figures that pass the collaborative's checks; and a second load that changes
nothing."""

import datetime
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from collaborative import access, checks, periods, pooling
from collaborative.demo import content, loader, simulation
from collaborative.models import (
    CoachComment,
    CollaborativeSite,
    Measure,
    MeasureDefinition,
    MeasureSet,
    MeasureValue,
    PDSACycle,
    PooledFigure,
    SiteDefinitionChange,
    SitePerson,
    Stratification,
    Stratum,
    Submission,
)
from portal.demo.loader import load_all
from portal.models import MemberOrganization, OrganizationCategory

pytestmark = pytest.mark.django_db

SUBMITTED = Submission.Status.SUBMITTED
SPECS = {spec["code"]: spec for spec in content.SITES}


@pytest.fixture
def months():
    return loader.demo_months(timezone.localdate())


@pytest.fixture
def sites():
    return {site.code: site for site in CollaborativeSite.objects.select_related("organization")}


def user(email):
    return get_user_model().objects.get(username=email)


def pooled(code, months):
    """The collaborative's rate (percent) of a ratio over the given months' submitted figures."""
    totals = MeasureValue.objects.filter(
        measure__code=code,
        stratum__isnull=True,
        submission__status=SUBMITTED,
        submission__period__in=months,
    ).aggregate(numerator=Sum("numerator"), denominator=Sum("denominator"))
    return 100 * totals["numerator"] / totals["denominator"]


def test_ten_fictional_hospitals_in_the_directory(sites):
    assert len(sites) == 10
    hospitals = OrganizationCategory.objects.get(slug="hospitals")
    for code, site in sites.items():
        assert site.simulated
        assert site.organization.name == SPECS[code]["name"]
        assert site.organization.category == hospitals
        assert "fictional" in site.organization.description
        assert site.coach.username == content.COACH[0]
        assert site.pseudonym.startswith("Site ")
    # The collaborative's ten, among the directory's other member hospitals.
    assert set(hospitals.organizations.all()) >= {site.organization for site in sites.values()}


def test_twenty_four_months_ending_with_the_last_complete_month(sites, months):
    assert months[-1] == periods.previous_month(periods.month_of(timezone.localdate()))
    assert len(months) == 24
    full = [code for code, spec in SPECS.items() if spec["joins"] == 0 and code != "WRENFIELD"]
    assert len(full) == 8
    for code in full:
        submissions = Submission.objects.filter(site=sites[code])
        assert sorted(submissions.values_list("period", flat=True)) == months
        assert sites[code].joined_on == months[0]
        assert all(s.status == SUBMITTED for s in submissions)
        assert all(s.submitted_at and s.submitted_by_id for s in submissions)
        for submission in submissions:
            # Submitted after the month ended, and never in the future.
            month_ended = timezone.make_aware(
                datetime.datetime.combine(periods.next_month(submission.period), datetime.time())
            )
            assert month_ended <= submission.submitted_at <= timezone.now()


def test_a_site_joins_late(sites, months):
    late = sites["QUILLBY"]
    assert late.joined_on == months[8]
    reported = sorted(Submission.objects.filter(site=late).values_list("period", flat=True))
    assert reported == months[8:]


def test_a_site_with_a_gap_and_a_draft(sites, months):
    site = sites[content.GAP["site"]]
    by_period = {s.period: s for s in Submission.objects.filter(site=site)}
    missing = [period for period in months if period not in by_period]
    assert missing == [months[i] for i in content.GAP["months"]]
    latest = by_period[months[-1]]
    assert latest.status == Submission.Status.DRAFT
    assert latest.submitted_at is None and latest.submitted_by is None
    assert 0 < latest.values.count() < by_period[months[-2]].values.count()
    assert all(by_period[p].status == SUBMITTED for p in months[:-1] if p in by_period)


def test_a_site_changes_its_time_zero(sites, months):
    spec = content.TIME_ZERO_CHANGE
    site = sites[spec["site"]]
    change = SiteDefinitionChange.objects.get(site=site)
    assert change.effective_from == months[spec["month"]] and change.measure is None
    categories = defaultdict(set)
    for period, category in MeasureValue.objects.filter(
        submission__site=site, measure__code="TIME-ZERO"
    ).values_list("submission__period", "category"):
        categories[period >= change.effective_from].add(category)
    assert categories[False] == {"arrival", "clinician"}
    assert categories[True] == {"alert", "clinician"}
    # The visible shift: the six months after the change against the six before.
    values = dict(
        MeasureValue.objects.filter(
            submission__site=site, measure__code="ASSESS-20", stratum__isnull=True
        ).values_list("submission__period", "numerator")
    )
    denominators = dict(
        MeasureValue.objects.filter(
            submission__site=site, measure__code="ASSESS-20", stratum__isnull=True
        ).values_list("submission__period", "denominator")
    )

    def rate(selected):
        return 100 * sum(values[p] for p in selected) / sum(denominators[p] for p in selected)

    at = spec["month"]
    assert rate(months[at : at + 6]) >= rate(months[at - 6 : at]) + 8


def test_measures_sets_strata_and_definitions(months):
    assert (
        MeasureSet.objects.filter(
            name__in=[content.PROCESS_SET["name"], content.OUTCOME_SET["name"]]
        ).count()
        == 2
    )
    measures = {m.code: m for m in Measure.objects.prefetch_related("definitions")}
    assert set(measures) == {spec["code"] for spec in content.MEASURES}
    assert {m.kind for m in measures.values()} == {"ratio", "count", "categorical", "text"}
    assert [code for code, _label in measures["TIME-ZERO"].category_choices] == [
        code for code, _label in content.TIME_ZERO_METHODS
    ]
    assert list(measures["ASSESS-20"].stratifications.values_list("name", flat=True)) == [
        "Age band"
    ]
    assert measures["MORT-30D"].direction == Measure.Direction.DOWN
    assert {m.code for m in measures.values() if m.publish_aggregate} == {
        "ASSESS-20",
        "BOLUS1-15",
        "ABX-60",
        "MORT-30D",
    }
    for measure in measures.values():
        first = measure.definition_for(months[0])
        assert first is not None and first.operational_definition and first.collection_guidance
    # One collaborative-wide change, from month 13, with its note.
    changed = measures[content.DEFINITION_CHANGE["measure"]]
    assert changed.definitions.count() == 2
    new = changed.definition_for(months[12])
    assert new.effective_from == months[12] and new.change_note
    assert changed.definition_for(months[11]).effective_from == months[0]
    assert MeasureDefinition.objects.filter(change_note__gt="").count() == 1


def test_the_pooled_rates_follow_the_published_results(months):
    first, last = months[:3], months[-3:]
    assert pooled("ASSESS-20", first) == pytest.approx(46, abs=3)
    assert pooled("ASSESS-20", last) == pytest.approx(60, abs=3)
    assert pooled("BOLUS1-15", first) == pytest.approx(38, abs=3)
    assert pooled("BOLUS1-15", last) == pytest.approx(46, abs=3)
    assert pooled("MORT-30D", first) == pytest.approx(11, abs=2)
    assert pooled("MORT-30D", last) == pytest.approx(3, abs=1.5)
    assert pooled("MORT-3D", first) > pooled("MORT-3D", last)


def test_the_months_are_pooled_as_loaded():
    """The months were made in bulk, then pooled once: as pooling them afresh would."""
    fields = [f.attname for f in PooledFigure._meta.concrete_fields if not f.primary_key]
    loaded = sorted(PooledFigure.objects.values_list(*fields), key=repr)
    assert len(loaded) > 24 * 8  # every month of each ratio and count, and the strata
    pooling.refresh()
    assert sorted(PooledFigure.objects.values_list(*fields), key=repr) == loaded


def test_sites_vary_in_size():
    sizes = sorted(
        MeasureValue.objects.filter(measure__code="ASSESS-20", stratum__isnull=True)
        .values("submission__site")
        .annotate(patients=Sum("denominator"))
        .values_list("patients", flat=True)
    )
    assert sizes[-1] > 5 * sizes[0]


def test_every_figure_passes_the_checks():
    """Whole numbers, numerators within denominators, listed categories, months that have
    ended; a figure the checks call unusual against the site's history is confirmed."""
    today = timezone.localdate()
    values = (
        MeasureValue.objects.filter(submission__site__simulated=True)
        .select_related("measure", "stratum", "submission")
        .order_by("submission__site_id", "submission__period", "pk")
    )
    history = defaultdict(list)
    checked = unusual = 0
    for value in values:
        measure = value.measure
        categories = [code for code, _label in measure.category_choices]
        assert not checks.check_figure(
            measure.kind,
            numerator=value.numerator,
            denominator=value.denominator,
            count=value.count,
            category=value.category,
            categories=categories,
            text=value.text,
        )
        assert not checks.check_period(value.submission.period, today)
        key = (value.submission.site_id, measure.pk, value.stratum_id, value.category)
        if measure.kind == Measure.Kind.RATIO:
            assert value.numerator is not None and value.denominator is not None
            figure, proportion = checks.proportion(value.numerator, value.denominator), True
        elif measure.kind == Measure.Kind.TEXT:
            assert value.text
            continue
        else:
            assert value.count is not None
            assert measure.kind != Measure.Kind.CATEGORICAL or value.category in categories
            figure, proportion = value.count, False
        flagged = checks.is_unusual(figure, history[key], is_proportion=proportion)
        assert value.confirmed_unusual == flagged, value
        history[key].append(figure)
        checked += 1
        unusual += flagged
    assert checked > 2000
    assert unusual < checked / 20


def test_the_figures_of_a_month_agree():
    """Age bands add up to the whole; time-zero methods to the patients; the mortality measures
    count the patients with severe sepsis or septic shock; deaths in 3 days are among those in
    30."""
    by_month = defaultdict(dict)
    for value in MeasureValue.objects.select_related("measure", "stratum"):
        key = (value.measure.code, value.stratum.code if value.stratum else "", value.category)
        by_month[value.submission_id][key] = value
    assert len(by_month) == Submission.objects.count()
    for figures in by_month.values():
        whole = figures[("ASSESS-20", "", "")]
        bands = [figures[("ASSESS-20", code, "")] for code, _ in content.AGE_BANDS["strata"]]
        assert sum(b.numerator for b in bands) == whole.numerator
        assert sum(b.denominator for b in bands) == whole.denominator
        methods = [v.count for (code, _s, _c), v in figures.items() if code == "TIME-ZERO"]
        assert sum(methods) == whole.denominator
        severe = figures[("SEVERE", "", "")].count
        assert severe <= whole.denominator
        assert figures[("BOLUS1-15", "", "")].denominator <= severe
        if ("MORT-30D", "", "") in figures:
            died_30, died_3 = figures[("MORT-30D", "", "")], figures[("MORT-3D", "", "")]
            assert died_30.denominator == died_3.denominator == severe
            assert died_3.numerator <= died_30.numerator


def test_tests_of_change_and_comments(sites, months):
    today = timezone.localdate()
    for code, site in sites.items():
        cycles = list(PDSACycle.objects.filter(site=site).prefetch_related("measures"))
        assert len(cycles) == len(SPECS[code]["pdsa"]) >= 2
        for cycle in cycles:
            assert cycle.plan and cycle.do and cycle.study and cycle.act
            assert "{" not in cycle.do + cycle.study
            assert site.joined_on <= cycle.started_on < cycle.ended_on < today
            assert cycle.created_by is not None
    assert PDSACycle.objects.filter(measures__code="ASSESS-20").distinct().count() >= 5
    comments = CoachComment.objects.select_related("submission", "author")
    assert comments.count() == len(content.COACH_COMMENTS)
    for comment in comments:
        assert comment.author.username == content.COACH[0]
        assert comment.submission.submitted_at < comment.created_at <= timezone.now()


def test_the_demo_accounts_log_in_and_hold_their_roles(sites):
    for email in (content.DATA_MANAGER[0], content.TEAM_MEMBER[0], content.COACH[0]):
        response = Client().post(
            reverse("account_login"), {"login": email, "password": content.DEMO_PASSWORD}
        )
        assert response.status_code == 302, email
    demo_site, other = sites[content.DEMO_SITE], sites["PINEMOOR"]
    manager = user(content.DATA_MANAGER[0])
    assert access.can_enter(manager, demo_site)
    assert not access.can_view_site(manager, other)
    assert manager.profile.member_organization == demo_site.organization
    team = user(content.TEAM_MEMBER[0])
    assert access.role_at(team, demo_site) == SitePerson.Role.TEAM
    assert access.can_view_site(team, demo_site) and access.can_record_pdsa(team, demo_site)
    assert not access.can_enter(team, demo_site)
    coach = user(content.COACH[0])
    assert access.is_coach(coach)
    assert all(access.can_view_site(coach, site) for site in sites.values())
    assert access.site_label(coach, other) == other.organization.name
    assert access.site_label(manager, other) == other.pseudonym
    # Coaching only: not consortium staff's every page and work group.
    assert not coach.is_superuser and not coach.is_staff
    assert not coach.groups.filter(name__in=["Moderators", "Editors"]).exists()
    assert coach.has_perm("collaborative.change_measure")
    assert not coach.has_perm("workgroups.oversee_workgroups")
    assert not coach.has_perm("wagtailcore.add_page")
    # The other sites' data managers are names only.
    for code, spec in SPECS.items():
        person = SitePerson.objects.get(site=sites[code], role=SitePerson.Role.DATA_MANAGER)
        assert person.user.username == spec["data_manager"][0]
        assert person.user.has_usable_password() == (code == content.DEMO_SITE)


ROW_MODELS = [
    OrganizationCategory,
    MemberOrganization,
    get_user_model(),
    Group,
    CollaborativeSite,
    SitePerson,
    MeasureSet,
    Measure,
    MeasureDefinition,
    Stratification,
    Stratum,
    Submission,
    MeasureValue,
    CoachComment,
    PDSACycle,
    SiteDefinitionChange,
]


def counts():
    return {model.__name__: model.objects.count() for model in ROW_MODELS}


def test_loading_again_creates_nothing_and_keeps_changes(sites):
    before = counts()
    coach = user(content.COACH[0])
    coach_permissions = coach.user_permissions.count()
    Measure.objects.filter(code="ASSESS-20").update(name="Assessed in 20 minutes")
    MemberOrganization.objects.filter(pk=sites["KETTLECOVE"].organization_id).update(city="Athol")
    CollaborativeSite.objects.filter(code="MOSSGROVE").update(coach=None)
    value = MeasureValue.objects.filter(submission__site=sites["SALTMEADOW"]).first()
    MeasureValue.objects.filter(pk=value.pk).update(text="Corrected by the data manager")
    PDSACycle.objects.filter(site=sites["OSPREY-NECK"]).first().delete()
    coach.user_permissions.remove(*coach.user_permissions.filter(codename="access_admin"))

    load_all(log=lambda *args: None)

    after = counts()
    assert after == {**before, "PDSACycle": before["PDSACycle"] - 1}
    assert Measure.objects.get(code="ASSESS-20").name == "Assessed in 20 minutes"
    assert MemberOrganization.objects.get(pk=sites["KETTLECOVE"].organization_id).city == "Athol"
    assert CollaborativeSite.objects.get(code="MOSSGROVE").coach is None
    assert MeasureValue.objects.get(pk=value.pk).text == "Corrected by the data manager"
    assert user(content.COACH[0]).user_permissions.count() == coach_permissions - 1


def test_the_simulation_is_the_same_every_time():
    assert simulation.simulate() == simulation.simulate()


@pytest.mark.parametrize(
    ("today", "first", "last"),
    [
        (datetime.date(2027, 1, 1), datetime.date(2025, 1, 1), datetime.date(2026, 12, 1)),
        (datetime.date(2028, 3, 31), datetime.date(2026, 3, 1), datetime.date(2028, 2, 1)),
        (datetime.date(2026, 12, 15), datetime.date(2024, 12, 1), datetime.date(2026, 11, 1)),
    ],
)
def test_the_months_end_before_the_day_it_is_loaded(today, first, last):
    months = loader.demo_months(today)
    assert (months[0], months[-1], len(months)) == (first, last, 24)
    assert months == list(periods.months(first, last))


def test_a_fresh_load_on_another_day(monkeypatch, demo_site):
    """Loaded just after midnight on the first of a month: that month is not reported, the last
    month's figures are stamped no later than the moment of loading."""
    CollaborativeSite.objects.all().delete()
    Measure.objects.all().delete()
    MeasureSet.objects.all().delete()
    Stratification.objects.all().delete()
    moment = timezone.make_aware(datetime.datetime(2031, 3, 1, 0, 30))
    monkeypatch.setattr(timezone, "now", lambda: moment)

    loader.load(demo_site, log=lambda *args: None)

    months = loader.demo_months(timezone.localdate())
    assert months[-1] == datetime.date(2031, 2, 1)
    assert CollaborativeSite.objects.count() == 10
    latest = Submission.objects.filter(period=months[-1], status=SUBMITTED)
    assert latest.count() == 9
    assert all(s.submitted_at == moment for s in latest)
    assert not Submission.objects.filter(period__gt=months[-1]).exists()
    assert not Submission.objects.filter(submitted_at__gt=moment).exists()
    assert SiteDefinitionChange.objects.get().effective_from == months[10]
    abx = Measure.objects.get(code="ABX-60")
    assert abx.definition_for(months[12]).change_note
