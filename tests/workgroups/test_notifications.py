"""Notification e-mails: immediately to the members who chose it (never the actor, removed
members or other groups), and daily or weekly digests of what others did since the last one,
sent once, and not at all when nothing is new."""

import datetime
from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from workgroups import membership as membership_service
from workgroups import notifications
from workgroups.activity import record
from workgroups.models import Activity, Membership

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

IMMEDIATELY = Membership.Notifications.IMMEDIATELY
DAILY = Membership.Notifications.DAILY
WEEKLY = Membership.Notifications.WEEKLY
NONE = Membership.Notifications.NONE


def choose(work_group, user, notifications_choice, covered_until=None):
    membership = Membership.objects.get(work_group=work_group, user=user)
    membership.notifications = notifications_choice
    if covered_until is not None:
        membership.digest_covered_until = covered_until
    membership.save()
    return membership


def happened(work_group, actor, summary, *, at=None, url="discussions/1/"):
    """An activity row, as if it happened at `at` (its notifications not sent)."""
    activity = Activity.objects.create(
        work_group=work_group, kind=Activity.Kind.POST, actor=actor, summary=summary, url=url
    )
    if at is not None:
        Activity.objects.filter(pk=activity.pk).update(created_at=at)
    return activity


def recipients(mailoutbox):
    return sorted(address for mail in mailoutbox for address in mail.to)


# Immediately


def test_immediate_emails_go_to_members_who_chose_them_but_not_the_actor(
    work_group, other_group, people, mailoutbox, django_capture_on_commit_callbacks
):
    for role in ("observer", "member", "chair"):
        choose(work_group, people[role], IMMEDIATELY)
    choose(other_group, people["other_member"], IMMEDIATELY)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        record(work_group, Activity.Kind.POST, people["chair"], "Chair posted", url="x/")

    assert recipients(mailoutbox) == sorted([people["observer"].email, people["member"].email])
    mail = mailoutbox[0]
    assert mail.subject == "[Triage Screening Test Group] Chair posted"
    assert f"{work_group.space.full_url}x/" in mail.body


def test_only_immediately_members_get_immediate_emails(
    work_group, people, mailoutbox, django_capture_on_commit_callbacks
):
    choose(work_group, people["observer"], DAILY)
    choose(work_group, people["member"], WEEKLY)
    choose(work_group, people["chair"], NONE)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        record(work_group, Activity.Kind.POST, people["staff"], "Staff posted")
    assert mailoutbox == []


def test_removed_and_inactive_members_are_not_told(
    work_group, people, mailoutbox, django_capture_on_commit_callbacks
):
    for role in ("observer", "member"):
        choose(work_group, people[role], IMMEDIATELY)
    membership_service.remove_member(
        Membership.objects.get(work_group=work_group, user=people["member"]),
        actor=people["chair"],
    )
    people["observer"].is_active = False
    people["observer"].save()
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        record(work_group, Activity.Kind.POST, people["chair"], "After the change")
    assert mailoutbox == []


def test_draft_activity_links_to_the_admin(work_group, people, mailoutbox):
    choose(work_group, people["member"], IMMEDIATELY)
    activity = happened(
        work_group, people["chair"], "Chair revised a draft", url="/admin/pages/9/edit/"
    )
    assert notifications.notify_activity(activity.pk) == 1
    assert "http://testserver/admin/pages/9/edit/" in mailoutbox[-1].body
    assert "//admin" not in mailoutbox[-1].body.replace("http://testserver/admin", "")


def test_a_refused_address_does_not_stop_the_others(work_group, people, mailoutbox):
    choose(work_group, people["observer"], IMMEDIATELY)
    choose(work_group, people["member"], IMMEDIATELY)
    activity = happened(work_group, people["chair"], "Chair posted")
    real_send = notifications.send_mail

    def flaky(subject, body, sender, to):
        if to == [people["observer"].email]:
            raise OSError("mailbox unavailable")
        return real_send(subject, body, sender, to)

    with mock.patch.object(notifications, "send_mail", flaky):
        assert notifications.notify_activity(activity.pk) == 1
    assert recipients(mailoutbox) == [people["member"].email]


def test_a_missing_activity_sends_nothing(mailoutbox):
    assert notifications.notify_activity(123456) == 0
    assert mailoutbox == []


# Digests


@pytest.fixture
def now(people):
    """Three days on; everyone has chosen no e-mails until a test chooses for them."""
    Membership.objects.update(notifications=NONE)
    return timezone.now() + datetime.timedelta(days=3)


def test_a_daily_digest_has_only_what_others_did_since_the_last_one(
    work_group, other_group, people, mailoutbox, now
):
    day_ago = now - datetime.timedelta(days=1)
    choose(work_group, people["member"], DAILY, covered_until=day_ago)
    for role in ("observer", "chair"):
        choose(work_group, people[role], NONE)
    happened(
        work_group,
        people["chair"],
        "Before the last digest",
        at=day_ago - datetime.timedelta(hours=1),
    )
    happened(work_group, people["chair"], "The chair posted", at=now - datetime.timedelta(hours=5))
    happened(
        work_group, people["observer"], "The observer replied", at=now - datetime.timedelta(hours=4)
    )
    happened(
        work_group, people["member"], "The member's own post", at=now - datetime.timedelta(hours=3)
    )
    happened(
        other_group,
        people["other_member"],
        "Another group's post",
        at=now - datetime.timedelta(hours=2),
    )
    mailoutbox.clear()

    assert notifications.send_digests(DAILY, now=now) == 1
    (mail,) = mailoutbox
    assert mail.to == [people["member"].email]
    assert mail.subject == "[Triage Screening Test Group] What happened: 2 updates"
    assert "The chair posted" in mail.body
    assert "The observer replied" in mail.body
    for absent in ("Before the last digest", "The member's own post", "Another group's post"):
        assert absent not in mail.body
    assert work_group.space.full_url in mail.body
    # Each item links to where it happened, and the footer names the digest plainly.
    assert f"The chair posted\n  {work_group.space.full_url}discussions/1/\n" in mail.body
    assert "You receive this daily digest because you chose it." in mail.body

    # A second run sends nothing again, and the next day's digest has only what is newer.
    assert notifications.send_digests(DAILY, now=now) == 0
    later = now + datetime.timedelta(days=1)
    assert notifications.send_digests(DAILY, now=later) == 0
    happened(work_group, people["chair"], "Next day's post", at=later + datetime.timedelta(hours=1))
    mailoutbox.clear()
    next_run = later + datetime.timedelta(days=1)
    assert notifications.send_digests(DAILY, now=next_run) == 1
    assert mailoutbox[0].subject == "[Triage Screening Test Group] What happened: 1 update"
    assert "Next day's post" in mailoutbox[0].body
    assert "The chair posted" not in mailoutbox[0].body


def test_nothing_new_means_no_digest(work_group, people, mailoutbox, now):
    membership = choose(
        work_group, people["member"], DAILY, covered_until=now - datetime.timedelta(days=1)
    )
    happened(work_group, people["member"], "Only my own post", at=now - datetime.timedelta(hours=1))
    mailoutbox.clear()
    assert notifications.send_digests(DAILY, now=now) == 0
    assert mailoutbox == []
    membership.refresh_from_db()
    assert membership.digest_covered_until == now


def test_weekly_digests_wait_for_their_week(work_group, people, mailoutbox, now):
    choose(work_group, people["member"], WEEKLY, covered_until=now - datetime.timedelta(days=7))
    choose(work_group, people["observer"], WEEKLY, covered_until=now - datetime.timedelta(days=2))
    choose(work_group, people["chair"], NONE)
    happened(work_group, people["chair"], "This week's post", at=now - datetime.timedelta(hours=1))
    mailoutbox.clear()
    # The daily run leaves weekly members alone.
    assert notifications.send_digests(DAILY, now=now) == 0
    assert notifications.send_digests(WEEKLY, now=now) == 1
    assert recipients(mailoutbox) == [people["member"].email]
    assert "You receive this weekly digest because you chose it." in mailoutbox[0].body


def test_a_run_a_little_early_still_finds_yesterdays_members(work_group, people, mailoutbox, now):
    choose(
        work_group,
        people["member"],
        DAILY,
        covered_until=now - datetime.timedelta(hours=23, minutes=30),
    )
    happened(work_group, people["chair"], "A post", at=now - datetime.timedelta(hours=2))
    assert notifications.send_digests(DAILY, now=now) == 1


def test_removed_members_get_no_digest(work_group, people, mailoutbox, now):
    choose(work_group, people["member"], DAILY, covered_until=now - datetime.timedelta(days=1))
    happened(work_group, people["chair"], "A post", at=now - datetime.timedelta(hours=2))
    membership_service.remove_member(
        Membership.objects.get(work_group=work_group, user=people["member"]),
        actor=people["chair"],
    )
    mailoutbox.clear()
    assert notifications.send_digests(DAILY, now=now) == 0
    assert people["member"].email not in recipients(mailoutbox)


def test_a_failed_digest_is_tried_again_next_run(work_group, people, mailoutbox, now):
    membership = choose(
        work_group, people["member"], DAILY, covered_until=now - datetime.timedelta(days=1)
    )
    before = membership.digest_covered_until
    happened(work_group, people["chair"], "A post", at=now - datetime.timedelta(hours=2))
    with mock.patch.object(notifications, "send_mail", side_effect=OSError("down")):
        assert notifications.send_digests(DAILY, now=now) == 0
    membership.refresh_from_db()
    assert membership.digest_covered_until == before
    assert notifications.send_digests(DAILY, now=now) == 1


# The scheduler's command


def test_the_command_queues_the_digest_task(work_group, people, mailoutbox):
    out = StringIO()
    task = mock.Mock()
    task.enqueue.return_value.id = "task-1"
    with mock.patch("workgroups.management.commands.send_work_group_digests.send_digests", task):
        call_command("send_work_group_digests", "weekly", stdout=out)
    task.enqueue.assert_called_once_with("weekly")
    assert "Queued the weekly digests (task task-1)." in out.getvalue()


def test_the_command_runs_the_digests_with_the_immediate_backend(work_group, people, mailoutbox):
    Membership.objects.update(notifications=NONE)
    choose(
        work_group,
        people["member"],
        DAILY,
        covered_until=timezone.now() - datetime.timedelta(days=2),
    )
    happened(work_group, people["chair"], "A post", at=timezone.now() - datetime.timedelta(hours=1))
    mailoutbox.clear()
    call_command("send_work_group_digests", "daily", stdout=StringIO())
    assert recipients(mailoutbox) == [people["member"].email]


def test_the_command_refuses_other_frequencies():
    with pytest.raises(CommandError):
        call_command("send_work_group_digests", "hourly")
