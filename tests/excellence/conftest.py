"""Fixtures of the excellence tests: the people of every role, a report in each state, and the
stories' index page. Most tests (marked `bare`) run on what these build, without the demo."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from excellence.models import ExcellenceIndexPage, ExcellenceReport
from tests.factories import MemberOrganizationFactory, UserFactory
from toolkits.models import Topic


@pytest.fixture
def organization(db):
    return MemberOrganizationFactory(name="Saltmeadow Test Hospital")


def make_member(organization):
    user = UserFactory()
    user.profile.organization = organization
    user.profile.save()
    return user


@pytest.fixture
def member(organization):
    """Staff of a member organization (confirmed on their profile)."""
    return make_member(organization)


@pytest.fixture
def non_member(db):
    """Logged in, but with no confirmed member organization."""
    return UserFactory()


@pytest.fixture
def moderator(db):
    """Consortium staff: Wagtail's Moderators group."""
    user = UserFactory()
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def themes(db):
    return {
        slug: Topic.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in (
            ("time-zero", "Time zero"),
            ("antibiotics-within-the-hour", "Antibiotics within the hour"),
            ("de-escalation", "De-escalation"),
        )
    }


@pytest.fixture
def make_report(member, organization):
    def make(**fields):
        values = {
            "reporter": member,
            "reporter_organization": organization,
            "recognized_kind": ExcellenceReport.Recognized.PERSON,
            "recognized_name": "Alex Rivera, RN",
            "recognized_email": "alex.rivera@example.org",
            "organization": organization,
            "unit": "emergency department",
            "what_they_did": "Screened at triage and called the team within 10 minutes.",
            "why_it_mattered": "Antibiotics ran within 1 hour; 2 of 3 bundle steps were early.",
            "reporter_may_be_named": True,
            "may_be_shared": True,
        }
        values.update(fields)
        themes = values.pop("themes", [])
        report = ExcellenceReport.objects.create(**values)
        report.themes.set(themes)
        return report

    return make


@pytest.fixture
def stories_index(home_page):
    index = ExcellenceIndexPage(
        title="Learning from excellence", slug="excellence-test", introduction="Stories."
    )
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index
