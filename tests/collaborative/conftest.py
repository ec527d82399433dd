"""Fixtures of the collaborative's tests: a measure set of each kind of measure, two sites with
their people, a coach and an outsider. Built with factories: the tests are marked `bare` and
run without the demo."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from collaborative.models import (
    CollaborativeSite,
    Measure,
    MeasureDefinition,
    MeasureSet,
    SitePerson,
    Stratification,
    Stratum,
)
from tests.factories import MemberOrganizationFactory, UserFactory

FIRST_MONTH = datetime.date(2025, 1, 1)


@pytest.fixture
def no_demo_collaborative(db):
    """For tests that need the demo beside their own collaborative: the demo's would be
    counted by them. Removed for the test (its transaction brings it back)."""
    CollaborativeSite.objects.all().delete()
    Measure.objects.all().delete()
    MeasureSet.objects.all().delete()
    Stratification.objects.all().delete()


def define(measure, text="Who is counted, from time zero.", effective_from=FIRST_MONTH):
    return MeasureDefinition.objects.create(
        measure=measure, effective_from=effective_from, operational_definition=f"<p>{text}</p>"
    )


@pytest.fixture
def age_bands():
    bands = Stratification.objects.create(name="Age band")
    for order, (code, label) in enumerate(
        [("0-17", "0 to 17"), ("18-64", "18 to 64"), ("65+", "65 and over")]
    ):
        Stratum.objects.create(stratification=bands, code=code, label=label, sort_order=order)
    return bands


@pytest.fixture
def measures(age_bands):
    """{code: measure}: a ratio (stratified by age band), a count, a categorical and a text."""
    bundle = MeasureSet.objects.create(name="Sepsis bundle")
    made = {
        "ASSESS-20": Measure.objects.create(
            measure_set=bundle,
            code="ASSESS-20",
            name="First assessment with full vital signs within 20 minutes",
            category=Measure.Category.PROCESS,
            kind=Measure.Kind.RATIO,
            direction=Measure.Direction.UP,
            numerator_label="Patients assessed within 20 minutes of time zero",
            denominator_label="Patients with sepsis",
            target=60,
        ),
        "DEATHS-30": Measure.objects.create(
            measure_set=bundle,
            code="DEATHS-30",
            name="Deaths within 30 days, severe sepsis and septic shock",
            category=Measure.Category.OUTCOME,
            kind=Measure.Kind.COUNT,
            direction=Measure.Direction.DOWN,
            count_label="Deaths",
        ),
        "TIME-ZERO": Measure.objects.create(
            measure_set=bundle,
            code="TIME-ZERO",
            name="How time zero was set",
            category=Measure.Category.PROCESS,
            kind=Measure.Kind.CATEGORICAL,
            direction=Measure.Direction.NEUTRAL,
            categories=(
                "arrival: Emergency department arrival\n"
                "vitals: First abnormal vital signs\n"
                "alert: Best practice alert"
            ),
        ),
        "BARRIERS": Measure.objects.create(
            measure_set=bundle,
            code="BARRIERS",
            name="What got in the way this month",
            category=Measure.Category.BALANCING,
            kind=Measure.Kind.TEXT,
            direction=Measure.Direction.NEUTRAL,
        ),
    }
    made["ASSESS-20"].stratifications.add(age_bands)
    for measure in made.values():
        define(measure)
    return made


@pytest.fixture
def sites():
    """Two sites, one coached by no one yet."""
    north = CollaborativeSite.objects.create(
        organization=MemberOrganizationFactory(name="North Shore Medical Center"),
        code="NORTH",
        joined_on=FIRST_MONTH,
    )
    south = CollaborativeSite.objects.create(
        organization=MemberOrganizationFactory(name="South Coast Hospital"),
        code="SOUTH",
        joined_on=FIRST_MONTH,
    )
    return {"north": north, "south": south}


@pytest.fixture
def people(sites):
    """A user for every role the collaborative's authorization matrix asks about."""
    users = {
        "outsider": UserFactory(),
        "data_manager": UserFactory(first_name="Dana", last_name="Manager"),
        "team": UserFactory(first_name="Terry", last_name="Team"),
        "other_site": UserFactory(first_name="Otto", last_name="Southern"),
        "coach": UserFactory(first_name="Casey", last_name="Coach"),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
        "editor": UserFactory(),  # a Wagtail Editor: edits pages, is no coach
    }
    users["editor"].groups.add(Group.objects.get(name="Editors"))
    users["coach"].groups.add(Group.objects.get(name="Moderators"))
    SitePerson.objects.create(
        site=sites["north"], user=users["data_manager"], role=SitePerson.Role.DATA_MANAGER
    )
    SitePerson.objects.create(site=sites["north"], user=users["team"], role=SitePerson.Role.TEAM)
    SitePerson.objects.create(
        site=sites["south"], user=users["other_site"], role=SitePerson.Role.DATA_MANAGER
    )
    sites["north"].coach = users["coach"]
    sites["north"].save()
    return users


@pytest.fixture
def clients(people):
    """A logged-in client for each person, and an anonymous one."""
    result = {"anonymous": Client()}
    for role, user in people.items():
        result[role] = Client()
        result[role].force_login(user)
    return result
