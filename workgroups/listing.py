"""The public list of work groups: what anyone may know about each group."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from .models import Membership, WorkGroup, WorkGroupIndexPage


def public_work_groups():
    """Every group with its chairs and participating member organizations, in three queries."""
    chairs = Membership.objects.filter(role=Membership.Role.CHAIR).select_related("user")
    members = Membership.objects.select_related("user__profile__organization")
    return WorkGroup.objects.prefetch_related(
        Prefetch("memberships", queryset=chairs, to_attr="chair_memberships"),
        Prefetch("memberships", queryset=members, to_attr="all_memberships"),
    ).order_by("status", "name")


def organizations(work_group):
    """The active member organizations of the group's members, by name."""
    found = {}
    for membership in work_group.all_memberships:
        profile = getattr(membership.user, "profile", None)
        organization = profile.member_organization if profile else None
        if organization is not None:
            found[organization.pk] = organization
    return sorted(found.values(), key=lambda o: o.name)


def toolkit_credits(toolkit):
    """The work groups whose drafts became this toolkit, each linked to its entry in the
    public list (the link back the promotion keeps; a group's space stays private)."""

    groups = WorkGroup.objects.filter(promotions__toolkit=toolkit).distinct().order_by("name")
    if not groups:
        return []
    index = WorkGroupIndexPage.objects.live().public().first()
    list_url = index.url if index is not None else ""
    return [
        {
            "text": _("Developed by the %(name)s work group") % {"name": group.name},
            "url": f"{list_url}#group-{group.slug}" if list_url else "",
        }
        for group in groups
    ]
