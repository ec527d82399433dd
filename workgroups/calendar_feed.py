"""A member's calendar feed: one secret address per user, carrying the meetings of the groups
they belong to at the moment the calendar app asks (workgroups.access.calendar_group_ids), so
leaving a group takes its meetings out of the feed on the next refresh. Members find (and
replace) their address on their settings page (workgroups.views.members)."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from icalendar.prop import vDuration

from . import access
from .models import CalendarFeed, Meeting

PRODUCT_ID = "-//Sepsis consortium portal//Work group meetings//EN"
# Calendar apps that honor it look for changes this often.
REFRESH = datetime.timedelta(hours=1)


def user_of_token(token):
    """The active user whose feed this is, or None."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def meetings_for(user):
    return (
        Meeting.objects.filter(work_group_id__in=access.calendar_group_ids(user))
        .select_related("work_group__space")
        .order_by("starts_at", "pk")
    )


def _uid_host():
    # The portal's configured address, not the request's Host header: a UID must never change.
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "portal"


def _utc(value):
    return value.astimezone(datetime.UTC)


def build_calendar(user, request):
    """The iCalendar text (bytes) of the user's meetings, times in UTC."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Work group meetings"))
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    # Outlook and Apple Calendar read this older name; unknown properties default to text.
    calendar.add("x-published-ttl", vDuration(REFRESH))
    host = _uid_host()
    for meeting in meetings_for(user):
        work_group = meeting.work_group
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", _utc(meeting.updated_at))
        event.add("dtstart", _utc(meeting.starts_at))
        event.add("dtend", _utc(meeting.ends_at))
        event.add("sequence", meeting.sequence)
        event.add("summary", f"[{work_group.name}] {meeting.title}")
        if meeting.location:
            event.add("location", meeting.location)
        if meeting.agenda:
            event.add("description", meeting.agenda)
        space = work_group.space
        if space is not None:
            page_url = space.get_full_url(request)
            if page_url:
                event.add("url", page_url + space.reverse_subpage("meeting", args=[meeting.pk]))
        calendar.add_component(event)
    return calendar.to_ical()
