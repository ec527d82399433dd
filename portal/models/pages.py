"""The site core's page types."""

from itertools import groupby

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import BaseStreamBlock
from .mixins import ReviewedContentMixin
from .organizations import MemberOrganization


class HomePage(Page):
    hero_heading = models.CharField(_("headline"), max_length=160)
    hero_text = models.TextField(_("introduction"), max_length=600)
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("headline button leads to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("headline button text"), max_length=60, blank=True)
    # A quieter link under the headline's text, so the button can lead to help while a page
    # such as "About the consortium" stays one tap away.
    hero_secondary_link_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("second headline link leads to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_secondary_link_text = models.CharField(
        _("second headline link text"), max_length=60, blank=True
    )
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("hero_text"),
                PageChooserPanel("hero_link_page"),
                FieldPanel("hero_link_text"),
                PageChooserPanel("hero_secondary_link_page"),
                FieldPanel("hero_secondary_link_text"),
            ],
            heading=_("Headline"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("hero_heading"),
        index.SearchField("hero_text"),
        index.SearchField("body"),
    ]

    # A home page sits at the root; each language's home page is a translation of it.
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")


class StandardPage(ReviewedContentMixin, Page):
    introduction = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), verbose_name=_("body"))

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
        *ReviewedContentMixin.review_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")


class MemberDirectoryPage(ReviewedContentMixin, Page):
    """Lists the active member organizations, grouped by category."""

    introduction = models.TextField(_("introduction"), blank=True, max_length=600)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        *ReviewedContentMixin.review_panels,
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("member directory page")

    def organizations_by_category(self):
        """[(category, [organization, ...]), ...] in directory order, in one query."""
        organizations = (
            MemberOrganization.objects.filter(is_active=True)
            .select_related("category")
            .order_by("category__sort_order", "category__name", "name")
        )
        return [
            (category, list(orgs))
            for category, orgs in groupby(organizations, lambda o: o.category)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["directory"] = self.organizations_by_category()
        return context
