"""The calendar feed: a secret address per user with the meetings of the groups they belong to
now, in UTC, with stable UIDs and SEQUENCE; unknown or inactive feeds are 404."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from workgroups import membership
from workgroups.models import CalendarFeed, Meeting, Membership, WorkGroup

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def meetings_url(work_group):
    return work_group.space.url + work_group.space.reverse_subpage("meetings")


def feed_url(user):
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return reverse("workgroup_calendar", args=[feed.token])


def events(client, user):
    response = client.get(feed_url(user))
    assert response.status_code == 200
    return {str(e["uid"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.fixture
def meeting(work_group, people):
    return Meeting.objects.create(
        work_group=work_group,
        title="Triage screening review",
        starts_at=datetime.datetime(2030, 7, 1, 13, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 7, 1, 14, 30, tzinfo=datetime.UTC),
        location="Room 4B, Mercy Hospital",
        agenda="1. The screening tool\n2. Next steps",
        created_by=people["chair"],
        sequence=3,
    )


@pytest.fixture
def their_meeting(other_group, people):
    return Meeting.objects.create(
        work_group=other_group,
        title="Discharge letters",
        starts_at=datetime.datetime(2030, 7, 2, 15, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 7, 2, 16, 0, tzinfo=datetime.UTC),
        created_by=people["other_member"],
    )


def test_the_feed_is_an_icalendar_of_the_members_meetings(
    client, work_group, people, meeting, their_meeting
):
    response = client.get(feed_url(people["observer"]))  # no login: the address is the key
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    text = response.content.decode()
    # Calendar apps poll hourly; both properties are durations (RFC 7986 and Microsoft's).
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in text
    assert "X-PUBLISHED-TTL:PT1H\r\n" in text
    assert "DTSTART:20300701T130000Z" in text
    assert "DTEND:20300701T143000Z" in text
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == f"meeting-{meeting.pk}@testserver"
    assert event["summary"] == "[Triage Screening Test Group] Triage screening review"
    assert event["location"] == "Room 4B, Mercy Hospital"
    assert event["description"] == "1. The screening tool\n2. Next steps"
    assert event["sequence"] == 3
    assert event["url"] == work_group.space.get_full_url() + f"meetings/{meeting.pk}/"
    assert event.decoded("dtstart") == meeting.starts_at


def test_uid_is_stable_and_sequence_follows_edits(client, people, meeting):
    uid = f"meeting-{meeting.pk}@testserver"
    assert events(client, people["member"])[uid]["sequence"] == 3
    Meeting.objects.filter(pk=meeting.pk).update(sequence=4, title="Renamed")
    event = events(client, people["member"])[uid]
    assert event["sequence"] == 4
    assert event["summary"].endswith("Renamed")


def test_a_member_of_two_groups_gets_both(client, people, other_group, meeting, their_meeting):
    membership.add_member(other_group, people["member"], Membership.Role.OBSERVER)
    assert set(events(client, people["member"])) == {
        f"meeting-{meeting.pk}@testserver",
        f"meeting-{their_meeting.pk}@testserver",
    }
    assert set(events(client, people["other_member"])) == {f"meeting-{their_meeting.pk}@testserver"}


@pytest.mark.parametrize("role", ["staff", "superuser", "outsider"])
def test_staff_get_only_their_own_memberships(client, people, meeting, their_meeting, role):
    assert events(client, people[role]) == {}


def test_archived_groups_meetings_stay_in_the_feed(client, people, work_group, meeting):
    work_group.status = WorkGroup.Status.ARCHIVED
    work_group.save()
    assert set(events(client, people["member"])) == {f"meeting-{meeting.pk}@testserver"}


def test_a_removed_member_loses_the_groups_meetings_at_once(client, people, work_group, meeting):
    address = feed_url(people["member"])
    assert b"Triage screening review" in client.get(address).content
    membership.remove_member(
        Membership.objects.get(work_group=work_group, user=people["member"]), actor=people["chair"]
    )
    response = client.get(address)
    assert response.status_code == 200
    assert b"Triage screening review" not in response.content
    assert b"BEGIN:VEVENT" not in response.content


def test_unknown_token_and_inactive_user_are_404(client, people, meeting):
    assert client.get(reverse("workgroup_calendar", args=["not-a-token"])).status_code == 404
    address = feed_url(people["member"])
    people["member"].is_active = False
    people["member"].save()
    assert client.get(address).status_code == 404


def test_only_reading_is_allowed(client, people):
    assert client.post(feed_url(people["member"])).status_code == 405


def test_a_replaced_address_stops_working(client, people, meeting):
    old = feed_url(people["member"])
    CalendarFeed.objects.filter(user=people["member"]).update(token="a-fresh-secret")
    assert client.get(old).status_code == 404
    assert client.get(feed_url(people["member"])).status_code == 200


def test_the_meetings_page_points_members_to_their_calendar_address(clients, work_group):
    settings_url = work_group.space.url + work_group.space.reverse_subpage("settings")
    for role in ("observer", "member", "chair"):
        page = clients[role].get(meetings_url(work_group)).content.decode()
        assert f'href="{settings_url}"' in page
        assert "your calendar address is in your settings" in page
    page = clients["staff"].get(meetings_url(work_group)).content.decode()
    assert "your calendar address is in your settings" not in page
