"""The embedded engine: Wagtail's database search backend (SQLite FTS5, PostgreSQL full text)
over search.models.IndexedDocument.

The searcher's tokens and the facet filters are conditions of the queryset handed to the
backend, so paging, totals and facet counts are all computed by the database over permitted
documents only; nothing is dropped in Python afterwards.
"""

import logging

from django.db import DatabaseError, transaction
from django.db.models import Case, Exists, Q, Value, When
from django.db.models.functions import Substr
from wagtail.search.backends import get_search_backend

from .. import spelling
from ..models import IndexedDocument, IndexedFacet
from ..synonyms import expand_synonyms
from . import fulltext
from .base import (
    DEFAULT_PER_PAGE,
    FACET_NAMES,
    SearchEngine,
    SearchHit,
    SearchPage,
    clean_filters,
    clean_query,
    highlight,
    highlight_terms,
    num_pages_for,
    page_number,
)

logger = logging.getLogger(__name__)

# Snippets are cut from the start of the body (file text can be a megabyte).
SNIPPET_SOURCE_CHARS = 20_000
MAX_PAGE = 1_000_000
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

    # --- Searching ---------------------------------------------------------------------------

    def search(
        self, query, *, tokens, filters=None, page=1, per_page=DEFAULT_PER_PAGE, synonyms=True
    ):
        cleaned = clean_query(query)
        per_page = max(1, min(int(per_page), 100))
        if not cleaned:
            return SearchPage(query="", tips=True, per_page=per_page)
        filters = clean_filters(filters)
        try:
            # A savepoint: a database error must not break the caller's transaction.
            with transaction.atomic():
                return self._search(cleaned, tokens, filters, page, per_page, synonyms)
        except (DatabaseError, ValueError, NotImplementedError):
            logger.exception("Search failed for the query %r", cleaned)
            return SearchPage(query=cleaned, per_page=per_page, failed=True)

    def _search(self, cleaned, tokens, filters, page, per_page, synonyms):
        alternatives = expand_synonyms(cleaned) if synonyms else ()
        base = self.permitted(tokens)
        # The query's words (but not "in", "of") and each synonym count for the title factor:
        # for the words every page uses ("sepsis") full-text relevance favors the shortest
        # page, while the page titled with the word is what the searcher wants.
        title_terms = [word for word in cleaned.split() if len(word) > 2] + list(alternatives)
        # Any page past the end gives the last one; a bound keeps the offset a database integer.
        number = min(page_number(page), MAX_PAGE)

        def search_pass(operator, number):
            return fulltext.search_pass(
                fulltext.groups_for(cleaned, alternatives, operator),
                base,
                filters,
                column_facets=COLUMN_FACETS,
                facet_names=FACET_NAMES,
                title_terms=title_terms,
                offset=(number - 1) * per_page,
                limit=per_page,
            )

        operator = "and"
        found = search_pass(operator, number)
        if (
            found.total == 0
            and len(cleaned.split()) > 1
            and not (
                filters
                and fulltext.matching(fulltext.groups_for(cleaned, alternatives), base).exists()
            )
        ):
            # Every word was required; with none found, any of them will do (ranked). Found
            # without the filters, every word stays required (see SearchEngine.search).
            operator = "or"
            found = search_pass(operator, number)
        total = found.total
        num_pages = num_pages_for(total, per_page)
        if number > num_pages:
            number = num_pages
            if total:
                found = search_pass(operator, number)
        ids = found.ids

        suggestion = self.respelling(cleaned, base, filters) if total == 0 else ""
        by_id = {
            row.pk: row
            for row in IndexedDocument.objects.filter(pk__in=ids)
            .defer("body")
            .annotate(snippet_source=Substr("body", 1, SNIPPET_SOURCE_CHARS))
        }
        rows = [by_id[pk] for pk in ids if pk in by_id]
        terms = highlight_terms(cleaned, alternatives)
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
            facet_counts=found.facet_counts,
            also_searched=alternatives,
            suggestion=suggestion,
        )

    def respelling(self, cleaned, base, filters):
        """A respelling of the query in which every replaced word occurs in content this
        searcher may see with these filters, or "" (see spelling.respell).

        The respelled query therefore finds something (the search falls back to any word),
        and a word of content the searcher may not see is never offered. Two statements check
        every word at once, besides one per unfound word for its candidates.
        """
        filtered = self.filtered(base, filters)
        return spelling.respell(
            cleaned,
            # A word the searcher finds without the filters is right as typed.
            found=lambda words: self.occurring(words, base),
            visible=lambda words: self.occurring(words, filtered),
        )

    def occurring(self, words, queryset):
        """Those of `words` that some row of `queryset` holds, checked in one statement.

        Each word is matched through the full-text index and must then be written as such in
        the row's title or body: the index is looser (PostgreSQL matches stems, so
        "screenings" would find a row that only says "screening"; SQLite folds accents),
        and a word offered must be one the searcher could read.
        """
        words = sorted(set(words))
        if not words:
            return set()
        checks = {
            f"w{number}": Exists(
                fulltext.matching(fulltext.groups_for(word), queryset).filter(
                    Q(title__icontains=word) | Q(body__icontains=word)
                )
            )
            for number, word in enumerate(words)
        }
        # Any one row carries the answers (the subqueries do not depend on it); with no row
        # at all nothing is indexed, so nothing occurs.
        row = next(
            iter(IndexedDocument.objects.order_by().annotate(**checks).values(*checks)[:1]), {}
        )
        return {word for number, word in enumerate(words) if row.get(f"w{number}")}

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
                    # Titles that begin with what was typed first, then the most wanted.
                    .annotate(
                        _starts=Case(
                            When(title__istartswith=cleaned, then=Value(1)), default=Value(0)
                        )
                    )
                    .order_by("-_starts", "-boost", "title")
                    .values_list("title", flat=True)
                )
                return list(dict.fromkeys(titles[: limit * 2]))[:limit]
        except (DatabaseError, ValueError, NotImplementedError):
            logger.exception("Search suggestions failed for %r", cleaned)
            return []
