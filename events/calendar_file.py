"""A session as an iCalendar file (RFC 5545), attached to the confirmation e-mail and offered
on the event page to people who registered. The UID is the session's, so a later file (a
changed time) updates the same calendar entry; times carry their time zone (TZID) with its
VTIMEZONE. The joining link is never in it: the page shows it when the time comes."""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event, Timezone

PRODUCT_ID = "-//Sepsis consortium portal//Events//EN"


def _uid_host():
    # The portal's configured address, not the request's Host header: a UID must never change.
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "portal"


def session_uid(session):
    return f"event-session-{session.pk}@{_uid_host()}"


def build_calendar(session, page_url, cancelled=False):
    """The iCalendar bytes of one session."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    start, end = session.local_start(), session.local_end()
    calendar.add_component(
        Timezone.from_tzid(session.time_zone, first_date=start.date(), last_date=end.date())
    )
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", str(session.event.title + (f": {session.title}" if session.title else "")))
    event.add("description", session.event.summary)
    event.add("status", "CANCELLED" if cancelled or session.is_cancelled else "CONFIRMED")
    if session.location:
        event.add("location", session.location)
    if page_url:
        event.add("url", page_url)
    calendar.add_component(event)
    return calendar.to_ical()
