"""Reminders of months due: e-mailed to each site's data managers
COLLABORATIVE_REMINDER_DAYS_BEFORE days before a month's due date and
COLLABORATIVE_REMINDER_DAYS_AFTER days after it, while the month is not submitted.

`manage.py send_submission_reminders` runs this daily (through the task backend). Each
reminder is sent at most once to each person for each month and offset: a SubmissionReminder
row is written in the transaction that sends it, so running twice a day, or two workers at
once, sends nothing twice. A reminder whose day has passed still goes out for
REMINDER_WINDOW_DAYS days, so a scheduler that missed a day or two catches up; older ones are
dropped (a site that joins with months behind is not sent a reminder for each of them: its
home page lists them). When the window holds two offsets of one month, only the later one is
sent and both are recorded.

No reminders for submitted months (a reopened one counts as not submitted), nor for sites that
have left (their last month is before the current one).
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q

from . import access, notifications, periods
from .models import CollaborativeSite, SitePerson, Submission, SubmissionReminder
from .submissions import due_date, is_site_month, today

logger = logging.getLogger(__name__)

REMINDER_WINDOW_DAYS = 3


def offsets():
    """Days from the due date on which reminders go: negative before it, positive after."""
    before = {-abs(days) for days in settings.COLLABORATIVE_REMINDER_DAYS_BEFORE}
    after = {abs(days) for days in settings.COLLABORATIVE_REMINDER_DAYS_AFTER}
    return sorted(before | after)


@dataclass
class DueReminder:
    site: CollaborativeSite
    period: datetime.date
    due: datetime.date
    offset: int  # the one sent
    covered: list  # every offset in the window, recorded with it


def in_window(due, offset, on):
    day = due + datetime.timedelta(days=offset)
    return day <= on < day + datetime.timedelta(days=REMINDER_WINDOW_DAYS)


def candidate_periods(on):
    """The months whose due date puts one of the offsets in the window today."""
    days = offsets()
    if not days:
        return []
    earliest = on - datetime.timedelta(days=max(days) + REMINDER_WINDOW_DAYS)
    latest = on - datetime.timedelta(days=min(days))
    # A month is due in the month after it (or later, with a due day past month's end).
    first = periods.previous_month(periods.previous_month(periods.month_of(earliest)))
    return [
        period
        for period in periods.months(first, periods.month_of(latest))
        if any(in_window(due_date(period), offset, on) for offset in days)
    ]


def due_reminders(on):
    """[DueReminder] of the months of taking-part sites that a reminder is due for today."""
    candidates = candidate_periods(on)
    if not candidates:
        return []
    sites = CollaborativeSite.objects.filter(
        Q(left_on__isnull=True) | Q(left_on__gte=periods.month_of(on))
    ).select_related("organization")
    submitted = set(
        Submission.objects.filter(
            period__in=candidates, status=Submission.Status.SUBMITTED
        ).values_list("site_id", "period")
    )
    found = []
    for site in sites:
        for period in candidates:
            if not is_site_month(site, period) or (site.pk, period) in submitted:
                continue
            due = due_date(period)
            covered = [offset for offset in offsets() if in_window(due, offset, on)]
            if covered:
                found.append(DueReminder(site, period, due, max(covered), covered))
    return found


def send_reminders(on=None):
    """E-mail every reminder due today that has not been sent; returns how many were sent."""
    on = on or today()
    reminders = due_reminders(on)
    if not reminders:
        return 0
    site_ids = {r.site.pk for r in reminders}
    managers = {}
    for person in (
        SitePerson.objects.filter(
            site__in=site_ids, role=SitePerson.Role.DATA_MANAGER, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    ):
        managers.setdefault(person.site_id, []).append(person.user)
    sent_before = set(
        SubmissionReminder.objects.filter(
            site__in=site_ids, period__in={r.period for r in reminders}
        ).values_list("site_id", "period", "offset", "user_id")
    )
    sent = 0
    for reminder in reminders:
        site = reminder.site
        for user in managers.get(site.pk, []):
            if (site.pk, reminder.period, reminder.offset, user.pk) in sent_before:
                continue
            if not access.can_enter(user, site):
                continue
            try:
                sent += _send_once(reminder, user)
            except Exception:
                # Rolled back, so the next run tries again; the others still get theirs.
                logger.exception(
                    "Could not remind %s of %s %s", user, site.code, f"{reminder.period:%Y-%m}"
                )
    logger.info("Sent %s submission reminders.", sent)
    return sent


def _send_once(reminder, user):
    """1 if this run sent the reminder, 0 if another run already had."""
    try:
        with transaction.atomic():
            _row, created = SubmissionReminder.objects.get_or_create(
                site=reminder.site, period=reminder.period, offset=reminder.offset, user=user
            )
            if not created:
                return 0
            for offset in reminder.covered:
                SubmissionReminder.objects.get_or_create(
                    site=reminder.site, period=reminder.period, offset=offset, user=user
                )
            notifications.reminder_message(
                user, reminder.site, reminder.period, reminder.due, reminder.offset
            ).send()
    except IntegrityError:
        return 0  # another worker wrote the row first, and sends it
    return 1
