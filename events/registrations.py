"""Registering and cancelling: places, the waiting list and its moving up.

Each change runs in one transaction that first locks the session's row (select_for_update,
a row lock on PostgreSQL; SQLite locks the whole database for a write), so two people taking
the last place at once cannot both get it, and a place freed by a cancellation goes to the
first person waiting in the same transaction. A refusal raises RegistrationRefused with the
message to show, and changes nothing. E-mails are enqueued after the commit (events.tasks).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.transactions import once_on_commit

from . import access
from .models import Registration, Session


class RegistrationRefused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _locked_session(session_id):
    return Session.objects.select_for_update().select_related("event").get(pk=session_id)


def _refuse_unless_open(user, session):
    if session.is_cancelled:
        raise RegistrationRefused(_("This session has been cancelled."))
    if session.starts_at <= timezone.now():
        raise RegistrationRefused(_("This session has already started or taken place."))
    reason = access.refusal(user, session.event)
    if reason:
        raise RegistrationRefused(reason)


def _has_place(session):
    return session.capacity is None or session.confirmed_count() < session.capacity


def _after_commit_email(registration):
    # events.tasks imports this module's neighbours; the task is enqueued after the commit
    from .tasks import send_registration_email

    once_on_commit(
        ("events.registration_email", registration.pk),
        lambda: send_registration_email.enqueue(registration.pk),
    )


def register(user, session_id):
    """Register the user: a place if there is one, else the waiting list. Returns the
    registration."""
    with transaction.atomic():
        session = _locked_session(session_id)
        _refuse_unless_open(user, session)
        registration = (
            Registration.objects.select_for_update().filter(session=session, user=user).first()
        )
        if registration is not None and registration.is_active:
            if registration.status == Registration.Status.WAITING:
                raise RegistrationRefused(_("You are already on the waiting list."))
            raise RegistrationRefused(_("You are already registered for this session."))
        status = (
            Registration.Status.CONFIRMED if _has_place(session) else Registration.Status.WAITING
        )
        now = timezone.now()
        if registration is None:
            registration = Registration(session=session, user=user)
        registration.status = status
        registration.registered_at = registration.queued_at = now
        registration.cancelled_at = None
        registration.confirmation_sent_for = ""
        registration.save()
        _after_commit_email(registration)
    return registration


def cancel(registration_id, user=None):
    """Cancel a registration (the user's own when a user is given); the first person waiting
    gets the freed place. Returns (registration, promoted registration or None)."""
    with transaction.atomic():
        registration = Registration.objects.select_related("session").get(pk=registration_id)
        session = _locked_session(registration.session_id)
        registration = Registration.objects.select_for_update().get(pk=registration_id)
        if user is not None and registration.user_id != user.pk:
            raise RegistrationRefused(_("This is not your registration."))
        if not registration.is_active:
            raise RegistrationRefused(_("This registration was already cancelled."))
        if session.starts_at <= timezone.now():
            raise RegistrationRefused(_("This session has already started or taken place."))
        was_confirmed = registration.status == Registration.Status.CONFIRMED
        registration.status = Registration.Status.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        promoted = promote_waiting(session) if was_confirmed else None
    return registration, promoted


def promote_waiting(session):
    """Give the freed place to the first person waiting (inside the caller's transaction,
    with the session locked)."""
    if not _has_place(session):
        return None
    waiting = (
        Registration.objects.select_for_update()
        .filter(session=session, status=Registration.Status.WAITING)
        .order_by("queued_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = Registration.Status.CONFIRMED
    waiting.save(update_fields=["status"])
    _after_commit_email(waiting)
    return waiting


def active_registrations(user):
    return (
        Registration.objects.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("session__event")
        .order_by("session__starts_at")
    )
