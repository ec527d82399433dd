"""Fixtures of the events tests: a listing with a public event, a members-only series and a
work group's event, each with a session tomorrow, and a person for every role. Most tests
(marked `bare`) run without the demo, on what they build."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from events.models import Audience, EventIndexPage, EventPage, EventSeriesPage, Format, Session
from tests.factories import MemberOrganizationFactory, UserFactory
from workgroups import membership
from workgroups.models import Membership, WorkGroupIndexPage
from workgroups.provisioning import create_work_group

ZONE = "America/New_York"


@pytest.fixture
def events_index(home_page):
    index = EventIndexPage(title="Events test", slug="events-test", introduction="All events.")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_event(index, title, slug, audience=Audience.PUBLIC, model=EventPage, **fields):
    page = model(
        title=title,
        slug=slug,
        summary=f"About {title}.",
        description="<p>What happens.</p>",
        audience=audience,
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return model.objects.get(pk=page.pk)


def make_session(event, starts_in=datetime.timedelta(days=1), hours=1, **fields):
    """A session starting this long from now (in New York time), lasting `hours`."""
    start = timezone.localtime(timezone.now() + starts_in, timezone.get_current_timezone())
    start = start.replace(second=0, microsecond=0)
    end = start + datetime.timedelta(hours=hours)
    if end.date() != start.date():  # a session runs within one day
        start -= datetime.timedelta(hours=hours)
        end -= datetime.timedelta(hours=hours)
    defaults = {
        "format": Format.ONLINE,
        "joining_link": "https://meet.example.org/secret-room-42",
        "time_zone": ZONE,
    }
    return Session.objects.create(
        event=event,
        date=start.date(),
        start_time=start.time(),
        end_time=end.time(),
        **{**defaults, **fields},
    )


@pytest.fixture
def public_event(events_index):
    return make_event(events_index, "Working together day", "working-together")


@pytest.fixture
def members_event(events_index):
    return make_event(
        events_index,
        "Monthly learning session",
        "learning-session",
        Audience.MEMBERS,
        model=EventSeriesPage,
    )


@pytest.fixture
def work_group(home_page):
    index = WorkGroupIndexPage(title="Work groups", slug="work-groups")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return create_work_group(index, name="Triage Test Group", slug="triage-test", charge="Triage.")


@pytest.fixture
def group_event(events_index, work_group):
    return make_event(
        events_index,
        "Triage group workshop",
        "triage-workshop",
        Audience.WORK_GROUP,
        work_group_space=work_group.space,
    )


@pytest.fixture
def organization():
    return MemberOrganizationFactory(name="Worcester Community Hospital")


def member_of(organization):
    user = UserFactory()
    user.profile.organization = organization
    user.profile.save()
    return user


@pytest.fixture
def people(organization, work_group):
    users = {
        "outsider": UserFactory(),
        "member": member_of(organization),
        "other_member": member_of(organization),
        "group_member": UserFactory(),
        "staff": UserFactory(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }
    users["staff"].groups.add(Group.objects.get(name="Moderators"))
    membership.add_member(work_group, users["group_member"], Membership.Role.MEMBER)
    return users


@pytest.fixture
def clients(people):
    result = {"anonymous": Client()}
    for role, user in people.items():
        result[role] = Client()
        result[role].force_login(user)
    return result


def page_route(page, name, *args):
    return page.url + page.reverse_subpage(name, args=args)


def assert_private(response):
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
