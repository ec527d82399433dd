"""Reminders of months due: to each site's data managers, COLLABORATIVE_REMINDER_DAYS_BEFORE
days before the due date and _AFTER it, through the task backend; each at most once however
often the command runs; none for submitted months or sites that have left."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from collaborative.models import Submission, SubmissionReminder

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]

FEBRUARY = datetime.date(2025, 2, 1)  # due March 20, 2025 (the 20th of the next month)
FEBRUARY_URL = "/collaborative/sites/NORTH/months/2025-02/"


@pytest.fixture(autouse=True)
def schedule(settings):
    settings.COLLABORATIVE_DUE_DAY = 20
    settings.COLLABORATIVE_REMINDER_DAYS_BEFORE = [5]
    settings.COLLABORATIVE_REMINDER_DAYS_AFTER = [3, 10]


def run(day):
    out = StringIO()
    call_command("send_submission_reminders", "--date", day, stdout=out)
    return out.getvalue()


def told(mailoutbox):
    return sorted(address for mail in mailoutbox for address in mail.to)


def test_data_managers_are_reminded_before_the_due_date(sites, people, mailoutbox):
    assert run("2025-03-15") == "Sent 2 submission reminders.\n"
    # Each site's data managers (not its team, not coaches), about February only: January's
    # reminders were due weeks ago.
    assert told(mailoutbox) == sorted([people["data_manager"].email, people["other_site"].email])
    north = next(m for m in mailoutbox if m.to == [people["data_manager"].email])
    assert north.subject == "Due soon: February 2025 figures for North Shore Medical Center"
    assert "are due on March 20, 2025, in 5 days." in north.body
    assert FEBRUARY_URL in north.body
    assert FEBRUARY_URL in north.alternatives[0][0]


def test_running_again_sends_nothing_twice(sites, people, mailoutbox):
    run("2025-03-15")
    assert run("2025-03-15") == "Sent 0 submission reminders.\n"
    assert run("2025-03-16") == "Sent 0 submission reminders.\n"
    assert len(mailoutbox) == 2
    assert SubmissionReminder.objects.filter(offset=-5).count() == 2


def test_overdue_months_are_reminded_after_the_due_date(sites, people, mailoutbox):
    run("2025-03-23")
    north = next(m for m in mailoutbox if m.to == [people["data_manager"].email])
    assert north.subject == "Overdue: February 2025 figures for North Shore Medical Center"
    assert "were due on March 20, 2025, 3 days ago, and are not submitted yet." in north.body
    mailoutbox.clear()
    run("2025-03-30")
    assert "10 days ago" in mailoutbox[0].body


def test_no_reminder_for_a_submitted_month(sites, people, mailoutbox):
    Submission.objects.create(
        site=sites["north"], period=FEBRUARY, status=Submission.Status.SUBMITTED
    )
    run("2025-03-15")
    assert told(mailoutbox) == [people["other_site"].email]
    # A draft is not submitted: it is reminded of.
    Submission.objects.create(site=sites["south"], period=datetime.date(2025, 3, 1))
    mailoutbox.clear()
    run("2025-04-15")
    assert told(mailoutbox) == sorted([people["data_manager"].email, people["other_site"].email])


def test_no_reminder_for_a_site_that_left(sites, people, mailoutbox):
    south = sites["south"]
    south.left_on = FEBRUARY
    south.save()
    run("2025-03-15")
    assert told(mailoutbox) == [people["data_manager"].email]


def test_a_missed_run_catches_up_for_a_few_days_only(sites, people, mailoutbox):
    run("2025-03-17")  # the reminder of the 15th, two days late
    assert len(mailoutbox) == 2
    mailoutbox.clear()
    SubmissionReminder.objects.all().delete()
    run("2025-03-18")  # three days late: dropped
    assert not mailoutbox


def test_two_reminders_due_at_once_send_one(sites, people, mailoutbox, settings):
    settings.COLLABORATIVE_REMINDER_DAYS_AFTER = [3, 4]
    run("2025-03-24")
    north = [m for m in mailoutbox if m.to == [people["data_manager"].email]]
    assert len(north) == 1
    assert "4 days ago" in north[0].body
    mailoutbox.clear()
    run("2025-03-25")
    assert not mailoutbox


def test_no_reminders_when_none_are_configured(sites, people, mailoutbox, settings):
    settings.COLLABORATIVE_REMINDER_DAYS_BEFORE = []
    settings.COLLABORATIVE_REMINDER_DAYS_AFTER = []
    assert run("2025-03-15") == "Sent 0 submission reminders.\n"
    assert not mailoutbox


def test_a_bad_date_is_refused(sites):
    with pytest.raises(CommandError, match="is not a date like 2026-04-15"):
        run("15/03/2025")
    assert not SubmissionReminder.objects.exists()
