"""Every access decision about work groups, made here and nowhere else.

Roles, from most to least: consortium staff (the `workgroups.oversee_workgroups` permission,
or a superuser) see inside every group and moderate; a chair sees, takes part, moderates and
manages members; a member sees and takes part; an observer only reads. Nobody else sees
anything inside a group. An archived group is read-only for everyone but stays readable.

Page serving, document serving, listings, feeds, the activity stream, e-mails and search all
ask these functions. Each reads the user's memberships once per request (cached on the user).
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from .models import Membership, WorkGroupSpacePage

OVERSEE_PERMISSION = "workgroups.oversee_workgroups"
# Django's groups of consortium staff, who may see inside every space (the view restriction
# of spaces and collections names them).
STAFF_GROUP_NAMES = ("Moderators",)

ADMIN_PERMISSION = "wagtailadmin.access_admin"

_CACHE = "_work_group_roles"
_ADMIN_CACHE = "_work_group_only_admin"


def is_staff(user):
    return user.is_authenticated and user.is_active and user.has_perm(OVERSEE_PERMISSION)


def roles(user):
    """{work group id: role} of the user's memberships, read once per user object."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = dict(Membership.objects.filter(user=user).values_list("work_group_id", "role"))
        setattr(user, _CACHE, cached)
    return cached


def forget(user):
    """Drop the cached roles (after a membership change in the same request)."""
    for name in (_CACHE, _ADMIN_CACHE):
        if hasattr(user, name):
            delattr(user, name)


def role_of(user, work_group):
    return roles(user).get(work_group.pk)


def can_view(user, work_group):
    return is_staff(user) or role_of(user, work_group) is not None


def can_participate(user, work_group):
    """Post, reply, add meetings and files, edit drafts."""
    if work_group.is_archived:
        return False
    return role_of(user, work_group) in {Membership.Role.CHAIR, Membership.Role.MEMBER}


def can_moderate(user, work_group):
    """Hide posts, edit any meeting."""
    if work_group.is_archived:
        return False
    return is_staff(user) or role_of(user, work_group) == Membership.Role.CHAIR


def can_manage_members(user, work_group):
    """Invite, change roles, remove members."""
    if work_group.is_archived:
        return False
    return role_of(user, work_group) == Membership.Role.CHAIR or is_staff(user)


def can_edit_post(user, post):
    return (
        post.author_id == user.pk
        and not post.is_hidden
        and can_participate(user, post.thread.work_group)
    )


def can_edit_meeting(user, meeting):
    """Chairs and staff edit any meeting of the group; a member edits the ones they added."""
    work_group = meeting.work_group
    if can_moderate(user, work_group):
        return True
    return meeting.created_by_id == user.pk and can_participate(user, work_group)


def calendar_group_ids(user):
    """The groups whose meetings a user's calendar feed carries: the ones they belong to now.
    Staff oversee every group, but their feed carries only their own memberships."""
    return set(roles(user))


def visible_group_ids(user):
    """The ids of the groups whose insides the user may see (None: all of them)."""
    if is_staff(user):
        return None
    return set(roles(user))


def search_tokens(user):
    """The search access tokens a user holds: one per group they belong to (observers
    included); consortium staff hold every group's."""
    from search.contract import workgroup_token

    from .models import WorkGroup

    ids = WorkGroup.objects.values_list("pk", flat=True) if is_staff(user) else roles(user)
    return [workgroup_token(pk) for pk in ids]


# The Wagtail admin. Work groups give their editors and chairs the admin for their drafts;
# Wagtail's page permissions keep them to their own space when editing, and these functions
# keep everything else the admin lists (choosers, reports, bulk actions) to what they may see.


def is_work_group_only_admin(user):
    """Whether the user reaches the admin only through work groups (their editors' or chairs'
    Django groups): not staff, not a superuser, and no other group or permission of theirs
    grants the admin. Such users use the admin for their own group's drafts and nothing else."""
    if not user.is_authenticated or not user.is_active or user.is_superuser or is_staff(user):
        return False
    cached = getattr(user, _ADMIN_CACHE, None)
    if cached is None:
        app_label, codename = ADMIN_PERMISSION.split(".")
        granting = user.groups.filter(
            permissions__content_type__app_label=app_label, permissions__codename=codename
        )
        work_group_groups = Q(work_group_editors__isnull=False) | Q(work_group_chairs__isnull=False)
        direct = user.user_permissions.filter(
            content_type__app_label=app_label, codename=codename
        ).exists()
        cached = (
            granting.filter(work_group_groups).exists()
            and not granting.exclude(work_group_groups).exists()
            and not direct
        )
        setattr(user, _ADMIN_CACHE, cached)
    return cached


def admin_pages(user, pages):
    """The pages of a queryset that the user may see in the admin: every page outside the
    work groups' spaces, and the spaces (with their drafts) of the groups the user belongs
    to. Consortium staff and superusers see every page."""
    group_ids = visible_group_ids(user)
    if group_ids is None:
        return pages
    hidden = WorkGroupSpacePage.objects.exclude(work_group__in=group_ids).values_list(
        "path", flat=True
    )
    inside_hidden = Q()
    for path in hidden:
        inside_hidden |= Q(path__startswith=path)
    return pages.exclude(inside_hidden) if inside_hidden else pages


def may_see_in_admin(user, page_id):
    from wagtail.models import Page

    return admin_pages(user, Page.objects.filter(pk=page_id)).exists()


def may_use_report(user, view_class):
    """Admin reports are about the whole site, so not for work-group-only users; except the
    site history, which Wagtail already limits to the pages they may edit."""
    from wagtail.admin.views.reports.audit_logging import LogEntriesView

    return not is_work_group_only_admin(user) or issubclass(view_class, LogEntriesView)


# Enforcement helpers for views: 404 for what the user may not know exists, 403 otherwise.


def require_view(request, work_group):
    if not can_view(request.user, work_group):
        # The space page's own restriction normally answers first; this is the backstop.
        raise PermissionDenied


def require(allowed, message=None):
    if not allowed:
        raise PermissionDenied(message)


def get_in_group(queryset, work_group, **lookup):
    """An object of this group, or 404: an id of another group's object reveals nothing."""
    try:
        return queryset.get(work_group=work_group, **lookup)
    except queryset.model.DoesNotExist as error:
        raise Http404 from error
