from django.template.response import TemplateResponse
from django.utils import timezone

from ..activity import stream
from ..models import Meeting
from .common import context, private, work_group_of


def home(request, space):
    """The group's home: the paginated activity stream and the next meetings."""
    work_group = work_group_of(request, space)
    upcoming = Meeting.objects.filter(
        work_group=work_group, starts_at__gte=timezone.now()
    ).order_by("starts_at")[:3]
    response = TemplateResponse(
        request,
        "workgroups/home.html",
        context(
            request,
            space,
            work_group,
            activities=stream(work_group, request.GET.get("page")),
            upcoming=upcoming,
        ),
    )
    return private(response)
