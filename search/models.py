"""What search stores: one row per search document, its facets, and the editors' synonyms.

The apps' content is copied into `IndexedDocument` rows (by search.indexing), so that one
Wagtail search index over one model answers every query, with the access token and facets as
plain columns the query filters on, in the database.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelsearch import index
from wagtail.admin.panels import FieldPanel

from .contract import MEMBERS, PUBLIC


class IndexedDocument(index.Indexed, models.Model):
    key = models.CharField(max_length=255, unique=True)
    title = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=1000)
    content_type = models.CharField(max_length=32, db_index=True)
    # Exactly one token ("public", "members", "workgroup:<id>"); every query filters on it.
    access = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=16, default="en-us", db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    boost = models.FloatField(default=1.0)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("body"),
        index.AutocompleteField("title"),
        index.FilterField("content_type"),
        index.FilterField("access"),
        index.FilterField("language"),
        index.FilterField("id"),
    ]
    # search.indexing updates the index itself, inside its own transaction, rather than
    # through Wagtail's post_save task (which would index each row a second time).
    search_auto_update = False

    class Meta:
        verbose_name = _("indexed document")
        verbose_name_plural = _("indexed documents")

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return self.access == PUBLIC

    @property
    def is_members_only(self):
        return self.access == MEMBERS


class IndexedFacet(models.Model):
    """One value of a multi-valued facet (care setting, audience) of a document."""

    document = models.ForeignKey(IndexedDocument, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=32)
    value = models.CharField(max_length=100)

    class Meta:
        indexes = [models.Index(fields=["name", "value"])]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "name", "value"], name="search_facet_unique_value"
            )
        ]

    def __str__(self):
        return f"{self.name}={self.value}"


class Synonym(models.Model):
    """A term people type and the words it should also find ("blood poisoning" → sepsis)."""

    term = models.CharField(
        _("term"),
        max_length=100,
        unique=True,
        help_text=_("What people type, e.g. a lay term or a common misspelling."),
    )
    alternatives = models.CharField(
        _("alternatives"),
        max_length=500,
        help_text=_("Words or phrases also searched for, separated by commas."),
    )

    panels = [FieldPanel("term"), FieldPanel("alternatives")]

    class Meta:
        ordering = ["term"]
        verbose_name = _("synonym")
        verbose_name_plural = _("synonyms")

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        # Matching is case-insensitive; store the term as it will be compared.
        self.term = " ".join(self.term.lower().split())
        super().save(*args, **kwargs)

    def alternative_list(self):
        return [a for a in (" ".join(p.lower().split()) for p in self.alternatives.split(",")) if a]


class SpellingWord(models.Model):
    """A word found in indexed text: what "Did you mean …?" respells a query with.

    Words are added as documents are stored and only cleared by a full rebuild, so a word may
    outlive its document; a respelling is offered only after searching it again with the
    searcher's own access finds something, so a stale or private word is never shown.
    """

    word = models.CharField(max_length=32, unique=True)

    class Meta:
        verbose_name = _("spelling word")
        verbose_name_plural = _("spelling words")

    def __str__(self):
        return self.word


class ZeroResultHits(models.Model):
    """How often a query found nothing on a day, beside Wagtail's count of its searches
    (search_promotions' QueryDailyHits). Queries are stored with no user, session or address."""

    query = models.ForeignKey(
        "wagtailsearchpromotions.Query", on_delete=models.CASCADE, related_name="zero_result_hits"
    )
    date = models.DateField()
    hits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="search_zero_hits_unique_day")
        ]
        verbose_name = _("zero-result search")
        verbose_name_plural = _("zero-result searches")
        # Its view permission is the query report's permission (offered in the group editor).
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.query} ({self.date}: {self.hits})"
