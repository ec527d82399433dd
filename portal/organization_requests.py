"""Organization requests: naming a member organization asks consortium staff to confirm it.

Naming one (at sign-up or on the profile page) makes a pending request and e-mails the staff
who may decide; one pending request per person, a new choice replacing the old. Staff with
the permission approve (which opens members-only material) or decline (with an optional
reason); the person is e-mailed either way. Nobody decides their own request, and a request
already answered stays as it was: deciding twice changes nothing.
"""

import datetime
import logging
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .models import ConsortiumSettings, OrganizationRequest, UserProfile

DECIDE_PERMISSION = "portal.decide_organizationrequest"

logger = logging.getLogger(__name__)


def answer_days():
    return settings.PORTAL_ORGANIZATION_ANSWER_DAYS


def answer_by(request_record):
    """The working day by which staff promised an answer (weekends are not working days)."""
    day, left = request_record.requested_at.date(), answer_days()
    while left > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def pending_request(user):
    return (
        OrganizationRequest.objects.filter(user=user, status=OrganizationRequest.Status.PENDING)
        .select_related("organization")
        .first()
    )


def latest_answer(user):
    """The person's most recent answered request, to show its outcome on their profile."""
    return (
        OrganizationRequest.objects.filter(
            user=user,
            status__in=[OrganizationRequest.Status.APPROVED, OrganizationRequest.Status.DECLINED],
        )
        .select_related("organization")
        .order_by("-decided_at")
        .first()
    )


def may_decide(user):
    return user.is_active and user.has_perm(DECIDE_PERMISSION)


@transaction.atomic
def name_organization(user, organization):
    """The person says they work for `organization` (None: for none, or one not listed).
    Returns the pending request, or None when there is nothing for staff to confirm."""
    profile = UserProfile.objects.select_for_update().get(user=user)
    pending = (
        OrganizationRequest.objects.select_for_update()
        .filter(user=user, status=OrganizationRequest.Status.PENDING)
        .first()
    )
    if pending is not None and pending.organization == organization:
        return pending
    if pending is not None:
        pending.status = OrganizationRequest.Status.WITHDRAWN
        pending.decided_at = timezone.now()
        pending.save(update_fields=["status", "decided_at"])
    wanted = None if organization == profile.organization else organization
    profile.requested_organization = wanted
    profile.save(update_fields=["requested_organization"])
    if wanted is None:
        return None
    created = OrganizationRequest.objects.create(user=user, organization=wanted)
    transaction.on_commit(partial(tell_staff, created.pk), robust=True)
    return created


class AlreadyAnswered(Exception):
    """The request was answered (or withdrawn) before this decision reached it."""


def _lock_for_decision(request_id, staff):
    if not may_decide(staff):
        raise PermissionDenied(_("Only consortium staff answer organization requests."))
    found = (
        OrganizationRequest.objects.select_for_update()
        .select_related("user", "organization")
        .filter(pk=request_id)
        .first()
    )
    if found is None:
        raise OrganizationRequest.DoesNotExist
    if found.user_id == staff.pk:
        raise PermissionDenied(_("Someone else on the consortium staff must answer your request."))
    if not found.is_pending:
        raise AlreadyAnswered(found)
    return found


@transaction.atomic
def approve(request_id, staff):
    """Confirm the person works for the organization: members-only material opens to them."""
    found = _lock_for_decision(request_id, staff)
    profile = UserProfile.objects.select_for_update().get(user=found.user)
    profile.organization = found.organization
    profile.requested_organization = None
    profile.save(update_fields=["organization", "requested_organization"])
    _decide(found, staff, OrganizationRequest.Status.APPROVED, "")
    return found


@transaction.atomic
def decline(request_id, staff, reason=""):
    found = _lock_for_decision(request_id, staff)
    profile = UserProfile.objects.select_for_update().get(user=found.user)
    profile.requested_organization = None
    profile.save(update_fields=["requested_organization"])
    _decide(found, staff, OrganizationRequest.Status.DECLINED, reason.strip())
    return found


def _decide(found, staff, status, reason):
    found.status, found.reason = status, reason
    found.decided_at, found.decided_by = timezone.now(), staff
    found.save(update_fields=["status", "reason", "decided_at", "decided_by"])
    transaction.on_commit(partial(tell_person, found.pk), robust=True)


# E-mail


def _site_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _consortium():
    return ConsortiumSettings.objects.order_by("pk").first()


def staff_recipients(requester):
    """Everyone who may answer (never the requester); the consortium's contact address when
    nobody may."""
    users = (
        get_user_model()
        .objects.with_perm(DECIDE_PERMISSION, include_superusers=False)
        .filter(is_active=True)
        .exclude(email="")
        .exclude(pk=requester.pk)
    )
    addresses = sorted({user.email for user in users})
    if not addresses:
        consortium = _consortium()
        if consortium is not None and consortium.contact_email:
            addresses = [consortium.contact_email]
    return addresses


def tell_staff(request_id):
    found = OrganizationRequest.objects.select_related("user", "organization").get(pk=request_id)
    recipients = staff_recipients(found.user)
    if not recipients:
        logger.warning("Organization request %s: nobody to tell.", found.pk)
        return
    context = {
        "request_record": found,
        "person": found.user.get_full_name() or found.user.email,
        "queue_url": _site_url() + reverse("organization_requests:index"),
        "answer_days": answer_days(),
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("%(person)s asks to be confirmed as staff of %(organization)s") % {
            "person": context["person"],
            "organization": found.organization.name,
        }
        body = render_to_string("portal/email/organization_request_staff.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, recipients)


def tell_person(request_id):
    found = OrganizationRequest.objects.select_related("user", "organization").get(pk=request_id)
    if not found.user.email:
        return
    consortium = _consortium()
    context = {
        "request_record": found,
        "user": found.user,
        "approved": found.status == OrganizationRequest.Status.APPROVED,
        "profile_url": _site_url() + reverse("account_profile"),
        "contact_email": consortium.contact_email if consortium else "",
    }
    with translation.override(settings.LANGUAGE_CODE):
        if context["approved"]:
            subject = _("You are confirmed as staff of %(organization)s")
        else:
            subject = _("Your request for %(organization)s was declined")
        subject = subject % {"organization": found.organization.name}
        body = render_to_string("portal/email/organization_request_answer.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [found.user.email])
