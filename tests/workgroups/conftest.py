"""Fixtures of the work-group tests: a list page, a group with a member of each role, and
people outside it. Most tests (marked `bare`) run without the demo, on what they build."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import UserFactory
from workgroups import membership
from workgroups.models import Membership, WorkGroup, WorkGroupIndexPage
from workgroups.provisioning import create_work_group


@pytest.fixture
def no_demo_work_groups(db):
    """For the tests that need the demo's catalog, collections and reports beside their own
    groups: the demo's work groups would be counted too, and their names are taken. Removed
    for the test (its transaction brings them back)."""
    WorkGroup.objects.all().delete()


@pytest.fixture
def group_index(home_page):
    existing = WorkGroupIndexPage.objects.first()
    if existing:
        return existing
    index = WorkGroupIndexPage(title="Work groups", slug="work-groups")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_group(index, name, slug):
    return create_work_group(index, name=name, slug=slug, charge=f"The charge of {name}.")


@pytest.fixture
def work_group(group_index):
    return make_group(group_index, "Triage Screening Test Group", "triage-screening-test")


@pytest.fixture
def other_group(group_index):
    return make_group(group_index, "Discharge Planning Test Group", "discharge-planning-test")


@pytest.fixture
def people(work_group, other_group):
    """A user for every role the authorization matrix asks about."""
    users = {
        "outsider": UserFactory(),
        "other_member": UserFactory(),
        "observer": UserFactory(),
        "member": UserFactory(),
        "chair": UserFactory(),
        "staff": UserFactory(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    users["staff"].groups.add(Group.objects.get(name="Moderators"))
    membership.add_member(other_group, users["other_member"], Membership.Role.MEMBER)
    for role in ("observer", "member", "chair"):
        membership.add_member(work_group, users[role], role)
    return users


@pytest.fixture
def clients(people):
    """A logged-in client for each person, and an anonymous one."""
    result = {"anonymous": Client()}
    for role, user in people.items():
        result[role] = Client()
        result[role].force_login(user)
    return result
