"""A member's calendar feed: one secret address per user, carrying the meetings of the groups
they belong to at the moment the calendar app asks (workgroups.access.calendar_group_ids), so
leaving a group takes its meetings out of the feed on the next refresh. Members find (and
replace) their address on their settings page (workgroups.views.members)."""

import datetime
import zoneinfo
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from icalendar.prop import vCalAddress, vDuration

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


def meeting_uid(meeting):
    """The same for the meeting in the feed, its own file and every invitation, whatever
    changes: calendar apps replace the event they hold by this."""
    return f"meeting-{meeting.pk}@{_uid_host()}"


def meeting_event(meeting, *, url="", zone=None, stamp=None):
    """The VEVENT of one meeting: times in UTC, or in `zone` (a ZoneInfo) with its TZID."""
    work_group = meeting.work_group
    event = Event()

    def when(value):
        return value.astimezone(zone) if zone is not None else _utc(value)

    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", _utc(stamp or meeting.updated_at))
    event.add("dtstart", when(meeting.starts_at))
    event.add("dtend", when(meeting.ends_at))
    event.add("sequence", meeting.sequence)
    event.add("summary", f"[{work_group.name}] {meeting.title}")
    if meeting.is_cancelled:
        event.add("status", "CANCELLED")
    if meeting.location:
        event.add("location", meeting.location)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    if url:
        event.add("url", url)
    return event


def meeting_url(meeting, request=None):
    space = meeting.work_group.space
    page_url = space.get_full_url(request) if space is not None else None
    return page_url + space.reverse_subpage("meeting", args=[meeting.pk]) if page_url else ""


def build_meeting_calendar(meeting, request=None, *, method=None, attendee=None, stamp=None):
    """The iCalendar text (bytes) of one meeting, in the consortium's time zone (with its
    VTIMEZONE). With a method (REQUEST, CANCEL) it is an invitation or a cancellation
    (RFC 5546): the organizer is the portal, the attendee the member it is sent to."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    if method:
        calendar.add("method", method)
    event = meeting_event(
        meeting,
        url=meeting_url(meeting, request),
        zone=zoneinfo.ZoneInfo(settings.TIME_ZONE),
        stamp=stamp,
    )
    if method:
        organizer = vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
        organizer.params["cn"] = meeting.work_group.name
        event.add("organizer", organizer)
        if attendee is not None:
            address = vCalAddress(f"mailto:{attendee.email}")
            address.params["cn"] = attendee.get_full_name() or attendee.get_username()
            address.params["partstat"] = "NEEDS-ACTION"
            address.params["rsvp"] = "FALSE"
            event.add("attendee", address)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


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
    for meeting in meetings_for(user):
        calendar.add_component(meeting_event(meeting, url=meeting_url(meeting, request)))
    return calendar.to_ical()
