"""Events' side of the search contract: event and series pages ("page"), each with the one
access token of its audience (events.access.search_token): public, members, or its work
group's. Sessions' joining links are never in a document: they are not page content."""

import dataclasses

from search.pages import PageProvider

from . import access
from .models import EventPage, EventSeriesPage, Session


class EventPageProvider(PageProvider):
    def __init__(self):
        super().__init__("events.events", (EventPage, EventSeriesPage), "page")
        # A session's title and date change what its event's document says.
        self.depends_on = (Session,)

    def dependents(self, instance):
        return EventPage.objects.filter(pk=instance.event_id)

    def queryset(self, model):
        return super().queryset(model).select_related("work_group_space")

    def extra_text(self, page):
        return [session.title for session in page.event_sessions if session.title]

    def _document(self, page, restricted):
        document = super()._document(page, restricted)
        if document is None:
            return None
        token = access.search_token(page)
        if token is None:
            return None  # a work group's event whose group is gone: found by nobody
        return dataclasses.replace(document, access=token)


def providers():
    return [EventPageProvider()]
