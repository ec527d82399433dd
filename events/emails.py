"""The e-mails of events: a registration's confirmation (with the calendar file), the reminder
the day before, and the evaluation request after the session.

Exactly once: each e-mail is sent inside the transaction that locks its registration and
records it as sent. A second run (two tasks, the scheduled command run twice) finds it
recorded and sends nothing; a failed send is logged, rolls the record back and fails the task,
so the task backend keeps the failure and the next scheduled run tries again (never lost
silently).
"""

import datetime
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .calendar_file import build_calendar
from .models import Registration

logger = logging.getLogger(__name__)

CANCEL_SALT = "events.cancel"
EVALUATION_SALT = "events.evaluation"
REMINDER_AHEAD = datetime.timedelta(days=1)
# Evaluation requests go out for sessions that ended within this time (not years later).
EVALUATION_WINDOW = datetime.timedelta(days=14)


def cancel_token(registration):
    return signing.dumps(registration.pk, salt=CANCEL_SALT)


def evaluation_token(registration):
    return signing.dumps(registration.pk, salt=EVALUATION_SALT)


def registration_of_token(token, salt):
    try:
        registration_id = signing.loads(token, salt=salt)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return (
        Registration.objects.select_related("session__event", "user")
        .filter(pk=registration_id)
        .first()
    )


def _site_root(page):
    site = page.get_site()
    return (site.root_url if site else settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def _context(registration):
    session = registration.session
    page = session.event
    root = _site_root(page)
    return {
        "registration": registration,
        "session": session,
        "event": page,
        "user": registration.user,
        "page_url": page.get_full_url(),
        "cancel_url": root + reverse("event_cancel_link", args=[cancel_token(registration)]),
        "evaluation_url": root + reverse("event_evaluation", args=[evaluation_token(registration)]),
        "my_registrations_url": root + reverse("event_registrations"),
    }


def _message(registration, subject, template, with_calendar=False):
    with translation.override(settings.LANGUAGE_CODE):
        context = _context(registration)
        message = EmailMultiAlternatives(
            subject=str(subject),
            body=render_to_string(f"events/email/{template}.txt", context),
            to=[registration.user.email],
        )
        if with_calendar:
            message.attach(
                "session.ics",
                build_calendar(registration.session, context["page_url"]),
                "text/calendar; charset=utf-8; method=PUBLISH",
            )
    return message


def _send_once(registration_id, is_due, mark, build):
    """Lock the registration, and if it is due, send and record in one transaction."""
    try:
        with transaction.atomic():
            registration = (
                Registration.objects.select_for_update()
                .select_related("session__event", "user")
                .filter(pk=registration_id)
                .first()
            )
            if registration is None or not registration.user.email or not is_due(registration):
                return False
            mark(registration)
            build(registration).send()
            return True
    except Exception:
        logger.exception("Could not send an event e-mail for registration %s", registration_id)
        raise


def send_registration_email(registration_id):
    """The confirmation of a place (with the calendar file) or of a place on the waiting list."""

    def is_due(registration):
        return registration.is_active and registration.confirmation_sent_for != registration.status

    def mark(registration):
        registration.confirmation_sent_for = registration.status
        registration.save(update_fields=["confirmation_sent_for"])

    def build(registration):
        title = registration.session.event.title
        if registration.status == Registration.Status.CONFIRMED:
            return _message(
                registration,
                _("You are registered: %(title)s") % {"title": title},
                "confirmation",
                with_calendar=True,
            )
        return _message(
            registration, _("You are on the waiting list: %(title)s") % {"title": title}, "waiting"
        )

    return _send_once(registration_id, is_due, mark, build)


def send_reminder(registration_id):
    def is_due(registration):
        session = registration.session
        return (
            registration.status == Registration.Status.CONFIRMED
            and registration.reminder_sent_at is None
            and not session.is_cancelled
            and timezone.now() < session.starts_at
        )

    def mark(registration):
        registration.reminder_sent_at = timezone.now()
        registration.save(update_fields=["reminder_sent_at"])

    def build(registration):
        return _message(
            registration,
            _("Tomorrow: %(title)s") % {"title": registration.session.event.title},
            "reminder",
            with_calendar=True,
        )

    return _send_once(registration_id, is_due, mark, build)


def send_evaluation_request(registration_id):
    def is_due(registration):
        session = registration.session
        return (
            registration.status == Registration.Status.CONFIRMED
            and registration.evaluation_sent_at is None
            and not session.is_cancelled
            and session.ends_at <= timezone.now()
            and not hasattr(registration, "evaluation")
        )

    def mark(registration):
        registration.evaluation_sent_at = timezone.now()
        registration.save(update_fields=["evaluation_sent_at"])

    def build(registration):
        return _message(
            registration,
            _("How was it? %(title)s") % {"title": registration.session.event.title},
            "evaluation",
        )

    return _send_once(registration_id, is_due, mark, build)


def due_registrations(now=None):
    """(confirmations, reminders, evaluation requests) still to send: registration ids."""
    now = now or timezone.now()
    active = Registration.objects.exclude(status=Registration.Status.CANCELLED).exclude(
        session__status="cancelled"
    )
    confirmations = active.exclude(confirmation_sent_for=F("status")).filter(
        session__starts_at__gt=now
    )
    reminders = active.filter(
        status=Registration.Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        session__starts_at__gt=now,
        session__starts_at__lte=now + REMINDER_AHEAD,
    )
    evaluations = active.filter(
        status=Registration.Status.CONFIRMED,
        evaluation_sent_at__isnull=True,
        evaluation__isnull=True,
        session__ends_at__lte=now,
        session__ends_at__gt=now - EVALUATION_WINDOW,
    )
    return (
        list(confirmations.values_list("pk", flat=True)),
        list(reminders.values_list("pk", flat=True)),
        list(evaluations.values_list("pk", flat=True)),
    )
