"""The activity stream: one row per thing that happened, written where it happens; the group
home pages it and notifications are sent from it (workgroups.notifications)."""

from functools import partial

from django.core.paginator import Paginator
from django.db import transaction

from .mentions import mentioned_members
from .models import Activity, Mention
from .tasks import notify_activity

PER_PAGE = 25


@transaction.atomic
def record(work_group, kind, actor, summary, url="", text=""):
    """One row of the stream, and a mention for each member the text (a comment or a post)
    names with @: both are written before the notifications are sent."""
    activity = Activity.objects.create(
        work_group=work_group, kind=kind, actor=actor, summary=summary[:300], url=url[:500]
    )
    Mention.objects.bulk_create(
        Mention(activity=activity, user=user)
        for user in mentioned_members(work_group, text, author=actor)
    )

    # Immediate notifications go out once the change is committed, in the background.
    transaction.on_commit(partial(notify_activity.enqueue, activity.pk), robust=True)
    return activity


def stream(work_group, page_number):
    """A page of the group's activity, newest first: a count and a slice, whatever its size."""
    activities = Activity.objects.filter(work_group=work_group).select_related("actor")
    return Paginator(activities, PER_PAGE).get_page(page_number)
