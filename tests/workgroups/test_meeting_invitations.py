"""Meetings that invite: an error summary at the top; minutes and attendance only once a
meeting has started; a calendar file per meeting (its time zone, a stable UID, SEQUENCE going
up); invitations when a meeting is scheduled or moved and a cancellation when it is cancelled,
e-mailed to the group's members after the commit, once per change."""

import datetime

import icalendar
import pytest
from django.utils import timezone

from workgroups import meeting_invitations
from workgroups.models import Activity, Meeting

from .helpers import assert_private, url

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

NEW = {
    "title": "Pilot debrief",
    "starts_at": "2030-01-15T09:00",
    "ends_at": "2030-01-15T10:30",
    "location": "Room 4B",
    "agenda": "What we learned.",
}


def schedule(clients, work_group, capture, **changes):
    with capture(execute=True):
        response = clients["chair"].post(url(work_group, "meetings"), {**NEW, **changes})
    assert response.status_code == 302
    return Meeting.objects.get(title=changes.get("title", NEW["title"]))


def event_of(data):
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def invitations(mailoutbox):
    return {mail.to[0]: mail for mail in mailoutbox}


# The form


def test_errors_are_summed_up_at_the_top_with_links_to_their_fields(clients, work_group):
    response = clients["member"].post(
        url(work_group, "meetings"), {**NEW, "title": "", "ends_at": "2030-01-15T08:00"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    summary = page[page.index("data-portal-error-summary") :]
    # Before the form, and before the list of meetings it would otherwise sit below.
    assert page.index("data-portal-error-summary") < page.index('id="upcoming-heading"')
    # It takes the focus (portal.js), so it can be focused.
    assert 'tabindex="-1" data-portal-error-summary' in page
    assert 'href="#id_title"' in summary
    assert 'href="#id_ends_at"' in summary
    assert "The meeting has to end after it starts." in summary
    assert not Meeting.objects.exists()


def test_a_future_meeting_has_no_minutes_or_attendance_to_fill_in(clients, work_group, people):
    form = clients["member"].get(url(work_group, "meetings")).content.decode()
    assert 'name="minutes"' not in form
    assert 'name="attendees"' not in form
    assert "Minutes and attendance can be added here once the meeting has started." in form


def test_a_started_meeting_takes_minutes_and_attendance(clients, work_group, people):
    start = timezone.now() - datetime.timedelta(hours=2)
    meeting = Meeting.objects.create(
        work_group=work_group,
        title="Held",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        created_by=people["member"],
    )
    edit_url = url(work_group, "edit_meeting", meeting.pk)
    assert 'name="minutes"' in clients["chair"].get(edit_url).content.decode()
    local = timezone.localtime(start)
    data = {
        "title": "Held",
        "starts_at": local.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (local + datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "minutes": "Agreed.",
        "attendees": [people["member"].pk],
    }
    assert clients["chair"].post(edit_url, data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.minutes == "Agreed."
    # Moving it into the future with minutes recorded is refused, and nothing changes.
    response = clients["chair"].post(
        edit_url, {**data, "starts_at": "2031-01-01T09:00", "ends_at": "2031-01-01T10:00"}
    )
    assert response.status_code == 200
    assert "Minutes and attendance are kept only for a meeting that has started" in (
        response.content.decode()
    )
    meeting.refresh_from_db()
    assert meeting.starts_at < timezone.now()


# The calendar file


def test_each_meeting_has_a_calendar_file_in_the_consortium_time_zone(
    clients, work_group, people, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = schedule(clients, work_group, django_capture_on_commit_callbacks)
    file_url = url(work_group, "meeting_calendar", meeting.pk)
    page = clients["observer"].get(url(work_group, "meeting", meeting.pk)).content.decode()
    assert f'href="{file_url}"' in page
    response = clients["observer"].get(file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    assert_private(response)
    calendar, event = event_of(response.content)
    assert "METHOD" not in calendar
    assert event["dtstart"].params["TZID"] == "America/New_York"
    assert event.decoded("dtstart").isoformat() == "2030-01-15T09:00:00-05:00"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    uid = str(event["uid"])
    assert event["sequence"] == 0
    # Moved: the same UID, a higher SEQUENCE.
    with django_capture_on_commit_callbacks(execute=True):
        clients["chair"].post(
            url(work_group, "edit_meeting", meeting.pk), {**NEW, "starts_at": "2030-01-15T09:30"}
        )
    _calendar, moved = event_of(clients["member"].get(file_url).content)
    assert str(moved["uid"]) == uid
    assert moved["sequence"] == 1


# Invitations and cancellations


def test_scheduling_invites_every_member_with_the_calendar_file(
    clients, work_group, people, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = schedule(clients, work_group, django_capture_on_commit_callbacks)
    sent = invitations(mailoutbox)
    # Every member of the group but the chair who scheduled it; nobody outside it.
    assert sorted(sent) == sorted([people["observer"].email, people["member"].email])
    mail = sent[people["member"].email]
    assert mail.subject == f"[{work_group.name}] Invitation: Pilot debrief"
    assert "Tuesday, January 15, 2030, 9:00 AM to 10:30 AM EST" in mail.body
    (part,) = mail.attachments
    assert part.get_filename() == "meeting.ics"
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    calendar, event = event_of(part.get_content())
    assert calendar["method"] == "REQUEST"
    assert str(event["attendee"]) == f"mailto:{people['member'].email}"
    assert "organizer" in event
    meeting.refresh_from_db()
    assert meeting.announced_sequence == 0


def test_moving_a_meeting_sends_an_update_and_other_edits_do_not(
    clients, work_group, people, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = schedule(clients, work_group, django_capture_on_commit_callbacks)
    edit_url = url(work_group, "edit_meeting", meeting.pk)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        clients["chair"].post(edit_url, {**NEW, "agenda": "A new agenda."})
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        clients["chair"].post(edit_url, {**NEW, "agenda": "A new agenda.", "location": "5C"})
    sent = invitations(mailoutbox)
    assert len(sent) == 2
    mail = sent[people["member"].email]
    assert mail.subject == f"[{work_group.name}] Moved: Pilot debrief"
    _calendar, event = event_of(mail.attachments[0].get_content())
    assert event["sequence"] == 2
    assert str(event["location"]) == "5C"


def test_one_change_is_announced_once_and_a_stale_task_sends_nothing(
    clients, work_group, people, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = schedule(clients, work_group, django_capture_on_commit_callbacks)
    count = len(mailoutbox)
    assert meeting_invitations.announce(meeting.pk, 0) == 0  # again: already announced
    Meeting.objects.filter(pk=meeting.pk).update(sequence=3)
    assert meeting_invitations.announce(meeting.pk, 2) == 0  # outdated by a later change
    assert len(mailoutbox) == count


def test_cancelling_asks_first_then_sends_a_cancellation(
    clients, work_group, people, mailoutbox, django_capture_on_commit_callbacks
):
    meeting = schedule(clients, work_group, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    cancel_url = url(work_group, "cancel_meeting", meeting.pk)
    page = clients["chair"].get(cancel_url).content.decode()
    assert "Cancel “Pilot debrief”?" in page
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["chair"].post(cancel_url)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    assert meeting.cancelled_by == people["chair"]
    assert meeting.sequence == 1
    sent = invitations(mailoutbox)
    assert sorted(sent) == sorted([people["observer"].email, people["member"].email])
    mail = sent[people["observer"].email]
    assert mail.subject == f"[{work_group.name}] Cancelled: Pilot debrief"
    assert mail.attachments[0].get_param("method") == "CANCEL"
    calendar, event = event_of(mail.attachments[0].get_content())
    assert calendar["method"] == "CANCEL"
    assert event["status"] == "CANCELLED"
    assert event["sequence"] == 1
    assert Activity.objects.filter(summary__contains="cancelled the meeting").exists()
    # A cancelled meeting is no longer edited or cancelled again.
    assert clients["chair"].get(url(work_group, "edit_meeting", meeting.pk)).status_code == 403
    assert clients["chair"].post(cancel_url).status_code == 403
    detail = clients["member"].get(url(work_group, "meeting", meeting.pk)).content.decode()
    assert "This meeting was cancelled on" in detail


def test_a_refused_meeting_sends_nothing(
    clients, work_group, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        clients["chair"].post(url(work_group, "meetings"), {**NEW, "ends_at": "2030-01-15T08:00"})
        clients["observer"].post(url(work_group, "meetings"), NEW)
    assert mailoutbox == []
    assert not Meeting.objects.exists()
