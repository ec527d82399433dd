"""E-mail about work-group activity, by each member's choice: immediately, a daily or weekly
digest, or nothing. A digest with nothing new is not sent. Nobody is told about their own
activity, and only current members of the group are told anything (access decides)."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import access
from .models import Activity, Membership, Mention
from .templatetags.workgroup_tags import person

logger = logging.getLogger(__name__)


def space_url(work_group):
    space = work_group.space
    url = space.full_url if space is not None else None
    # A space outside every site has no address of its own: the admin's is the next best.
    return url or settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/"


def link_base(work_group, activity):
    """What the activity's url is appended to in the e-mail: the space's address for a path
    inside the space ("discussions/3/"), or the site's origin for an absolute path (rows
    written before drafts had a reading page link to "/admin/pages/7/edit/")."""
    base = space_url(work_group)
    if activity.url.startswith("/"):
        parts = urlsplit(base)
        return f"{parts.scheme}://{parts.netloc}"
    return base


def _send(user, subject, template, context):
    """Subject and body in the site's language: tasks may run inside a request that has
    another language active."""
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {"user": user, **context})
        subject = subject() if callable(subject) else str(subject)
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
    base = link_base(work_group, activity)
    mentioned = set(Mention.objects.filter(activity=activity).values_list("user_id", flat=True))
    sent = 0
    for membership in memberships:
        if not access.can_view(membership.user, work_group):
            continue
        mentions_you = membership.user_id in mentioned
        try:
            _send(
                membership.user,
                _mention_subject(work_group, activity)
                if mentions_you
                else (f"[{work_group.name}] {activity.summary}"),
                "workgroups/email/activity.txt",
                {
                    "work_group": work_group,
                    "activity": activity,
                    "space_url": base,
                    "mentions_you": mentions_you,
                },
            )
        except Exception:
            # One address the mail server refuses must not cost everyone else their e-mail.
            logger.exception("Could not e-mail %s about activity %s", membership.user, activity.pk)
            continue
        sent += 1
    return sent


def _mention_subject(work_group, activity):
    def subject():
        return _("[%(group)s] %(name)s mentioned you") % {
            "group": work_group.name,
            "name": person(activity.actor) if activity.actor else _("A former member"),
        }

    return subject


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
        try:
            sent += _send_digest(membership, now)
        except Exception:
            # The failed member's period stays uncovered (rolled back), so the next run tries
            # again; the others still get theirs.
            logger.exception("Could not send the %s digest to %s", frequency, membership.user)
    logger.info("Sent %s %s work-group digests.", sent, frequency)
    return sent


MAX_DIGEST_ITEMS = 200


@transaction.atomic
def _send_digest(membership, now):
    """1 if the member's digest was sent, 0 if someone else sent it or there was nothing new."""
    # Claim the period by moving its start: of two workers, only one matches the old value.
    claimed = Membership.objects.filter(
        pk=membership.pk, digest_covered_until=membership.digest_covered_until
    ).update(digest_covered_until=now)
    if not claimed:
        return 0
    activities = list(
        Activity.objects.filter(
            work_group=membership.work_group_id,
            created_at__gt=membership.digest_covered_until,
            created_at__lte=now,
        )
        .exclude(actor=membership.user_id)
        .order_by("created_at")[:MAX_DIGEST_ITEMS]
    )
    if not activities or not access.can_view(membership.user, membership.work_group):
        return 0  # nothing new: no e-mail (the period still counts as covered)
    work_group = membership.work_group
    mentioned = set(
        Mention.objects.filter(
            user=membership.user_id, activity__in=[activity.pk for activity in activities]
        ).values_list("activity_id", flat=True)
    )
    for activity in activities:
        activity.mentions_you = activity.pk in mentioned
        activity.link = link_base(work_group, activity) + activity.url if activity.url else ""

    def subject():
        count = len(activities)
        return ngettext(
            "[%(group)s] What happened: %(count)s update",
            "[%(group)s] What happened: %(count)s updates",
            count,
        ) % {"group": work_group.name, "count": count}

    _send(
        membership.user,
        subject,
        "workgroups/email/digest.txt",
        {
            "work_group": work_group,
            "activities": activities,
            "space_url": space_url(work_group),
            "weekly": membership.notifications == Membership.Notifications.WEEKLY,
        },
    )
    return 1
