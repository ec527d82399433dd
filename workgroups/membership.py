"""Changing who is in a work group: every change is one transaction that updates the
membership, the user's Django groups (workgroups.signals), the audit log and the activity
stream. Consortium staff read the audit log in the admin (the work group's History, and
Reports → Site history)."""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from . import access
from .activity import record
from .models import Activity, Membership

# Audit log actions (registered with Wagtail in wagtail_hooks.py).
JOINED = "workgroups.member_joined"
ROLE_CHANGED = "workgroups.role_changed"
REMOVED = "workgroups.member_removed"
LEFT = "workgroups.member_left"
INVITED = "workgroups.invited"
INVITATION_REVOKED = "workgroups.invitation_revoked"


class MembershipError(ValueError):
    """A change that would leave the group in a state it must not be in."""


def _name(user):
    return user.get_full_name() or user.get_username()


@transaction.atomic
def add_member(work_group, user, role, *, actor=None, via=""):
    membership, created = Membership.objects.get_or_create(
        work_group=work_group, user=user, defaults={"role": role}
    )
    if not created:
        return membership, False
    log(
        instance=work_group,
        action=JOINED,
        user=actor,
        data={"member": _name(user), "member_id": user.pk, "role": role, "via": via},
    )
    record(
        work_group,
        Activity.Kind.MEMBER,
        user,
        _("%(name)s joined the group") % {"name": _name(user)},
        url="members/",
    )
    access.forget(user)
    return membership, True


@transaction.atomic
def change_role(membership, role, *, actor):
    if role not in Membership.Role.values:
        raise MembershipError(_("Choose a role: chair, member or observer."))
    previous = membership.role
    if previous == role:
        return membership
    if previous == Membership.Role.CHAIR and _last_chair(membership):
        raise MembershipError(_("A work group needs at least one chair. Name another chair first."))
    membership.role = role
    membership.save(update_fields=["role"])
    log(
        instance=membership.work_group,
        action=ROLE_CHANGED,
        user=actor,
        data={
            "member": _name(membership.user),
            "member_id": membership.user_id,
            "from": previous,
            "to": role,
        },
    )
    access.forget(membership.user)
    return membership


@transaction.atomic
def remove_member(membership, *, actor):
    if membership.role == Membership.Role.CHAIR and _last_chair(membership):
        raise MembershipError(_("A work group needs at least one chair. Name another chair first."))
    work_group, user = membership.work_group, membership.user
    membership.delete()
    log(
        instance=work_group,
        # Someone removing themselves has left: the log says so rather than "removed".
        action=LEFT if actor is not None and actor.pk == user.pk else REMOVED,
        user=actor,
        data={"member": _name(user), "member_id": user.pk, "role": membership.role},
    )
    access.forget(user)


def _last_chair(membership):
    return (
        not Membership.objects.select_for_update()
        .filter(work_group=membership.work_group_id, role=Membership.Role.CHAIR)
        .exclude(pk=membership.pk)
        .exists()
    )
