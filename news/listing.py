"""What the news shows a reader: every app's announcements (news items among them) in the
reader's language, the members-only ones for members only."""

from portal import announcements

PER_PAGE = 12
FEED_ITEMS = 30


def for_reader(language, user, kind=None):
    """Newest first: what the news listing shows this user in this language."""
    items = announcements.visible_to(announcements.collect(), user)
    items = announcements.in_language(items, language)
    if kind:
        items = [item for item in items if item.kind == kind]
    return items


def public_items(language, since=None, until=None):
    """Newest first: what anyone may read in this language (the feed, the e-mail digest)."""
    items = announcements.collect(since=since, until=until)
    return announcements.in_language([item for item in items if item.public], language)
