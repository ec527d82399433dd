"""The interface every search engine implements, and what a search returns.

Engines take the searcher's access tokens (search.contract.access_tokens) and must apply them
inside the query, so that results, totals, pages, facet counts and suggestions never reveal a
document the searcher may not see.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from abc import ABC, abstractmethod
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ..contract import FACETS

MAX_QUERY_CHARS = 200
MAX_TERMS = 24
DEFAULT_PER_PAGE = 10
# Facets the search page offers, in the order it shows them.
FACET_NAMES = ("content_type", "language", *FACETS)
SNIPPET_CHARS = 240


@dataclass(frozen=True)
class SearchHit:
    key: str
    title: str
    url: str
    content_type: str
    snippet: SafeString  # escaped text with <mark> around matched words
    language: str
    published_at: datetime.datetime | None = None


@dataclass
class SearchPage:
    query: str  # the query as cleaned and searched
    results: list[SearchHit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    num_pages: int = 1
    per_page: int = DEFAULT_PER_PAGE
    # {facet name: [(value, count), ...]}, largest count first; only what the searcher may see.
    facet_counts: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    # True when there was nothing to search for: show search tips instead of results.
    tips: bool = False
    # Synonyms the query was widened with (for "also searched for …").
    also_searched: tuple[str, ...] = ()
    # True when the engine failed and the page is empty because of it (logged).
    failed: bool = False
    # When nothing was found: a respelling of the query that finds something the searcher may
    # see ("Did you mean …?"), or "".
    suggestion: str = ""

    @property
    def has_previous(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def start_index(self):
        return (self.page - 1) * self.per_page + 1 if self.total else 0


class SearchEngine(ABC):
    name = ""
    # True for an engine with its own index (Elasticsearch), fed by the index_* methods below.
    external_index = False

    @abstractmethod
    def search(
        self,
        query,
        *,
        tokens,
        filters=None,
        page=1,
        per_page=DEFAULT_PER_PAGE,
        synonyms=True,
    ) -> SearchPage:
        """One page of the documents matching `query` that carry one of `tokens`.

        `filters` is {facet name: [values]} (values of one facet are alternatives; facets
        combine). `page` may be anything a user typed: not a number → 1, past the end → last.
        With `synonyms` off, only the query's own words are searched for (which language's
        documents hold them tells the query's language).

        Every word of the query is required; when nothing the searcher may see holds them
        all, any of them will do. That choice is made over everything the searcher may see,
        whatever the filters, so that each facet count is what choosing that value shows.
        """

    @abstractmethod
    def suggest(self, prefix, *, tokens, limit=8) -> list[str]:
        """Titles completing what the searcher has typed so far, permission-filtered."""

    # --- Keeping the engine's own index in step with the stored documents -----------------
    # search.indexing stores every document as an IndexedDocument row (the source of truth)
    # and then, after its transaction commits, tells the engine which keys changed. The
    # database engine's index is written inside that transaction, so it has nothing to do.

    def index_keys(self, keys) -> None:
        """(Re-)index the rows with these keys (rows that no longer exist are removed)."""
        return None

    def remove_keys(self, keys) -> None:
        """Remove these keys from the engine's index."""
        return None

    def rebuild_index(self, progress=None) -> int:
        """Index every row afresh (an external engine builds a new index and switches to it
        when complete, so searching goes on meanwhile); returns the number indexed."""
        return 0


# --- Shared query handling -------------------------------------------------------------------

_NOT_WORD = re.compile(r"[\W_]+")


def clean_query(raw) -> str:
    """The words of a query, with every operator, quote, bracket, symbol, emoji and control
    character removed: what remains can be handed to any engine as plain terms.

    Above MAX_QUERY_CHARS the query is cut at a word boundary.
    """
    if not isinstance(raw, str):
        return ""
    text = unicodedata.normalize("NFKC", raw[: MAX_QUERY_CHARS * 4])
    # Letters, marks and digits only: "NEAR(", "*", ":", quotes and SQL punctuation all go.
    text = "".join(char if unicodedata.category(char)[0] in "LNM" else " " for char in text)
    text = _NOT_WORD.sub(" ", text)
    words = text.split()[:MAX_TERMS]
    cleaned = " ".join(words)
    if len(cleaned) > MAX_QUERY_CHARS:
        cleaned = cleaned[:MAX_QUERY_CHARS].rsplit(" ", 1)[0] if " " in cleaned else ""
        cleaned = cleaned or " ".join(words)[:MAX_QUERY_CHARS]
    return cleaned.strip()


def page_number(raw) -> int:
    """A requested page as a positive integer (anything else is page 1)."""
    try:
        number = int(str(raw).strip())
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def num_pages_for(total, per_page):
    return max(1, math.ceil(total / per_page))


def clean_filters(filters) -> dict[str, list[str]]:
    """Only known facets, with string values; an unknown content type simply matches none."""
    cleaned = {}
    for name, values in (filters or {}).items():
        if name not in FACET_NAMES:
            continue
        if isinstance(values, str):
            values = [values]
        values = [str(v)[:100] for v in values if v not in (None, "")]
        if values:
            cleaned[name] = values
    return cleaned


def highlight_terms(cleaned, alternatives=()):
    """The words to mark in snippets: the query's and its synonyms', leaving out words of one
    or two letters ("of", "in") unless the query has nothing longer."""
    words = cleaned.split() + [word for alternative in alternatives for word in alternative.split()]
    return [word for word in words if len(word) > 2] or words


def highlight(text, terms, length=SNIPPET_CHARS) -> SafeString:
    """An escaped excerpt of `text` around the first matched term, terms in <mark>."""
    text = " ".join((text or "").split())
    words = sorted({t for t in terms if t}, key=len, reverse=True)
    if not words:
        return escape(text[:length])
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")", re.IGNORECASE)
    match = pattern.search(text)
    start = 0
    if match and match.start() > length // 3:
        start = text.rfind(" ", 0, match.start() - length // 3) + 1
    excerpt = text[start : start + length]
    parts = []
    last = 0
    for found in pattern.finditer(excerpt):
        parts.append(escape(excerpt[last : found.start()]))
        parts.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    parts.append(escape(excerpt[last:]))
    prefix = "… " if start else ""
    suffix = " …" if start + length < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every part is escaped
