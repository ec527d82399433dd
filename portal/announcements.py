"""The announcements contract: what any app tells the consortium's news about.

The news (its listing, Atom feed and e-mail digest) shows news pages beside what other apps
announce, without importing them: each app registers a function with the Wagtail hook
"register_announcements". The function takes `since` (an aware datetime, or None for every
announcement) and returns the `Announcement`s dated after it: a new toolkit version
(toolkits), a new session (events). An app announces only what has been published; `public`
says whether anyone may see it (True) or only staff of member organizations and consortium
staff (False). Anything more closed than members-only is never announced.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from wagtail import hooks
from wagtail.models import BaseViewRestriction, PageViewRestriction

from .access import MEMBERS_GROUP_NAME, may_see_members_only

HOOK = "register_announcements"

# What an announcement is about; the news pages' own kinds are the same.
ANNOUNCEMENT = "announcement"
TOOLKIT = "toolkit"
EVENT = "event"
OTHER = "other"
KINDS = (ANNOUNCEMENT, TOOLKIT, EVENT, OTHER)


@dataclass(frozen=True)
class Announcement:
    key: str  # unique and stable across the site, e.g. "toolkits.toolkitversion:12"
    title: str
    url: str  # absolute: it is read in feeds and e-mails
    date: datetime.datetime  # aware; when it was published
    summary: str = ""
    kind: str = OTHER  # one of KINDS
    language: str = "en-us"
    public: bool = True
    # The same announcement in other languages shares this (a page's translation key); a
    # language without its own version shows the default language's.
    translation_key: str = ""

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"Unknown kind {self.kind!r} for {self.key}")
        if self.date.tzinfo is None:
            raise ValueError(f"The date of {self.key} has no time zone")


def collect(since=None, until=None) -> list[Announcement]:
    """Every app's announcements dated after `since` and up to `until` (default: now), newest
    first."""
    until = until or timezone.now()
    found = {}
    for register in hooks.get_hooks(HOOK):
        for item in register(since):
            if (since is None or item.date > since) and item.date <= until:
                found[item.key] = item
    return sorted(found.values(), key=lambda item: (item.date, item.key), reverse=True)


def visible_to(items: Iterable[Announcement], user) -> list[Announcement]:
    """The items the user may see: the public ones, and the members-only ones for members."""
    members = may_see_members_only(user)
    return [item for item in items if item.public or members]


def in_language(items: Iterable[Announcement], language: str) -> list[Announcement]:
    """The items a reader of `language` is shown: those in it, and those in the site's default
    language that have no version in it."""
    items = list(items)
    default = settings.LANGUAGE_CODE
    translated = {item.translation_key for item in items if item.language == language}
    return [
        item
        for item in items
        if item.language == language
        or (
            item.language == default
            and not (item.translation_key and item.translation_key in translated)
        )
    ]


class PageAudiences:
    """Who may see pages, for many pages in two queries: `of(page)` is True when anyone may
    see the page, False when only members may (every view restriction on it or above it is a
    login one or opens it to the members group), None when it is more closed than that (a
    work group's space, a password)."""

    def __init__(self):
        restrictions = PageViewRestriction.objects.select_related("page").prefetch_related("groups")
        self.restrictions = [
            (
                restriction.page.path,
                restriction.restriction_type == BaseViewRestriction.LOGIN
                or (
                    restriction.restriction_type == BaseViewRestriction.GROUPS
                    and any(group.name == MEMBERS_GROUP_NAME for group in restriction.groups.all())
                ),
            )
            for restriction in restrictions
        ]

    def of(self, page):
        public = True
        for path, members_may in self.restrictions:
            if page.path.startswith(path):
                if not members_may:
                    return None
                public = False
        return public
