"""Public awareness page types: the awareness index, symptom guides and articles."""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.models import ReviewedContentMixin

from . import readability
from .blocks import AwarenessStreamBlock
from .panels import ReadabilityPanel

_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class AwarenessPage(ReviewedContentMixin, Page):
    """What every awareness page shares: an owner, a review schedule and a reading grade."""

    introduction = models.TextField(
        _("introduction"),
        max_length=400,
        help_text=_("One or two plain sentences; shown first and used when the page is shared."),
    )
    body = StreamField(AwarenessStreamBlock(), verbose_name=_("body"))
    social_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image for sharing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown when the page is shared on social media."),
    )

    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    content_panels = Page.content_panels + [
        ReadabilityPanel(),
        FieldPanel("introduction"),
        FieldPanel("body"),
        *ReviewedContentMixin.review_panels,
    ]
    promote_panels = Page.promote_panels + [FieldPanel("social_image")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if not self.content_owner_id:
            raise ValidationError(
                {"content_owner": _("Every awareness page needs an owner who keeps it accurate.")}
            )

    def text_fragments(self):
        """The words a reader reads, one fragment a heading, item or paragraph."""
        fragments = [self.title, self.introduction]
        for piece in self.body.stream_block.get_searchable_content(self.body):
            fragments.append(strip_tags(piece))
        return fragments

    @cached_property
    def readability(self):
        return readability.assess(self.text_fragments(), self.locale.language_code)

    def schema_org(self, request):
        """schema.org MedicalWebPage data, so search engines know what the page is."""
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "name": self.title,
            "description": self.introduction,
            "url": self.get_full_url(request),
            "inLanguage": self.locale.language_code,
            "audience": {"@type": "PeopleAudience", "audienceType": "Patient"},
            "about": {"@type": "MedicalCondition", "name": "Sepsis"},
        }
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed.isoformat()
        if self.last_published_at:
            data["dateModified"] = self.last_published_at.date().isoformat()
        # Escaped so that no text of the page can close the <script> element.
        encoded = json.dumps(data, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES)
        return mark_safe(encoded)  # noqa: S308

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["schema_org"] = self.schema_org(request)
        return context


class AwarenessIndexPage(AwarenessPage):
    """The public's starting point: what sepsis is and where to read more."""

    body = StreamField(AwarenessStreamBlock(), blank=True, verbose_name=_("body"))

    parent_page_types = ["portal.HomePage"]
    subpage_types = ["public_awareness.SymptomGuidePage", "public_awareness.AwarenessArticlePage"]

    class Meta:
        verbose_name = _("awareness index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["guides"] = self.get_children().live().public().specific()
        return context


class SymptomGuidePage(AwarenessPage):
    """Signs of sepsis and when to call 911, written for a worried reader on a phone."""

    fact_sheet = models.ForeignKey(
        settings.WAGTAILDOCS_DOCUMENT_MODEL,
        verbose_name=_("designed fact sheet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional PDF; without one, printing the page gives the fact sheet."),
    )

    content_panels = AwarenessPage.content_panels + [FieldPanel("fact_sheet")]
    parent_page_types = ["public_awareness.AwarenessIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("symptom guide page")


class AwarenessArticlePage(AwarenessPage):
    """A general article: prevention, life after sepsis, advice for caregivers."""

    parent_page_types = ["public_awareness.AwarenessIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("awareness article page")
