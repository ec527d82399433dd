"""Meetings: who may read, add and edit them; times typed and shown in the consortium's time
zone; attendance and attachments; SEQUENCE goes up on every edit; another group's ids 404."""

import datetime
import zoneinfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model

from tests.toolkits import samples
from workgroups.models import Activity, Meeting, WorkGroup

from .helpers import VIEWER_STATUSES, assert_private, url

pytestmark = [pytest.mark.django_db, pytest.mark.bare]
Document = get_document_model()
EASTERN = zoneinfo.ZoneInfo("America/New_York")


def make_meeting(work_group, creator=None, **fields):
    start = fields.pop("starts_at", timezone.now() + datetime.timedelta(days=7))
    return Meeting.objects.create(
        work_group=work_group,
        title=fields.pop("title", "Monthly meeting"),
        starts_at=start,
        ends_at=fields.pop("ends_at", start + datetime.timedelta(hours=1)),
        created_by=creator,
        **fields,
    )


@pytest.fixture
def meeting(work_group, people):
    return make_meeting(
        work_group,
        people["member"],
        title="Triage screening review",
        starts_at=datetime.datetime(2030, 7, 1, 13, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 7, 1, 14, 30, tzinfo=datetime.UTC),
        location="Room 4B",
        agenda="1. The screening tool\n2. <b>Any other business</b>",
        minutes="Agreed to pilot at https://example.org/pilot",
    )


def form_data(**overrides):
    data = {
        "title": "Pilot debrief",
        "starts_at": "2030-01-15T09:00",
        "ends_at": "2030-01-15T10:30",
        "location": "https://meet.example.org/sepsis",
        "agenda": "What we learned.",
        "minutes": "",
    }
    data.update(overrides)
    return data


# Reading


@pytest.mark.parametrize(
    ("role", "status"),
    VIEWER_STATUSES,
)
def test_meeting_list_and_page(clients, work_group, meeting, role, status):
    for address in (url(work_group, "meetings"), url(work_group, "meeting", meeting.pk)):
        response = clients[role].get(address)
        assert response.status_code == status
        if status == 302:
            assert "/accounts/login/" in response["Location"]
        if status == 200:
            assert "Triage screening review" in response.content.decode()
            assert_private(response)


def test_meeting_page_shows_the_consortium_time_agenda_minutes_and_attendance(
    clients, work_group, people, meeting
):
    meeting.attendees.set([people["member"], people["chair"]])
    page = clients["observer"].get(url(work_group, "meeting", meeting.pk)).content.decode()
    # 13:00 UTC on July 1 is 9:00 in Boston, on daylight time.
    assert "Monday, July 1, 2030, 9:00 AM" in page
    assert "10:30 AM EDT" in page
    assert "Room 4B" in page
    assert "1. The screening tool" in page
    assert "&lt;b&gt;Any other business&lt;/b&gt;" in page
    assert 'href="https://example.org/pilot" rel="nofollow noopener ugc"' in page
    assert people["member"].get_full_name() in page
    assert people["chair"].get_full_name() in page
    assert people["observer"].get_full_name() not in page


def test_winter_times_show_standard_time(clients, work_group):
    winter = make_meeting(
        work_group,
        starts_at=datetime.datetime(2030, 1, 15, 14, 0, tzinfo=datetime.UTC),
    )
    page = clients["member"].get(url(work_group, "meeting", winter.pk)).content.decode()
    assert "Tuesday, January 15, 2030, 9:00 AM" in page
    assert "10:00 AM EST" in page


def test_upcoming_and_past_meetings_are_listed_apart(clients, work_group):
    make_meeting(work_group, title="Next week")
    make_meeting(
        work_group, title="Last month", starts_at=timezone.now() - datetime.timedelta(days=30)
    )
    page = clients["member"].get(url(work_group, "meetings")).content.decode()
    upcoming, past = page.split("Past meetings")
    assert "Next week" in upcoming
    assert "Last month" in past
    assert "Last month" not in upcoming


def test_another_groups_meeting_ids_are_404(clients, work_group, other_group):
    theirs = make_meeting(other_group, title="Their private meeting")
    for role in ("chair", "staff"):
        assert clients[role].get(url(work_group, "meeting", theirs.pk)).status_code == 404
        assert clients[role].get(url(work_group, "edit_meeting", theirs.pk)).status_code == 404
        response = clients[role].post(url(work_group, "edit_meeting", theirs.pk), form_data())
        assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.title == "Their private meeting"
    assert theirs.sequence == 0


# Adding


def test_member_schedules_a_meeting_in_the_consortium_time_zone(clients, work_group, people):
    response = clients["member"].post(
        url(work_group, "meetings"),
        # A meeting that has not happened has no minutes or attendance: both are ignored.
        form_data(attendees=[people["chair"].pk], minutes="Written in advance"),
    )
    meeting = Meeting.objects.get(title="Pilot debrief")
    assert response.status_code == 302
    assert response["Location"] == url(work_group, "meeting", meeting.pk)
    # 9:00 in Boston in January is 14:00 UTC.
    assert meeting.starts_at == datetime.datetime(2030, 1, 15, 14, 0, tzinfo=datetime.UTC)
    assert meeting.ends_at == datetime.datetime(2030, 1, 15, 15, 30, tzinfo=datetime.UTC)
    assert meeting.work_group == work_group
    assert meeting.created_by == people["member"]
    assert meeting.sequence == 0
    assert not meeting.attendees.exists()
    assert meeting.minutes == ""
    activity = Activity.objects.filter(work_group=work_group, kind=Activity.Kind.MEETING).get()
    assert activity.url == f"meetings/{meeting.pk}/"
    assert "Pilot debrief" in activity.summary


@pytest.mark.parametrize("role", ["observer", "staff", "superuser", "outsider", "other_member"])
def test_those_who_do_not_take_part_cannot_add_meetings(clients, work_group, role):
    assert clients[role].post(url(work_group, "meetings"), form_data()).status_code == 403
    assert not Meeting.objects.exists()


def test_a_meeting_must_end_after_it_starts(clients, work_group):
    response = clients["member"].post(
        url(work_group, "meetings"), form_data(ends_at="2030-01-15T08:00")
    )
    assert response.status_code == 200
    assert "The meeting has to end after it starts." in response.content.decode()
    assert not Meeting.objects.exists()


def test_attendance_offers_only_the_groups_members(clients, work_group, people):
    held = make_meeting(
        work_group,
        people["member"],
        title="Pilot debrief",
        starts_at=datetime.datetime(2020, 1, 15, 14, 0, tzinfo=datetime.UTC),
    )
    edit_url = url(work_group, "edit_meeting", held.pk)
    response = clients["member"].post(
        edit_url,
        form_data(
            starts_at="2020-01-15T09:00",
            ends_at="2020-01-15T10:30",
            attendees=[people["outsider"].pk],
        ),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    held.refresh_from_db()
    assert held.sequence == 0
    form = clients["member"].get(edit_url).content.decode()
    assert people["chair"].get_full_name() in form
    assert people["outsider"].get_full_name() not in form


def test_attachments_go_into_the_groups_collection(clients, work_group):
    response = clients["member"].post(
        url(work_group, "meetings"),
        form_data(
            new_attachments=[
                SimpleUploadedFile("Screening slides.pdf", samples.pdf()),
                SimpleUploadedFile("Audit.xlsx", samples.xlsx()),
            ]
        ),
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    documents = list(meeting.attachments.order_by("title"))
    assert [d.title for d in documents] == ["Audit", "Screening slides"]
    assert {d.collection_id for d in documents} == {work_group.collection_id}
    page = clients["observer"].get(url(work_group, "meeting", meeting.pk)).content.decode()
    for document in documents:
        assert f'href="{document.url}"' in page
    assert "PDF" in page
    assert clients["observer"].get(documents[0].url).status_code == 200
    assert clients["outsider"].get(documents[0].url).status_code == 403


def test_a_bad_attachment_saves_nothing(clients, work_group):
    before = Document.objects.count()
    response = clients["member"].post(
        url(work_group, "meetings"),
        form_data(
            new_attachments=[
                SimpleUploadedFile("Agenda.pdf", samples.pdf()),
                SimpleUploadedFile("Slides.pdf", samples.windows_program()),
            ]
        ),
    )
    assert response.status_code == 200
    assert "“Slides.pdf” is named as a PDF but it contains" in response.content.decode()
    assert not Meeting.objects.exists()
    assert Document.objects.count() == before


# Editing


@pytest.mark.parametrize(("role", "status"), [("member", 200), ("chair", 200), ("staff", 200)])
def test_the_creator_chairs_and_staff_edit_a_meeting(clients, work_group, meeting, role, status):
    edit_url = url(work_group, "edit_meeting", meeting.pk)
    form = clients[role].get(edit_url)
    assert form.status_code == status
    # The form shows the time as the consortium reads it.
    assert 'value="2030-07-01T09:00"' in form.content.decode()
    response = clients[role].post(
        edit_url,
        form_data(
            title="Triage screening review",
            starts_at="2030-07-01T09:00",
            ends_at="2030-07-01T10:30",
            location="Room 5C",
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == url(work_group, "meeting", meeting.pk)
    meeting.refresh_from_db()
    assert meeting.location == "Room 5C"
    assert meeting.starts_at == datetime.datetime(2030, 7, 1, 13, 0, tzinfo=datetime.UTC)
    assert meeting.sequence == 1


def test_every_edit_raises_the_sequence(clients, work_group, meeting):
    edit_url = url(work_group, "edit_meeting", meeting.pk)
    for n in range(1, 4):
        response = clients["chair"].post(edit_url, form_data(minutes=f"Take {n}"))
        assert response.status_code == 302
        meeting.refresh_from_db()
        assert meeting.sequence == n


def test_edits_reach_the_activity_stream_and_minutes_are_named(clients, work_group, people):
    meeting = make_meeting(
        work_group,
        people["member"],
        title="Pilot debrief",
        starts_at=datetime.datetime(2020, 7, 1, 13, 0, tzinfo=datetime.UTC),
        minutes="",
    )
    edit_url = url(work_group, "edit_meeting", meeting.pk)
    data = {
        "title": "Pilot debrief",
        "starts_at": timezone.localtime(meeting.starts_at, EASTERN).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(meeting.ends_at, EASTERN).strftime("%Y-%m-%dT%H:%M"),
        "location": "",
        "agenda": "",
        "minutes": "",
    }

    def rows():
        return list(
            Activity.objects.filter(work_group=work_group, kind=Activity.Kind.MEETING)
            .order_by("pk")
            .values_list("summary", "url")
        )

    clients["chair"].post(edit_url, data)  # nothing changed: nothing to tell
    assert rows() == []
    chair = people["chair"].get_full_name()
    clients["chair"].post(edit_url, {**data, "minutes": "We agreed to pilot."})
    clients["chair"].post(edit_url, {**data, "minutes": "We agreed to pilot.", "location": "4B"})
    assert rows() == [
        (f"{chair} added the minutes of “Pilot debrief”", f"meetings/{meeting.pk}/"),
        (f"{chair} updated the meeting “Pilot debrief”", f"meetings/{meeting.pk}/"),
    ]


@pytest.mark.parametrize("role", ["observer", "outsider", "other_member"])
def test_others_cannot_edit_a_meeting(clients, work_group, people, meeting, role):
    edit_url = url(work_group, "edit_meeting", meeting.pk)
    assert clients[role].get(edit_url).status_code == 403
    assert clients[role].post(edit_url, form_data()).status_code == 403
    meeting.refresh_from_db()
    assert meeting.sequence == 0


def test_a_member_edits_only_the_meetings_they_added(clients, work_group, people):
    chairs_meeting = make_meeting(work_group, people["chair"])
    edit_url = url(work_group, "edit_meeting", chairs_meeting.pk)
    assert clients["member"].get(edit_url).status_code == 403
    assert clients["member"].post(edit_url, form_data()).status_code == 403
    page = clients["member"].get(url(work_group, "meeting", chairs_meeting.pk)).content.decode()
    assert edit_url not in page
    assert (
        edit_url
        in clients["chair"].get(url(work_group, "meeting", chairs_meeting.pk)).content.decode()
    )


def test_attachments_are_added_and_removed_when_editing(clients, work_group, meeting):
    edit_url = url(work_group, "edit_meeting", meeting.pk)
    clients["member"].post(
        edit_url,
        form_data(new_attachments=[SimpleUploadedFile("Draft.docx", samples.docx())]),
    )
    document = meeting.attachments.get()
    assert document.collection_id == work_group.collection_id
    clients["member"].post(edit_url, form_data(remove_attachments=[document.pk]))
    assert not meeting.attachments.exists()
    assert Document.objects.filter(pk=document.pk).exists()  # kept in the collection
    meeting.refresh_from_db()
    assert meeting.sequence == 2


def test_an_archived_group_is_read_only(clients, work_group, meeting):
    work_group.status = WorkGroup.Status.ARCHIVED
    work_group.save()
    for role in ("member", "chair", "staff"):
        assert clients[role].get(url(work_group, "meeting", meeting.pk)).status_code == 200
        assert clients[role].post(url(work_group, "meetings"), form_data()).status_code == 403
        edit_url = url(work_group, "edit_meeting", meeting.pk)
        assert clients[role].post(edit_url, form_data()).status_code == 403
    assert (
        "Schedule a meeting"
        not in clients["member"].get(url(work_group, "meetings")).content.decode()
    )


# Queries


def queries(client, address):
    """Queries of a page view, after a first view has filled the per-process caches."""
    client.get(address)
    with CaptureQueriesContext(connection) as context:
        response = client.get(address)
    assert response.status_code == 200
    return len(context.captured_queries)


def make_meetings(work_group, people, count):
    now = timezone.now()
    for n in range(count):
        meeting = make_meeting(
            work_group,
            people["member"],
            title=f"Meeting {n}",
            starts_at=now + datetime.timedelta(days=n - count // 2),
            location=f"Room {n}",
        )
        meeting.attendees.set([people["member"], people["chair"]])


def test_meeting_list_queries_do_not_grow_with_meetings(clients, work_group, people):
    make_meetings(work_group, people, 4)
    few = queries(clients["member"], url(work_group, "meetings"))
    make_meetings(work_group, people, 60)
    many = queries(clients["member"], url(work_group, "meetings"))
    assert few == many
