"""The calendar feed: the secret address is the only credential (calendar apps send no
cookies), so an unknown address, or one of an inactive user, is a 404."""

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from ..calendar_feed import build_calendar, user_of_token
from .common import private


@require_safe
def calendar_feed(request, token):
    user = user_of_token(token)
    if user is None:
        raise Http404
    response = HttpResponse(
        build_calendar(user, request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="work-group-meetings.ics"'
    response["X-Robots-Tag"] = "noindex"
    return private(response)
