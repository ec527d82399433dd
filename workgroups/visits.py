"""What is new in a group since a member's last visit to its home, and the mentions of them:
read before the visit is recorded, so the page shows what the person has not seen yet."""

from django.db.models import Count
from django.utils import timezone

from .models import Activity, Membership, Mention

# The kinds a member counts as new things to read, in the order the home lists them.
NEW_KINDS = (
    Activity.Kind.POST,
    Activity.Kind.COMMENT,
    Activity.Kind.FILE,
    Activity.Kind.DRAFT,
    Activity.Kind.MEETING,
)
RECENT_MENTIONS = 5


def visit(user, work_group, now=None):
    """Record the member's visit; returns (the previous visit or None, {kind: count of what
    others did since}, their recent mentions, new ones flagged). Staff who are not members
    have no visits to record: (None, {}, [])."""
    membership = Membership.objects.filter(user=user, work_group=work_group).first()
    if membership is None:
        return None, {}, []
    now = now or timezone.now()
    previous = membership.last_visited_at
    new = {}
    if previous is not None:
        counts = dict(
            Activity.objects.filter(
                work_group=work_group, created_at__gt=previous, kind__in=NEW_KINDS
            )
            .exclude(actor=user)
            .order_by()  # no ordering: it would split the groups
            .values("kind")
            .annotate(count=Count("pk"))
            .values_list("kind", "count")
        )
        new = {kind: counts[kind] for kind in NEW_KINDS if counts.get(kind)}
    mentions = list(
        Mention.objects.filter(user=user, activity__work_group=work_group).select_related(
            "activity"
        )[:RECENT_MENTIONS]
    )
    for mention in mentions:
        mention.is_new = mention.seen_at is None
    Mention.objects.filter(user=user, activity__work_group=work_group, seen_at__isnull=True).update(
        seen_at=now
    )
    Membership.objects.filter(pk=membership.pk).update(last_visited_at=now)
    return previous, new, mentions
