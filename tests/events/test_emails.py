"""The events' e-mails: the confirmation with its calendar file, the reminder the day before
and the evaluation request, each sent once however often the scheduled command runs; a send
that fails is logged, and the next run sends it."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from events import registrations
from events.models import EvaluationResponse, Registration

from .conftest import make_session

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]


def run_command():
    call_command("send_event_emails", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def registered(public_event, people, django_capture_on_commit_callbacks):
    session = make_session(public_event, starts_in=datetime.timedelta(hours=20))
    with django_capture_on_commit_callbacks(execute=True):
        registration = registrations.register(people["outsider"], session.pk)
    return registration


def test_the_confirmation_carries_a_calendar_file_in_the_sessions_time_zone(registered):
    (message,) = mail.outbox
    assert message.to == [registered.user.email]
    name, data, content_type = message.attachments[0]
    assert name == "session.ics" and content_type.startswith("text/calendar")
    calendar = Calendar.from_ical(data)
    (event,) = calendar.walk("VEVENT")
    session = registered.session
    assert str(event["UID"]).startswith(f"event-session-{session.pk}@")
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert event.decoded("DTSTART") == session.starts_at
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "America/New_York"
    # The joining link is never in the file nor in the e-mail.
    assert "secret-room-42" not in str(data)
    assert "secret-room-42" not in message.body
    assert "/event-registrations/cancel/" in message.body


def test_the_reminder_goes_once_however_often_the_command_runs(registered):
    mail.outbox = []
    run_command()
    run_command()
    reminders = [m for m in mail.outbox if m.subject.startswith("Tomorrow")]
    assert len(reminders) == 1
    assert reminders[0].to == [registered.user.email]
    assert len(mail.outbox) == 1  # the confirmation was sent already: not again


def test_no_reminder_for_a_session_more_than_a_day_away(public_event, people):
    session = make_session(public_event, starts_in=datetime.timedelta(days=3))
    registrations.register(people["outsider"], session.pk)
    run_command()  # sends the confirmation the commit would have sent
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["You are registered"]


def test_the_evaluation_request_goes_once_after_the_session(registered):
    session = registered.session
    session.date = session.date - datetime.timedelta(days=2)
    session.save()
    mail.outbox = []
    run_command()
    run_command()
    (message,) = mail.outbox
    assert message.subject.startswith("How was it?")
    assert "/event-registrations/evaluation/" in message.body


def test_no_evaluation_request_to_someone_who_answered_or_did_not_attend(
    public_event, people, registered
):
    session = registered.session
    cancelled = registrations.register(people["member"], session.pk)
    registrations.cancel(cancelled.pk)
    EvaluationResponse.objects.create(registration=registered, usefulness=4, will_apply="yes")
    session.date = session.date - datetime.timedelta(days=2)
    session.save()
    mail.outbox = []
    run_command()
    assert mail.outbox == []


def test_a_failed_send_is_logged_kept_due_and_sent_by_the_next_run(
    public_event, people, settings, closed_port, caplog
):
    session = make_session(public_event, starts_in=datetime.timedelta(days=3))
    registration = registrations.register(people["outsider"], session.pk)
    working = settings.MAILERS
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": closed_port, "timeout": 5},
        }
    }
    with caplog.at_level(logging.ERROR):
        run_command()
    assert "Could not send an event e-mail" in caplog.text
    registration.refresh_from_db()
    assert registration.confirmation_sent_for == ""

    settings.MAILERS = working
    run_command()
    registration.refresh_from_db()
    assert registration.confirmation_sent_for == Registration.Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[people["outsider"].email]]
