"""Events' side of the announcements contract (portal.announcements): an event or a series of
sessions is news when it is first published, with its next session's date. Events open to
everyone are public news; members' events are announced to members only; a work group's events
stay in its space and are never announced."""

from django.utils import formats, translation
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from portal.announcements import EVENT, Announcement, PageAudiences

from .models import Audience, EventPage

SUMMARY_WORDS = 60
PUBLIC_BY_AUDIENCE = {Audience.PUBLIC: True, Audience.MEMBERS: False}


def announcements(since):
    events = (
        EventPage.objects.live().select_related("locale").filter(audience__in=PUBLIC_BY_AUDIENCE)
    )
    if since is not None:
        events = events.filter(first_published_at__gt=since)
    audiences = PageAudiences()
    for event in events.order_by("first_published_at", "pk").specific():
        page_audience = audiences.of(event)
        url = event.get_full_url()
        if page_audience is None or not url or event.first_published_at is None:
            continue
        language = event.locale.language_code
        with translation.override(language):
            next_session = event.upcoming_sessions().first()
            summary = event.summary
            if next_session is not None:
                when = formats.date_format(next_session.local_start(), "DATE_FORMAT")
                summary = _("Next session: %(date)s. %(summary)s") % {
                    "date": when,
                    "summary": summary,
                }
        yield Announcement(
            key=f"events.eventpage:{event.pk}",
            title=event.title,
            url=url,
            date=event.first_published_at,
            summary=Truncator(summary).words(SUMMARY_WORDS),
            kind=EVENT,
            language=language,
            # A members' event is members' news even on a page open to all.
            public=page_audience and PUBLIC_BY_AUDIENCE[event.audience],
            translation_key=str(event.translation_key),
        )
