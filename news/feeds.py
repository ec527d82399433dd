"""The Atom feed of a news index: the public news in its language, never members-only items."""

from urllib.parse import urlsplit

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from . import listing


class NewsFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index):
        super().__init__()
        self.index = index

    def title(self):
        return self.index.title

    def link(self):
        return self.index.full_url

    def subtitle(self):
        return self.index.introduction

    def feed_url(self):
        return self.index.full_url + self.index.reverse_subpage("feed")

    def items(self):
        return listing.public_items(self.index.locale.language_code)[: listing.FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_guid(self, item):
        # One toolkit's versions share its address: each entry's id names the announcement.
        host = urlsplit(self.index.full_url).hostname
        return f"tag:{host},{item.date:%Y-%m-%d}:{item.key}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return item.date

    def item_updateddate(self, item):
        return item.date
