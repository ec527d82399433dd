"""A series' sessions from its rule; events in search with their audience's access token; only
public events in the sitemap."""

import datetime

import pytest
from django.utils import timezone

from events.models import EventSeriesPage, Session
from events.rules import rule_dates
from events.search import EventPageProvider
from search.contract import MEMBERS, PUBLIC, workgroup_token

from .conftest import make_session

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def test_the_rule_gives_the_second_tuesday_of_each_month():
    page = EventSeriesPage(
        frequency="monthly",
        week_of_month=2,
        weekday=1,
        start_time=datetime.time(12),
        end_time=datetime.time(13),
        first_date=datetime.date(2027, 1, 1),
        until_date=datetime.date(2027, 4, 30),
    )
    assert rule_dates(page, datetime.date(2026, 12, 1)) == [
        datetime.date(2027, 1, 12),
        datetime.date(2027, 2, 9),
        datetime.date(2027, 3, 9),
        datetime.date(2027, 4, 13),
    ]


def test_publishing_a_series_adds_only_the_missing_sessions(members_event):
    today = timezone.localdate()
    members_event.first_date = today + datetime.timedelta(days=1)
    members_event.until_date = today + datetime.timedelta(days=95)
    members_event.start_time, members_event.end_time = datetime.time(12), datetime.time(13)
    members_event.default_capacity = 30
    members_event.save_revision().publish()
    sessions = list(Session.objects.filter(event=members_event))
    expected = rule_dates(members_event, today)
    assert [session.date for session in sessions] == expected and len(expected) >= 3
    first = sessions[0]
    assert first.starts_at == datetime.datetime.combine(
        first.date, datetime.time(12), tzinfo=first.zone
    )
    assert first.capacity == 30 and first.local_start().weekday() == 1
    first.status = Session.Status.CANCELLED
    first.save()
    members_event.save_revision().publish()
    assert Session.objects.filter(event=members_event).count() == len(expected)
    assert Session.objects.get(pk=first.pk).status == Session.Status.CANCELLED


def test_an_incomplete_rule_is_refused_with_a_message(members_event):
    from django.core.exceptions import ValidationError

    members_event.first_date = timezone.localdate()
    members_event.start_time = datetime.time(12)
    with pytest.raises(ValidationError) as error:
        members_event.full_clean()
    assert "end_time" in error.value.message_dict


def test_events_carry_their_audiences_token_and_never_the_joining_link(
    public_event, members_event, group_event, work_group
):
    for event in (public_event, members_event, group_event):
        make_session(event, title=f"Session of {event.title}")
    documents = {document.title: document for document in EventPageProvider().documents()}
    assert documents[public_event.title].access == PUBLIC
    assert documents[members_event.title].access == MEMBERS
    assert documents[group_event.title].access == workgroup_token(work_group.pk)
    assert "Session of" in documents[public_event.title].body
    assert all("secret-room-42" not in document.body for document in documents.values())


def test_only_public_events_are_in_the_sitemap(public_event, members_event, group_event, client):
    content = client.get("/sitemap.xml").content.decode()
    assert public_event.url in content
    assert members_event.url not in content
    assert group_event.url not in content
