"""News items as announcements (portal.announcements), so that the listing, the feed and the
digest read them exactly as they read what other apps announce."""

import datetime

from django.utils import timezone

from portal.announcements import Announcement, PageAudiences

from .models import NewsItemPage


def item_date(page):
    """When the item counts as news: its date, at the time of day it was first published (so
    that items of one day keep their order)."""
    published = timezone.localtime(page.first_published_at or timezone.now())
    if published.date() == page.date:
        return published
    return timezone.make_aware(datetime.datetime.combine(page.date, published.time()))


def announcements(since):
    pages = NewsItemPage.objects.live().select_related("locale")
    if since is not None:
        # A day's margin for the time zones; collect() compares the exact dates.
        pages = pages.filter(date__gte=timezone.localtime(since).date() - datetime.timedelta(1))
    audiences = PageAudiences()
    for page in pages.order_by("path"):
        audience = audiences.of(page)
        url = page.get_full_url()
        if audience is None or not url:
            continue
        yield Announcement(
            key=f"news.newsitempage:{page.pk}",
            title=page.title,
            url=url,
            date=item_date(page),
            summary=page.summary,
            kind=page.kind,
            language=page.locale.language_code,
            public=audience,
            translation_key=str(page.translation_key),
        )
