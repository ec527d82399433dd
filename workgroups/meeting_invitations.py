"""Invitations to a group's meetings: when a meeting is scheduled or moved, each member is
e-mailed an invitation with the meeting's calendar file (METHOD:REQUEST), and when it is
cancelled, a cancellation (METHOD:CANCEL). Sent after the change is committed, by a task
(workgroups.tasks); the task claims the meeting's SEQUENCE first, so one change is never
announced twice, and a task made stale by a later change sends nothing."""

import logging
from email.message import MIMEPart
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import access
from .calendar_feed import build_meeting_calendar, meeting_url
from .models import Meeting, Membership

logger = logging.getLogger(__name__)

# The fields whose change moves a meeting: members are sent a new invitation.
MOVING_FIELDS = ("starts_at", "ends_at", "location")


def announce_after_commit(meeting, actor):
    """Queue the announcement of the meeting as it is now, once the change is committed."""
    from .tasks import announce_meeting  # the tasks module imports this one

    transaction.on_commit(
        partial(announce_meeting.enqueue, meeting.pk, meeting.sequence, actor.pk), robust=True
    )


@transaction.atomic
def cancel(meeting, user):
    """Mark the meeting cancelled; its SEQUENCE goes up, as for any change."""
    meeting.cancelled_at = timezone.now()
    meeting.cancelled_by = user
    meeting.sequence = F("sequence") + 1
    meeting.save(update_fields=["cancelled_at", "cancelled_by", "sequence", "updated_at"])
    meeting.refresh_from_db(fields=["sequence"])
    return meeting


def announce(meeting_id, sequence, actor_id=None):
    """E-mail the members about this version of the meeting; returns how many were sent."""
    claimed = (
        Meeting.objects.filter(pk=meeting_id, sequence=sequence)
        .filter(Q(announced_sequence__isnull=True) | Q(announced_sequence__lt=sequence))
        .update(announced_sequence=sequence)
    )
    if not claimed:
        return 0  # announced already, or changed again since (that change is announced)
    meeting = Meeting.objects.select_related("work_group__space").get(pk=meeting_id)
    work_group = meeting.work_group
    memberships = (
        Membership.objects.filter(work_group=work_group, user__is_active=True)
        .exclude(user__email="")
        .exclude(user_id=actor_id)
        .select_related("user")
        .order_by("pk")
    )
    method = "CANCEL" if meeting.is_cancelled else "REQUEST"
    stamp = timezone.now()
    sent = 0
    for membership in memberships:
        user = membership.user
        if not access.can_view(user, work_group):
            continue
        try:
            _send(meeting, user, method, stamp)
        except Exception:
            # One address the mail server refuses must not cost everyone else theirs.
            logger.exception("Could not e-mail %s about meeting %s", user, meeting.pk)
            continue
        sent += 1
    return sent


def _send(meeting, user, method, stamp):
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "user": user,
            "meeting": meeting,
            "work_group": meeting.work_group,
            "url": meeting_url(meeting),
            "zone": settings.TIME_ZONE,
            "updated": meeting.sequence > 0,
        }
        if method == "CANCEL":
            subject = _("[%(group)s] Cancelled: %(title)s")
        elif meeting.sequence > 0:
            subject = _("[%(group)s] Moved: %(title)s")
        else:
            subject = _("[%(group)s] Invitation: %(title)s")
        subject = subject % {"group": meeting.work_group.name, "title": meeting.title}
        body = render_to_string("workgroups/email/meeting.txt", {**context, "method": method})
    calendar = build_meeting_calendar(meeting, method=method, attendee=user, stamp=stamp)
    # The METHOD parameter on the part itself is what mail programs look for to offer
    # "add to calendar" (RFC 6047), so the part is built here rather than from a MIME type.
    part = MIMEPart()
    part.set_content(
        calendar.decode(),
        subtype="calendar",
        params={"method": method},
        disposition="attachment",
        filename="meeting.ics",
    )
    message = EmailMessage(subject, body, None, [user.email])
    message.attach(part)
    message.send()
