"""What every work-group view starts with."""

from django.http import Http404

from portal.page_cache import mark_private

from .. import access
from ..models import WorkGroup


def work_group_of(request, space):
    """The space's work group, after checking the user may see inside it."""
    try:
        work_group = WorkGroup.objects.select_related("space").get(space=space)
    except WorkGroup.DoesNotExist as error:
        raise Http404 from error
    access.require_view(request, work_group)
    return work_group


def context(request, space, work_group, **extra):
    """The template context every space page shares: the group and what the user may do."""
    user = request.user
    return {
        "page": space,
        "self": space,
        "work_group": work_group,
        "role": access.role_of(user, work_group),
        "may_participate": access.can_participate(user, work_group),
        "may_moderate": access.can_moderate(user, work_group),
        "may_manage_members": access.can_manage_members(user, work_group),
        **extra,
    }


def private(response):
    """Nothing inside a work group is ever stored by a shared cache or the browser's."""
    return mark_private(response)
