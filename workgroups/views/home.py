from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import ngettext

from ..activity import stream
from ..models import Activity, Meeting
from ..visits import visit
from .common import context, private, work_group_of


def home(request, space):
    """The group's home: what is new since the member's last visit, mentions of them, the
    paginated activity stream and the next meetings."""
    work_group = work_group_of(request, space)
    upcoming = Meeting.objects.filter(
        work_group=work_group, starts_at__gte=timezone.now(), cancelled_at__isnull=True
    ).order_by("starts_at")[:3]
    last_visit, new, mentions = visit(request.user, work_group)
    activities = stream(work_group, request.GET.get("page"))
    for activity in activities:
        activity.is_new = (
            last_visit is not None
            and activity.created_at > last_visit
            and activity.actor_id != request.user.pk
        )
    response = TemplateResponse(
        request,
        "workgroups/home.html",
        context(
            request,
            space,
            work_group,
            activities=activities,
            upcoming=upcoming,
            last_visit=last_visit,
            new_items=_new_items(request, space, new),
            mentions=mentions,
        ),
    )
    return private(response)


def _new_items(request, space, new):
    """(sentence, link) of each kind of thing others added since the last visit."""
    words = {
        Activity.Kind.POST: (
            lambda n: ngettext("%(count)s new post", "%(count)s new posts", n),
            "threads",
        ),
        Activity.Kind.COMMENT: (
            lambda n: ngettext("%(count)s new comment", "%(count)s new comments", n),
            "drafts",
        ),
        Activity.Kind.FILE: (
            lambda n: ngettext(
                "%(count)s new file or version", "%(count)s new files or versions", n
            ),
            "files",
        ),
        Activity.Kind.DRAFT: (
            lambda n: ngettext("%(count)s change to drafts", "%(count)s changes to drafts", n),
            "drafts",
        ),
        Activity.Kind.MEETING: (
            lambda n: ngettext("%(count)s meeting change", "%(count)s meeting changes", n),
            "meetings",
        ),
    }
    base = space.get_url(request)
    return [
        (words[kind][0](count) % {"count": count}, base + space.reverse_subpage(words[kind][1]))
        for kind, count in new.items()
    ]
