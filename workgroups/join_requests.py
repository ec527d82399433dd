"""Asking to join a work group: staff of a member organization ask, the group's chairs (or
consortium staff, whoever may invite) accept or decline in the space's members page.

Each step is one transaction with the request's row locked, so a double submit changes
nothing twice; the e-mails go out through the task queue once it commits. Accepting adds the
member through workgroups.membership, the same path invitations take.
"""

from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.access import member_organization

from . import access
from . import membership as memberships
from .models import JoinRequest, Membership, WorkGroup


class JoinRequestError(ValueError):
    """Why a request cannot be made or decided; nothing was changed."""


def pending_request(user, work_group):
    if not user.is_authenticated:
        return None
    return JoinRequest.objects.filter(
        work_group=work_group, user=user, status=JoinRequest.Status.PENDING
    ).first()


def pending_requests(work_group):
    return (
        JoinRequest.objects.filter(work_group=work_group, status=JoinRequest.Status.PENDING)
        .select_related("user__profile__organization")
        .order_by("created_at", "pk")
    )


def check_may_ask(user, work_group):
    """Raise JoinRequestError saying why this person cannot ask to join this group now."""
    if not user.is_authenticated or not user.is_active:
        raise JoinRequestError(_("Log in to ask to join a work group."))
    if member_organization(user) is None:
        raise JoinRequestError(
            _(
                "Only staff of a member organization can ask to join a work group. "
                "Name your organization on your profile first."
            )
        )
    if work_group.is_archived:
        raise JoinRequestError(_("This work group is archived: it takes no new members."))
    if Membership.objects.filter(work_group=work_group, user=user).exists():
        raise JoinRequestError(_("You are already in this work group."))
    if pending_request(user, work_group) is not None:
        raise JoinRequestError(
            _("You have already asked to join this group. Its chairs will answer by e-mail.")
        )


def may_ask(user, work_group):
    try:
        check_may_ask(user, work_group)
    except JoinRequestError:
        return False
    return True


def ask(work_group, user, message=""):
    """Record the request and tell the chairs once it commits; returns it."""
    from .tasks import tell_chairs_of_join_request  # tasks import this module

    try:
        with transaction.atomic():
            # Lock the group's row: two submits at once make one request.
            WorkGroup.objects.select_for_update().filter(pk=work_group.pk).first()
            check_may_ask(user, work_group)
            request = JoinRequest.objects.create(
                work_group=work_group, user=user, message=message.strip()
            )
            transaction.on_commit(
                partial(tell_chairs_of_join_request.enqueue, request.pk), robust=True
            )
    except IntegrityError as error:  # the constraint caught a concurrent duplicate
        raise JoinRequestError(
            _("You have already asked to join this group. Its chairs will answer by e-mail.")
        ) from error
    return request


def decide(request_id, work_group, *, accept, actor, reason=""):
    """Accept (the person becomes a member) or decline a pending request of this group and
    e-mail the person once it commits. Raises JoinRequestError, changing nothing, when the
    request is already decided or the actor may not decide it."""
    from .tasks import tell_requester_of_decision  # tasks import this module

    with transaction.atomic():
        request = (
            JoinRequest.objects.select_for_update()
            .select_related("user")
            .filter(pk=request_id, work_group=work_group)
            .first()
        )
        if request is None:
            raise JoinRequestError(_("There is no such request in this group."))
        if not access.can_manage_members(actor, work_group):
            raise JoinRequestError(_("Only the group’s chairs and consortium staff can answer."))
        if request.status != JoinRequest.Status.PENDING:
            raise JoinRequestError(_("This request has already been answered."))
        request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
        request.decided_by = actor
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_by", "decided_at"])
        if accept:
            memberships.add_member(
                work_group, request.user, Membership.Role.MEMBER, actor=actor, via="join request"
            )
        transaction.on_commit(
            partial(tell_requester_of_decision.enqueue, request.pk, reason.strip()), robust=True
        )
    return request
