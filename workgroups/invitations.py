"""Invitations to a work group: created by a chair (or consortium staff), e-mailed, accepted once
by the account that has verified the invited address, or revoked.

The token exists only in the e-mail: the database keeps its SHA-256 hash, so a copy of the
database (or of the task queue) hands out no working link. Accepting runs in one transaction
with the invitation row locked, so a double submit cannot make two memberships.
"""

import datetime
import hashlib
import secrets
from functools import partial

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from portal.accounts.adapter import remember_proved_address

from . import membership as memberships
from .models import Invitation, Membership, WorkGroup

ACCEPT_URL_NAME = "workgroup_invitation"


class InvitationError(ValueError):
    """Why an invitation cannot be made, accepted or revoked; `status` is the HTTP answer."""

    status = 400


class UnknownInvitation(InvitationError):
    status = 404


class InvitationClosed(InvitationError):
    """Expired, used, revoked, or its group archived: the link will never work again."""

    status = 410


class WrongAccount(InvitationError):
    status = 403


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def normalize_email(email):
    return get_user_model().objects.normalize_email(email.strip())


def open_invitations(work_group):
    return Invitation.objects.filter(
        work_group=work_group,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
        expires_at__gt=timezone.now(),
    ).select_related("invited_by")


def check_invitable(work_group, email):
    """Raise InvitationError when inviting this address would change nothing."""
    if work_group.is_archived:
        raise InvitationError(_("This work group is archived: it takes no new members."))
    # Any address the account has claimed counts, verified or not: either way it is the
    # person already in the group.
    already_member = Membership.objects.filter(work_group=work_group).filter(
        Q(user__email__iexact=email) | Q(user__emailaddress__email__iexact=email)
    )
    if already_member.exists():
        raise InvitationError(_("%(email)s is already a member of this group.") % {"email": email})
    if open_invitations(work_group).filter(email__iexact=email).exists():
        raise InvitationError(
            _(
                "%(email)s has already been invited and the invitation is still open. "
                "Revoke it first to send a new one."
            )
            % {"email": email}
        )


def accept_path(token):
    # Links in e-mail carry no language prefix, whatever the inviter's language.
    with translation.override(settings.LANGUAGE_CODE):
        return reverse(ACCEPT_URL_NAME, args=[token])


def _base_url(work_group):
    space = work_group.space
    site = space.get_site() if space is not None else None
    return site.root_url if site is not None else settings.WAGTAILADMIN_BASE_URL


def check_within_limits(work_group, actor):
    """Raise InvitationError when this person has sent too many invitations lately, or the
    group has too many open: every invitation is an e-mail from the consortium's address to
    whoever was typed in, so a compromised or careless account must not turn it into a
    mailing list. Counted from the invitations themselves, so every server agrees."""
    per_hour = settings.WORK_GROUP_INVITATIONS_PER_HOUR
    recent = Invitation.objects.filter(
        invited_by=actor, created_at__gt=timezone.now() - datetime.timedelta(hours=1)
    )
    if recent.count() >= per_hour:
        raise InvitationError(
            _(
                "You have sent %(count)d invitations in the last hour, the most allowed. "
                "Try again later."
            )
            % {"count": per_hour}
        )
    most_open = settings.WORK_GROUP_MAX_OPEN_INVITATIONS
    if open_invitations(work_group).count() >= most_open:
        raise InvitationError(
            _(
                "This group already has %(count)d open invitations, the most allowed. "
                "Revoke some, or wait for them to be accepted or to expire."
            )
            % {"count": most_open}
        )


@transaction.atomic
def invite(work_group, email, role, *, actor):
    """Create an invitation and e-mail its link once the transaction commits; returns it."""
    email = normalize_email(email)
    if role not in Membership.Role.values:
        raise InvitationError(_("Choose a role: chair, member or observer."))
    # Lock the group's row so that two chairs inviting the same address at the same moment
    # make one invitation (PostgreSQL; SQLite serialises writes anyway).
    WorkGroup.objects.select_for_update().filter(pk=work_group.pk).first()
    check_invitable(work_group, email)
    check_within_limits(work_group, actor)
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        work_group=work_group,
        email=email,
        role=role,
        token_hash=hash_token(token),
        invited_by=actor,
        expires_at=timezone.now() + Invitation.VALID_FOR,
    )
    log(
        instance=work_group,
        action=memberships.INVITED,
        user=actor,
        data={"email": email, "role": role, "invitation_id": invitation.pk},
    )
    # Sent here, not from a background task: a queued task would store the token in the
    # database. On commit, so that a rolled-back invitation sends no link.
    transaction.on_commit(partial(send_invitation, invitation, token), robust=True)
    return invitation


def send_invitation(invitation, token):
    work_group = invitation.work_group
    inviter = invitation.invited_by
    context = {
        "invitation": invitation,
        "work_group": work_group,
        "role": invitation.get_role_display().lower(),
        "inviter": (inviter.get_full_name() or inviter.email) if inviter else "",
        "accept_url": _base_url(work_group) + accept_path(token),
        "expires_at": invitation.expires_at,
    }
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Invitation to join the %(group)s work group") % {"group": work_group.name}
        body = render_to_string("workgroups/email/invitation.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [invitation.email])


def find(token, *, lock=False):
    """The invitation a token names (any state), or None."""
    invitations = Invitation.objects.select_related("work_group__space", "invited_by")
    if lock:
        invitations = invitations.select_for_update(of=("self",))
    return invitations.filter(token_hash=hash_token(token)).first()


def check_open(invitation):
    """Raise the reason an invitation can no longer be accepted."""
    if invitation is None:
        raise UnknownInvitation(
            _("This invitation link is not valid. Check that you copied the whole link.")
        )
    if invitation.revoked_at is not None:
        raise InvitationClosed(
            _("This invitation was withdrawn. Ask a chair of the group for a new one.")
        )
    if invitation.accepted_at is not None:
        raise InvitationClosed(
            _("This invitation has already been used. Each invitation works only once.")
        )
    if timezone.now() >= invitation.expires_at:
        raise InvitationClosed(
            _("This invitation has expired. Ask a chair of the group for a new one.")
        )
    if invitation.work_group.is_archived:
        raise InvitationClosed(_("This work group is archived: it takes no new members."))


def vouch_for_address(request, invitation):
    """Whoever opened the link read the e-mail sent to the invited address: if they sign up
    with that very address in this session, it counts as verified (portal's account adapter)
    and they are asked to confirm nothing the invitation already proved."""
    remember_proved_address(request, invitation.email)


def check_account(invitation, user):
    """Raise WrongAccount unless the invited address is one of the user's (it is marked
    verified on the way: the caller holds the token that was sent to it)."""
    addresses = EmailAddress.objects.filter(user=user, email__iexact=invitation.email)
    if addresses.filter(verified=True).exists():
        return
    if addresses.exists():
        # Only the invitation's token leads here, and it was e-mailed to that address: its
        # holder has proved the address as a confirmation link would have.
        for address in addresses:
            address.verified = True
            address.save(update_fields=["verified"])
        return
    raise WrongAccount(
        _(
            "This invitation was sent to a different e-mail address than the ones on your "
            "account. Log out and log in (or sign up) with the invited address."
        )
    )


def accept(token, user):
    """Make the user a member with the invited role; returns (membership, created).

    Raises an InvitationError, and changes nothing, when the link is unknown, expired,
    used, revoked or meant for another account.
    """
    with transaction.atomic():
        invitation = find(token, lock=True)
        if (
            invitation is not None
            and invitation.accepted_by_id == user.pk
            and Membership.objects.filter(work_group=invitation.work_group, user=user).exists()
        ):
            # The same person submitting twice: they are in, say so quietly.
            return Membership.objects.get(work_group=invitation.work_group, user=user), False
        check_open(invitation)
        check_account(invitation, user)
        membership, created = memberships.add_member(
            invitation.work_group, user, invitation.role, actor=user, via="invitation"
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        return membership, created


@transaction.atomic
def revoke(invitation_id, work_group, *, actor):
    """Withdraw an open invitation of this group; its link stops working at once."""
    invitation = (
        Invitation.objects.select_for_update()
        .filter(pk=invitation_id, work_group=work_group)
        .first()
    )
    if invitation is None:
        raise UnknownInvitation(_("There is no such invitation in this group."))
    if invitation.accepted_at is not None:
        raise InvitationError(_("This invitation has already been accepted."))
    if invitation.revoked_at is not None:
        raise InvitationError(_("This invitation has already been revoked."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    log(
        instance=work_group,
        action=memberships.INVITATION_REVOKED,
        user=actor,
        data={"email": invitation.email, "role": invitation.role, "invitation_id": invitation.pk},
    )
    return invitation
