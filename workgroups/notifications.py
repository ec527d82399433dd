"""E-mail about work-group activity, by each member's choice: immediately, a daily or weekly
digest, or nothing. A digest with nothing new is not sent. Nobody is told about their own
activity, and only current members of the group are told anything (access decides)."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import access
from .models import Activity, Membership

logger = logging.getLogger(__name__)


def space_url(work_group):
    space = work_group.space
    return space.full_url if space is not None else settings.WAGTAILADMIN_BASE_URL


def _send(user, subject, template, context):
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {"user": user, **context})
    send_mail(subject, body, None, [user.email])


def notify_activity(activity_id):
    """Tell the members who chose 'immediately' about one activity; returns how many."""
    activity = (
        Activity.objects.select_related("work_group__space", "actor").filter(pk=activity_id).first()
    )
    if activity is None:
        return 0
    work_group = activity.work_group
    memberships = (
        Membership.objects.filter(
            work_group=work_group, notifications=Membership.Notifications.IMMEDIATELY
        )
        .exclude(user_id=activity.actor_id)
        .exclude(user__email="")
        .filter(user__is_active=True)
        .select_related("user")
    )
    sent = 0
    for membership in memberships:
        if not access.can_view(membership.user, work_group):
            continue
        _send(
            membership.user,
            f"[{work_group.name}] {activity.summary}",
            "workgroups/email/activity.txt",
            {"work_group": work_group, "activity": activity, "space_url": space_url(work_group)},
        )
        sent += 1
    return sent


# A digest run by a daily (or weekly) scheduler finds last run's members due even if this run
# starts a little earlier in the day.
SCHEDULE_SLACK = timezone.timedelta(hours=1)
DIGEST_PERIODS = {
    Membership.Notifications.DAILY: timezone.timedelta(days=1),
    Membership.Notifications.WEEKLY: timezone.timedelta(days=7),
}


def send_digests(frequency, now=None):
    """Send the daily or weekly digest to every member who chose it and is due; returns how
    many were sent. Each member's digest covers activity since their last one, by others."""
    now = now or timezone.now()
    period = DIGEST_PERIODS[frequency]
    due = (
        Membership.objects.filter(
            notifications=frequency, digest_covered_until__lte=now - period + SCHEDULE_SLACK
        )
        .filter(user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "work_group__space")
    )
    sent = 0
    for membership in due:
        with transaction.atomic():
            # Lock the row so that two workers never send the same digest.
            locked = (
                Membership.objects.select_for_update()
                .filter(pk=membership.pk, digest_covered_until=membership.digest_covered_until)
                .update(digest_covered_until=now)
            )
            if not locked:
                continue
            activities = list(
                Activity.objects.filter(
                    work_group=membership.work_group_id,
                    created_at__gt=membership.digest_covered_until,
                    created_at__lte=now,
                )
                .exclude(actor=membership.user_id)
                .order_by("created_at")[:200]
            )
            if not activities or not access.can_view(membership.user, membership.work_group):
                continue  # nothing new: no e-mail (the period still counts as covered)
            work_group = membership.work_group
            _send(
                membership.user,
                _("[%(group)s] What happened: %(count)s updates")
                % {"group": work_group.name, "count": len(activities)},
                "workgroups/email/digest.txt",
                {
                    "work_group": work_group,
                    "activities": activities,
                    "space_url": space_url(work_group),
                    "frequency": membership.get_notifications_display(),
                },
            )
            sent += 1
    logger.info("Sent %s %s work-group digests.", sent, frequency)
    return sent
