"""The public list of work groups: anyone sees each group's name, charge, status, chairs and
participating member organizations, and nothing from inside the groups."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import MemberOrganizationFactory, UserFactory
from tests.workgroups.conftest import make_group
from tests.workgroups.test_drafts import make_draft
from workgroups import membership
from workgroups.models import Membership, WorkGroup

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]


def works_for(user, organization):
    user.profile.organization = organization
    user.profile.save()


def text_of(response):
    return re.sub(r"\s+", " ", response.content.decode())


def test_anyone_sees_each_groups_public_facts(group_index, work_group, other_group, people):
    hospital = MemberOrganizationFactory(name="Riverside Hospital")
    ems = MemberOrganizationFactory(name="Bay State EMS")
    gone = MemberOrganizationFactory(name="Closed Clinic", is_active=False)
    works_for(people["chair"], hospital)
    works_for(people["member"], ems)
    works_for(people["observer"], hospital)  # counted once
    works_for(people["outsider"], gone)
    membership.add_member(work_group, people["outsider"], Membership.Role.MEMBER)
    other_group.status = WorkGroup.Status.ARCHIVED
    other_group.save()
    make_draft(work_group, people["member"], "A private draft title")

    response = Client().get(group_index.url)
    assert response.status_code == 200
    html = text_of(response)
    for text in (
        "Triage Screening Test Group",
        "The charge of Triage Screening Test Group.",
        "Discharge Planning Test Group",
        "Archived",
        "Active",
        people["chair"].get_full_name(),
    ):
        assert text in html
    groups = {group.pk: group for group in response.context["work_groups"]}
    assert [o.name for o in groups[work_group.pk].participating_organizations] == [
        "Bay State EMS",
        "Riverside Hospital",
    ]
    assert groups[other_group.pk].participating_organizations == []
    assert "Riverside Hospital" in html
    # Organizations that have left, members who are not chairs and drafts stay out.
    assert "Closed Clinic" not in html
    assert people["member"].get_full_name() not in html
    assert people["observer"].get_full_name() not in html
    assert "A private draft title" not in html


def test_the_list_takes_the_same_queries_however_many_groups(group_index, work_group):
    client = Client()
    client.get(group_index.url)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(group_index.url).status_code == 200
        return len(queries)

    before = count()
    for number in range(3):
        group = make_group(group_index, f"Group {number}", f"group-{number}")
        for role in (Membership.Role.CHAIR, Membership.Role.MEMBER):
            user = UserFactory()
            works_for(user, MemberOrganizationFactory())
            membership.add_member(group, user, role)
    assert count() == before
