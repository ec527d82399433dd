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
from wagtail.models import Page

from search.contract import workgroup_token

from .models import Membership, WorkGroup, WorkGroupSpacePage

OVERSEE_PERMISSION = "workgroups.oversee_workgroups"
# Django's groups of consortium staff, who may see inside every space (the view restriction
# of spaces and collections names them).
STAFF_GROUP_NAMES = ("Moderators",)

_CACHE = "_work_group_roles"
_SPACE_CACHE = "_work_group_by_space_path"


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
    for name in (_CACHE, _SPACE_CACHE):
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
    """Chairs and staff edit (and cancel) any meeting of the group; a member the ones they
    added. A cancelled meeting stays as it was."""
    if meeting.is_cancelled:
        return False
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

    ids = WorkGroup.objects.values_list("pk", flat=True) if is_staff(user) else roles(user)
    return [workgroup_token(pk) for pk in ids]


# The Wagtail admin. A group's editors (members and chairs) hold Wagtail page permissions on
# their space and document permissions on their collection (workgroups.provisioning); the
# rules those records cannot express are below, and Wagtail asks them for every page action
# through the permission tester of the groups' page types (workgroups.page_permissions).


def work_group_at(user, space_path):
    """The work group whose space has this tree path, or None; read once per path and user
    object (a listing of a space's drafts asks once)."""
    cache = getattr(user, _SPACE_CACHE, None)
    if cache is None:
        cache = {}
        setattr(user, _SPACE_CACHE, cache)
    if space_path not in cache:
        cache[space_path] = WorkGroup.objects.filter(space__path=space_path).first()
    return cache[space_path]


def can_delete_draft(user, work_group):
    """A draft is deleted by the group's chairs and consortium staff, never by members."""
    if work_group.is_archived:
        return False
    return is_staff(user) or role_of(user, work_group) == Membership.Role.CHAIR


def review_step_approvers(work_group, requested_by_id):
    """Who approves a draft at the group's own review step: its chairs other than the person
    who submitted it; when there is no other chair, consortium staff (never the submitter)."""
    chairs = set(
        Membership.objects.filter(
            work_group=work_group, role=Membership.Role.CHAIR, user__is_active=True
        ).values_list("user_id", flat=True)
    )
    chairs.discard(requested_by_id)
    return chairs or None  # None: staff approve


def may_approve_review_step(user, work_group, requested_by_id):
    if work_group.is_archived or user.pk == requested_by_id:
        return False
    approvers = review_step_approvers(work_group, requested_by_id)
    if approvers is None:
        return is_staff(user)
    return user.pk in approvers


def admin_pages(user, pages):
    """The pages of a queryset that the user may see in the page chooser: every page outside
    the work groups' spaces, and the spaces (with their drafts) of the groups the user
    belongs to. Consortium staff and superusers see every page."""
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
    """Whether the admin may show this page to the user (workgroups.viewsets)."""
    return admin_pages(user, Page.objects.filter(pk=page_id)).exists()


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
