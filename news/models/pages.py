"""The news: an index page per language and its news items."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal import announcements
from portal.blocks import BaseStreamBlock

KIND_CHOICES = [
    (announcements.ANNOUNCEMENT, _("Announcement")),
    (announcements.TOOLKIT, _("Toolkit")),
    (announcements.EVENT, _("Event")),
    (announcements.OTHER, _("Other")),
]


class NewsIndexPage(RoutablePageMixin, Page):
    """The news listing (news items and what other apps announce) and its Atom feed."""

    introduction = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["news.NewsItemPage"]
    max_count_per_parent = 1

    # The views of the routes, handed over by news.apps when the app is ready.
    route_views = {}

    class Meta:
        verbose_name = _("news index")

    @path("")
    def index_route(self, request, *args, **kwargs):
        return self.route_views["listing"](request, self)

    @path("feed/")
    def feed(self, request):
        return self.route_views["feed"](request, self)

    def feed_url(self):
        return self.url + self.reverse_subpage("feed")


class NewsItemPage(Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(
        _("kind"), max_length=20, choices=KIND_CHOICES, default=announcements.ANNOUNCEMENT
    )
    summary = models.TextField(
        _("summary"),
        max_length=400,
        help_text=_("Shown in the news listing, the feed and the e-mail digest."),
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"), blank=True)
    topics = ParentalManyToManyField(
        "toolkits.Topic", verbose_name=_("topics"), related_name="news_items", blank=True
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("date"), FieldPanel("kind")]), FieldPanel("summary")],
            heading=_("In the listing"),
        ),
        FieldPanel("body"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["news_index"] = self.get_parent().specific
        return context
