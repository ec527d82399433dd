"""The embedded engine: Wagtail's database search backend (SQLite FTS5, PostgreSQL full text)
over search.models.IndexedDocument.

The searcher's tokens and the facet filters are conditions of the queryset handed to the
backend, so paging, totals and facet counts are all computed by the database over permitted
documents only; nothing is dropped in Python afterwards.
"""

import logging

from django.db import DatabaseError, connection, transaction
from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import Substr
from wagtail.search.backends import get_search_backend
from wagtail.search.query import Or, PlainText

from .. import spelling
from ..models import IndexedDocument, IndexedFacet
from ..synonyms import expand_synonyms
from .base import (
    DEFAULT_PER_PAGE,
    FACET_NAMES,
    SearchEngine,
    SearchHit,
    SearchPage,
    clean_filters,
    clean_query,
    highlight,
    num_pages_for,
    page_number,
)

logger = logging.getLogger(__name__)

# Snippets are cut from the start of the body (file text can be a megabyte).
SNIPPET_SOURCE_CHARS = 20_000
COLUMN_FACETS = ("content_type", "language")


class DatabaseEngine(SearchEngine):
    name = "database"

    def __init__(self, backend=None):
        self.backend = backend or get_search_backend()

    # --- Querysets ---------------------------------------------------------------------------

    def permitted(self, tokens):
        return IndexedDocument.objects.filter(access__in=sorted(tokens))

    def filtered(self, queryset, filters, skip=None):
        for name, values in filters.items():
            if name == skip:
                continue
            if name in COLUMN_FACETS:
                queryset = queryset.filter(**{f"{name}__in": values})
            else:
                queryset = queryset.filter(
                    id__in=IndexedFacet.objects.filter(name=name, value__in=values).values(
                        "document_id"
                    )
                )
        return queryset

    def build_query(self, cleaned, alternatives, operator="and"):
        queries = [PlainText(cleaned, operator=operator)]
        queries += [PlainText(alternative, operator="and") for alternative in alternatives]
        return queries[0] if len(queries) == 1 else Or(queries)

    def matching(self, query, queryset):
        """The rows of `queryset` matching `query`, unordered: for counting in the database."""
        return (
            self.backend.search(query, queryset.order_by("id"), order_by_relevance=False)
            .get_queryset()
            .order_by()
        )

    def ranked(self, query, queryset, terms=()):
        """Matching rows by relevance, times each document's boost, doubled when the title
        holds one of the searched terms.

        The title factor matters for the words every page uses ("sepsis"): full-text
        relevance then favours the shortest page (the home page), while the page titled with
        the word is what the searcher wants.
        """
        results = self.backend.search(
            query, queryset.order_by("id"), order_by_relevance=False
        ).annotate_score("_score")
        rows = results.get_queryset()
        title_match = Q()
        for term in terms:
            title_match |= Q(title__icontains=term)
        title_factor = (
            Case(When(title_match, then=Value(2.0)), default=Value(1.0)) if terms else Value(1.0)
        )
        rows = rows.annotate(_title_factor=title_factor)
        score = F("_score") * F("boost") * F("_title_factor")
        # SQLite's BM25 is negative (lower is better); PostgreSQL's rank is positive.
        order = score.asc() if connection.vendor == "sqlite" else score.desc()
        return rows.order_by(order, "-pk")

    # --- Searching ---------------------------------------------------------------------------

    def search(self, query, *, tokens, filters=None, page=1, per_page=DEFAULT_PER_PAGE):
        cleaned = clean_query(query)
        per_page = max(1, min(int(per_page), 100))
        if not cleaned:
            return SearchPage(query="", tips=True, per_page=per_page)
        filters = clean_filters(filters)
        try:
            # A savepoint: a database error must not break the caller's transaction.
            with transaction.atomic():
                return self._search(cleaned, tokens, filters, page, per_page)
        except (DatabaseError, ValueError, NotImplementedError):
            logger.exception("Search failed for the query %r", cleaned)
            return SearchPage(query=cleaned, per_page=per_page, failed=True)

    def _search(self, cleaned, tokens, filters, page, per_page):
        alternatives = expand_synonyms(cleaned)
        base = self.permitted(tokens)
        query = self.build_query(cleaned, alternatives)
        total = self.matching(query, self.filtered(base, filters)).count()
        if total == 0 and len(cleaned.split()) > 1:
            # Every word was required; with none found, any of them will do (ranked).
            query = self.build_query(cleaned, alternatives, operator="or")
            total = self.matching(query, self.filtered(base, filters)).count()

        suggestion = self.respelling(cleaned, base, filters) if total == 0 else ""
        num_pages = num_pages_for(total, per_page)
        number = min(page_number(page), num_pages)
        start = (number - 1) * per_page
        # The query's words (but not "in", "of") and each synonym count for the title factor.
        title_terms = [word for word in cleaned.split() if len(word) > 2] + list(alternatives)
        rows = list(
            self.ranked(query, self.filtered(base, filters), title_terms)
            .defer("body")
            .annotate(snippet_source=Substr("body", 1, SNIPPET_SOURCE_CHARS))[
                start : start + per_page
            ]
        )
        terms = cleaned.split() + [w for a in alternatives for w in a.split()]
        hits = [
            SearchHit(
                key=row.key,
                title=row.title,
                url=row.url,
                content_type=row.content_type,
                snippet=highlight(row.snippet_source or row.title, terms),
                language=row.language,
                published_at=row.published_at,
            )
            for row in rows
        ]
        return SearchPage(
            query=cleaned,
            results=hits,
            total=total,
            page=number,
            num_pages=num_pages,
            per_page=per_page,
            facet_counts=self.facet_counts(query, base, filters),
            also_searched=alternatives,
            suggestion=suggestion,
        )

    def respelling(self, cleaned, base, filters):
        """A respelled query that finds something this searcher may see, or ""."""
        respelled = spelling.respell(cleaned)
        if not respelled:
            return ""
        query = self.build_query(respelled, expand_synonyms(respelled), operator="or")
        return respelled if self.matching(query, self.filtered(base, filters)).exists() else ""

    def facet_counts(self, query, base, filters):
        """Counts per facet value among permitted matching documents, computed in the database.

        Each facet is counted with the other facets' filters applied but not its own, so that
        the counts show what choosing another value of it would give.
        """
        counts = {}
        for name in FACET_NAMES:
            matched = self.matching(query, self.filtered(base, filters, skip=name))
            if name in COLUMN_FACETS:
                rows = matched.values_list(name).annotate(n=Count("pk"))
            else:
                rows = (
                    IndexedFacet.objects.filter(name=name, document__in=matched.values("pk"))
                    .values_list("value")
                    .annotate(n=Count("document", distinct=True))
                    .order_by()
                )
            counts[name] = sorted(((v, n) for v, n in rows), key=lambda item: (-item[1], item[0]))
        return counts

    def suggest(self, prefix, *, tokens, limit=8):
        cleaned = clean_query(prefix)
        if not cleaned:
            return []
        try:
            with transaction.atomic():
                results = self.backend.autocomplete(
                    cleaned, self.permitted(tokens).order_by("id"), order_by_relevance=False
                )
                titles = (
                    results.get_queryset()
                    .order_by("-boost", "title")
                    .values_list("title", flat=True)
                )
                return list(dict.fromkeys(titles[: limit * 2]))[:limit]
        except (DatabaseError, ValueError, NotImplementedError):
            logger.exception("Search suggestions failed for %r", cleaned)
            return []
