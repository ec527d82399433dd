"""Events in the news (portal.announcements): a public event is public news with its next
session's date; a members' event is news for members only; a work group's event never leaves
its space."""

import datetime

import pytest

from portal import announcements
from tests.events.conftest import make_session

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def by_title(items):
    return {item.title: item for item in items}


def test_events_are_announced_by_audience(public_event, members_event, group_event):
    session = make_session(public_event, starts_in=datetime.timedelta(days=3))
    found = by_title(item for item in announcements.collect() if item.kind == announcements.EVENT)

    assert set(found) == {"Working together day", "Monthly learning session"}
    public = found["Working together day"]
    assert public.public is True
    assert public.url.endswith(public_event.url)
    assert str(session.local_start().day) in public.summary
    assert public.summary.startswith("Next session:")
    assert found["Monthly learning session"].public is False


def test_members_event_reaches_members_only(public_event, members_event, people):
    items = announcements.collect()
    for_outsider = by_title(announcements.visible_to(items, people["outsider"]))
    for_member = by_title(announcements.visible_to(items, people["member"]))

    assert "Working together day" in for_outsider
    assert "Monthly learning session" not in for_outsider
    assert "Monthly learning session" in for_member


def test_only_events_published_since_are_announced(public_event):
    later = public_event.first_published_at + datetime.timedelta(seconds=1)
    assert not [
        item for item in announcements.collect(since=later) if item.kind == announcements.EVENT
    ]
