"""The engine for scale: Elasticsearch, driven through elasticsearch.dsl.

The IndexedDocument rows stay the source of truth; this engine keeps a copy of them in a
concrete index `<prefix>-<timestamp>-<uuid>` that the alias `<prefix>` points at. A rebuild fills
a new index and moves the alias in one atomic call, so searching never stops.

Permissions are part of every request: the searcher's tokens are a `terms` filter on `access`
in the query itself, so hits, totals, aggregations (facet counts), highlights and the "did you
mean" respelling are all computed over permitted documents only.

The search analyzer carries the editors' synonyms (a `synonym_graph` filter); an index's
analyzers are fixed once created, so a change of synonyms queues a rebuild (search.sync).
The query also names each synonym's alternatives itself, like the database engine, so that
widening works at once and "also searched for" shows what was added.
"""

from __future__ import annotations

import logging
import re
import uuid
from collections import defaultdict

from django.conf import settings
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch import ApiError, Elasticsearch, NotFoundError, TransportError
from elasticsearch.dsl import (
    Date,
    Document,
    FacetedSearch,
    Float,
    Index,
    Keyword,
    Q,
    Search,
    TermsFacet,
    Text,
    analyzer,
    token_filter,
    tokenizer,
)
from elasticsearch.dsl.exceptions import ElasticsearchDslException
from elasticsearch.dsl.function import SF
from elasticsearch.helpers import BulkIndexError, bulk

from ..models import IndexedDocument, Synonym
from ..synonyms import expand_synonyms
from .base import (
    DEFAULT_PER_PAGE,
    FACET_NAMES,
    SNIPPET_CHARS,
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

DEFAULT_INDEX_PREFIX = "sepsis-portal-search"
REQUEST_TIMEOUT = 10  # seconds; a slow cluster must not hold a web worker for long
BATCH_SIZE = 500
SNIPPET_SOURCE_CHARS = 20_000  # what a snippet falls back to, as in the database engine
FACET_SIZE = 100  # buckets per facet: every content type, language and slug the portal has
MAX_SUGGESTION_OPTIONS = 5
# Elasticsearch's default index.max_result_window: from + size may not go beyond it.
MAX_RESULT_WINDOW = 10_000
# Highlight markers no document text can contain (they are stripped when indexing), so that a
# fragment can be escaped whole and only these become <mark> tags.
MARK_START, MARK_END = "\ue000", "\ue001"
_MARKERS = str.maketrans("", "", MARK_START + MARK_END)

ERRORS = (ApiError, TransportError, BulkIndexError, ElasticsearchDslException)

# --- Analysis ---------------------------------------------------------------------------------

english_stemmer = token_filter("portal_english_stemmer", "stemmer", language="english")
# Words as indexed: lower case, accents folded (so "infeccion" finds "infección"), stemmed.
TEXT_ANALYZER = "portal_text"
text_analyzer = analyzer(
    TEXT_ANALYZER,
    tokenizer="standard",
    filter=["lowercase", "asciifolding", english_stemmer],
)
# Unstemmed words: what "did you mean" proposes must be a real word, not a stem.
plain_analyzer = analyzer(
    "portal_plain", tokenizer="standard", filter=["lowercase", "asciifolding"]
)
# Word prefixes of titles for suggestions as people type ("lact" finds "Herramienta de lactato").
autocomplete_analyzer = analyzer(
    "portal_autocomplete",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("portal_edge_ngram", "edge_ngram", min_gram=1, max_gram=20),
    ],
)
# Typed words longer than the longest indexed prefix are cut to it, so they still match.
autocomplete_search_analyzer = analyzer(
    "portal_autocomplete_search",
    tokenizer="standard",
    filter=["lowercase", "asciifolding", token_filter("portal_truncate", "truncate", length=20)],
)
SEARCH_ANALYZER = "portal_search"


def synonym_rules(synonyms=None):
    """The editors' synonyms as Solr rules ("blood poisoning => blood poisoning, sepsis").

    Every term goes through clean_query, which leaves letters, digits and single spaces only:
    no "=>", comma, quote or backslash from an editor can change a rule's meaning or make the
    analyzer definition invalid.
    """
    if synonyms is None:
        synonyms = Synonym.objects.order_by("term")
    rules = []
    for synonym in synonyms:
        term = clean_query(synonym.term).lower()
        alternatives = [clean_query(a).lower() for a in synonym.alternative_list()]
        targets = list(dict.fromkeys([term, *(a for a in alternatives if a)]))
        if term and len(targets) > 1:
            rules.append(f"{term} => {', '.join(targets)}")
    return rules


def search_analyzer(rules):
    """The analyzer of queries: the index analyzer with the synonyms applied before stemming
    (rules are parsed with the filters before them, so they match as typed)."""
    filters = ["lowercase", "asciifolding"]
    if rules:
        # lenient: a rule that analyzes to nothing is skipped instead of failing the index.
        filters.append(
            token_filter("portal_synonyms", "synonym_graph", synonyms=rules, lenient=True)
        )
    filters.append(english_stemmer)
    return analyzer(SEARCH_ANALYZER, tokenizer=tokenizer("standard"), filter=filters)


# --- The documents ----------------------------------------------------------------------------


class SearchDocumentIndex(Document):
    """One IndexedDocument row (its key is the Elasticsearch _id)."""

    key = Keyword()
    title = Text(
        analyzer=text_analyzer,
        search_analyzer=SEARCH_ANALYZER,
        copy_to="spelling",
        fields={
            "autocomplete": Text(
                analyzer=autocomplete_analyzer, search_analyzer=autocomplete_search_analyzer
            ),
            "raw": Keyword(ignore_above=500),
        },
    )
    # Offsets in the postings let the highlighter find matches without re-analyzing a body
    # that may be a megabyte of extracted file text.
    body = Text(
        analyzer=text_analyzer,
        search_analyzer=SEARCH_ANALYZER,
        index_options="offsets",
        copy_to="spelling",
    )
    # Stored, not searched: the start of the body, for snippets without fetching all of it.
    snippet_source = Text(index=False)
    spelling = Text(analyzer=plain_analyzer)
    url = Keyword(index=False, doc_values=False)
    content_type = Keyword()
    access = Keyword()
    language = Keyword()
    care_setting = Keyword(multi=True)
    audience = Keyword(multi=True)
    published_at = Date()
    boost = Float()

    @classmethod
    def from_row(cls, row):
        facets = defaultdict(list)
        for item in row.facets.all():
            facets[item.name].append(item.value)
        body = (row.body or "").translate(_MARKERS)
        return cls(
            meta={"id": row.key},
            key=row.key,
            title=row.title.translate(_MARKERS),
            body=body,
            snippet_source=body[:SNIPPET_SOURCE_CHARS],
            url=row.url,
            content_type=row.content_type,
            access=row.access,
            language=row.language,
            care_setting=facets.get("care_setting", []),
            audience=facets.get("audience", []),
            published_at=row.published_at,
            boost=row.boost,
        )


def build_index(name, rules):
    """The definition of one concrete index: mappings, analyzers and the synonyms given."""
    index = Index(name)
    # One shard: a portal's documents fit easily, and relevance is computed over all of them.
    index.settings(number_of_shards=1)
    index.analyzer(search_analyzer(rules))
    index.document(SearchDocumentIndex)
    return index


# --- The client -------------------------------------------------------------------------------

_clients = {}


def get_client(url):
    """One client per process and URL; creating one does not connect."""
    client = _clients.get(url)
    if client is None:
        client = _clients[url] = Elasticsearch(url, request_timeout=REQUEST_TIMEOUT)
    return client


# --- Searching --------------------------------------------------------------------------------


class PortalSearch(FacetedSearch):
    """A faceted search over permitted documents.

    The access filter is part of the query (so aggregations never count anything else); the
    facet filters are FacetedSearch's post_filter, and each facet's aggregation is filtered by
    the other facets only, so its counts show what choosing another of its values would give.
    """

    fields = ["title^3", "body"]
    facets = {name: TermsFacet(field=name, size=FACET_SIZE) for name in FACET_NAMES}

    def __init__(
        self, cleaned, *, tokens, filters, alternatives, operator, index, using, synonyms=True
    ):
        self.index = index
        self.using = using
        self.tokens = sorted(tokens)
        self.alternatives = tuple(alternatives)
        self.operator = operator
        self.synonyms = synonyms
        # Equal scores in a stable order, so pages neither repeat nor skip documents.
        super().__init__(cleaned, filters, sort=["_score", "key"])

    def search(self):
        return (
            super()
            .search()
            .filter("terms", access=self.tokens)
            .source(excludes=["body", "spelling"])
            .extra(track_total_hits=True)
        )

    def query(self, search, query):
        if not self.synonyms:
            # The words as typed: analyzed as the index analyzed the documents, without the
            # search analyzer's synonyms (combined_fields cannot name another analyzer).
            own = Q(
                "multi_match",
                query=query,
                fields=self.fields,
                type="cross_fields",
                operator=self.operator,
                analyzer=TEXT_ANALYZER,
            )
            return search.query(own)
        texts = [Q("combined_fields", query=query, fields=self.fields, operator=self.operator)]
        texts += [
            Q("combined_fields", query=alternative, fields=self.fields, operator="and")
            for alternative in self.alternatives
        ]
        matched = texts[0] if len(texts) == 1 else Q("bool", should=texts, minimum_should_match=1)
        # Relevance times the document's own weight (symptom guidance first).
        return search.query(
            "function_score",
            query=matched,
            functions=[SF("field_value_factor", field="boost", missing=1)],
            boost_mode="multiply",
        )

    def highlight(self, search):
        # A plain match per field for the highlighter: it marks every word of the query and
        # of its synonyms in each field, whatever the scoring query's structure.
        marked = Q(
            "bool",
            should=[
                Q("multi_match", query=text, fields=["title", "body"])
                for text in (self._query, *self.alternatives)
            ],
        )
        return search.highlight_options(
            highlight_query=marked.to_dict(),
            pre_tags=[MARK_START],
            post_tags=[MARK_END],
            encoder="default",
            fragment_size=SNIPPET_CHARS,
            number_of_fragments=1,
        ).highlight("body", "title")


def snippet_from(fragment):
    """An HTML-safe snippet: the fragment escaped, then only our markers made <mark>."""
    text = escape(" ".join(fragment.split()))
    return mark_safe(  # noqa: S308 - escaped above; only our own tags are added
        text.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


class ElasticsearchEngine(SearchEngine):
    name = "elasticsearch"
    external_index = True

    def __init__(self, url=None, prefix=None):
        self.url = url or settings.ELASTICSEARCH_URL
        self.alias = (
            prefix or getattr(settings, "ELASTICSEARCH_INDEX", "") or DEFAULT_INDEX_PREFIX
        ).lower()

    @property
    def client(self):
        return get_client(self.url)

    # --- Building requests (pure: nothing here talks to the server) ---------------------

    def build_search(
        self, cleaned, tokens, filters=None, operator="and", alternatives=(), synonyms=True
    ):
        return PortalSearch(
            cleaned,
            tokens=tokens,
            filters=clean_filters(filters),
            alternatives=alternatives,
            operator=operator,
            index=self.alias,
            using=self.client,
            synonyms=synonyms,
        )

    def build_spelling(self, cleaned):
        """A term suggester over unstemmed words of every document; what it proposes is
        checked against the searcher's documents before it is shown (see respell)."""
        return (
            Search(index=self.alias, using=self.client)
            .extra(size=0)
            .suggest(
                "spelling",
                cleaned,
                term={
                    "field": "spelling",
                    "suggest_mode": "always",
                    "size": MAX_SUGGESTION_OPTIONS,
                },
            )
        )

    def build_word_check(self, words, tokens):
        """How many permitted documents contain each word (one filters aggregation)."""
        search = (
            Search(index=self.alias, using=self.client)
            .filter("terms", access=sorted(tokens))
            .extra(size=0)
        )
        search.aggs.bucket(
            "words",
            "filters",
            filters={word: Q("match", spelling=word) for word in words},
        )
        return search

    def build_suggest(self, cleaned, tokens, limit):
        return (
            Search(index=self.alias, using=self.client)
            .query("match", **{"title.autocomplete": {"query": cleaned, "operator": "and"}})
            .filter("terms", access=sorted(tokens))
            .sort("-boost", "_score", "title.raw")
            .source(["title"])
            .extra(size=limit * 2)
        )

    # --- Searching -----------------------------------------------------------------------

    def search(
        self, query, *, tokens, filters=None, page=1, per_page=DEFAULT_PER_PAGE, synonyms=True
    ):
        cleaned = clean_query(query)
        per_page = max(1, min(int(per_page), 100))
        if not cleaned:
            return SearchPage(query="", tips=True, per_page=per_page)
        filters = clean_filters(filters)
        try:
            return self._search(cleaned, set(tokens), filters, page, per_page, synonyms)
        except ERRORS:
            logger.exception("Elasticsearch search failed for the query %r", cleaned)
            return SearchPage(query=cleaned, per_page=per_page, failed=True)

    def _search(self, cleaned, tokens, filters, page, per_page, synonyms):
        alternatives = expand_synonyms(cleaned) if synonyms else ()
        # Elasticsearch pages no further than MAX_RESULT_WINDOW: a page beyond it is served
        # as the farthest one it can give, as a page past the end is served as the last.
        number = min(page_number(page), max(1, MAX_RESULT_WINDOW // per_page))

        def execute(operator, number, filters=filters, per_page=per_page):
            start = (number - 1) * per_page
            faceted = self.build_search(
                cleaned, tokens, filters, operator, alternatives, synonyms=synonyms
            )
            return faceted[start : start + per_page].execute()

        operator = "and"
        response = execute(operator, number)
        if (
            response.hits.total.value == 0
            and len(cleaned.split()) > 1
            and not (filters and execute(operator, 1, filters={}, per_page=0).hits.total.value)
        ):
            # Every word was required; with none found, any of them will do (ranked). Found
            # without the filters, every word stays required (see SearchEngine.search).
            operator = "or"
            response = execute(operator, number)
        total = response.hits.total.value
        num_pages = num_pages_for(total, per_page)
        if number > num_pages:
            number = num_pages
            response = execute(operator, number)
        terms = highlight_terms(cleaned, alternatives)
        return SearchPage(
            query=cleaned,
            results=[self._hit(hit, terms) for hit in response.to_dict()["hits"]["hits"]],
            total=total,
            page=number,
            num_pages=num_pages,
            per_page=per_page,
            facet_counts={
                name: sorted(
                    ((value, count) for value, count, _selected in response.facets[name]),
                    key=lambda item: (-item[1], item[0]),
                )
                for name in FACET_NAMES
            },
            also_searched=alternatives,
            suggestion="" if total else self.respell(cleaned, tokens, filters),
        )

    def _hit(self, hit, terms):
        """A SearchHit from one raw hit (its _source and highlight)."""
        source = hit["_source"]
        fragments = hit.get("highlight", {})
        fragment = (fragments.get("body") or fragments.get("title") or [""])[0]
        if fragment:
            snippet = snippet_from(fragment)
        else:
            snippet = highlight(source.get("snippet_source") or source["title"], terms)
        published_at = source.get("published_at")
        return SearchHit(
            key=source["key"],
            title=source["title"],
            url=source["url"],
            content_type=source["content_type"],
            snippet=snippet,
            language=source["language"],
            published_at=parse_datetime(published_at) if published_at else None,
        )

    def _found(self, cleaned, tokens, filters):
        """Whether the query finds anything the searcher may see, as search() would."""
        for operator in ("and", "or"):
            # Executed rather than counted: Search.count() would leave out the facet filters.
            response = self.build_search(cleaned, tokens, filters, operator)[0:0].execute()
            if response.hits.total.value:
                return True
        return False

    def respell(self, cleaned, tokens, filters):
        """A respelling of the query that finds something the searcher may see, or "".

        The suggester reads words of every document, so each proposed word must first be
        found in a permitted document, and the respelled query must then find a result with
        the same tokens and filters: a word of a private document is never proposed.
        """
        raw = self.build_spelling(cleaned).execute().to_dict()
        entries = [e for e in raw.get("suggest", {}).get("spelling", []) if e.get("options")]
        if not entries:
            return ""
        candidates = {e["text"] for e in entries} | {
            o["text"] for e in entries for o in e["options"]
        }
        checked = self.build_word_check(sorted(candidates), tokens).execute().to_dict()
        counts = {
            word: bucket["doc_count"]
            for word, bucket in checked["aggregations"]["words"]["buckets"].items()
        }
        # Offsets count UTF-16 code units (Java strings): replace in that encoding.
        text = cleaned.encode("utf-16-le")
        changed = False
        # Right to left, so that the offsets of words not yet replaced stay valid.
        for entry in sorted(entries, key=lambda e: e["offset"], reverse=True):
            if counts.get(entry["text"]):
                continue
            word = next((o["text"] for o in entry["options"] if counts.get(o["text"])), None)
            if word:
                start, end = 2 * entry["offset"], 2 * (entry["offset"] + entry["length"])
                text = text[:start] + word.encode("utf-16-le") + text[end:]
                changed = True
        respelled = clean_query(text.decode("utf-16-le", errors="replace"))
        if not changed or respelled.lower() == cleaned.lower():
            return ""
        return respelled if self._found(respelled, tokens, filters) else ""

    def suggest(self, prefix, *, tokens, limit=8):
        cleaned = clean_query(prefix)
        if not cleaned:
            return []
        try:
            response = self.build_suggest(cleaned, set(tokens), limit).execute()
        except ERRORS:
            logger.exception("Elasticsearch suggestions failed for %r", cleaned)
            return []
        return list(dict.fromkeys(hit.title for hit in response))[:limit]

    # --- Keeping the index in step ---------------------------------------------------------

    def _new_index_name(self):
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"

    def _own_index(self, name):
        return re.fullmatch(re.escape(self.alias) + r"-\d{14}-[0-9a-f]{8}", name) is not None

    def _actions(self, rows, index):
        for row in rows:
            doc = SearchDocumentIndex.from_row(row)
            yield {"_op_type": "index", "_index": index, "_id": row.key, "_source": doc.to_dict()}

    def _bulk_rows(self, queryset, index, progress=None, total=None):
        done = 0
        rows = queryset.prefetch_related("facets").order_by("pk")
        batch = []
        for row in rows.iterator(chunk_size=BATCH_SIZE):
            batch.append(row)
            if len(batch) == BATCH_SIZE:
                done += self._send(batch, index)
                batch = []
                if progress:
                    progress(self.name, done, total)
        if batch:
            done += self._send(batch, index)
        if progress:
            progress(self.name, done, total)
        return done

    def _send(self, rows, index):
        indexed, _errors = bulk(self.client, self._actions(rows, index), chunk_size=BATCH_SIZE)
        return indexed

    def rebuild_index(self, progress=None):
        """Fill a new index with every row and the current synonyms, then move the alias to it
        in one call and drop the indices it replaced; searches meanwhile use the old one."""
        client = self.client
        name = self._new_index_name()
        started = timezone.now()
        build_index(name, synonym_rules()).create(using=client)
        try:
            queryset = IndexedDocument.objects.all()
            count = self._bulk_rows(queryset, name, progress, total=queryset.count())
            client.indices.refresh(index=name)
            old = self._alias_targets()
            actions = [{"remove": {"index": index, "alias": self.alias}} for index in old]
            if client.indices.exists(index=self.alias) and not old:
                # A concrete index took the alias's name (created by hand, or by a write
                # before the alias existed): replace it in the same atomic call.
                actions.append({"remove_index": {"index": self.alias}})
            actions.append({"add": {"index": name, "alias": self.alias}})
            client.indices.update_aliases(actions=actions)
        except Exception:
            client.indices.delete(index=name, ignore_unavailable=True)
            raise
        # Rows changed while the new index was filled were written to the old one: again.
        changed = list(
            IndexedDocument.objects.filter(updated_at__gte=started).values_list("key", flat=True)
        )
        if changed:
            self.index_keys(changed)
        stale = [
            index
            for index in client.indices.get(index=f"{self.alias}-*", expand_wildcards="open")
            if index != name and self._own_index(index)
        ]
        if stale:
            client.indices.delete(index=",".join(stale), ignore_unavailable=True)
        return count

    def _alias_targets(self):
        try:
            return sorted(self.client.indices.get_alias(name=self.alias))
        except NotFoundError:
            return []

    def index_keys(self, keys):
        keys = list(dict.fromkeys(keys))
        if not keys:
            return
        if not self.client.indices.exists_alias(name=self.alias):
            # No index yet: build it from every committed row (these keys among them).
            self.rebuild_index()
            return
        for start in range(0, len(keys), BATCH_SIZE):
            chunk = keys[start : start + BATCH_SIZE]
            rows = list(IndexedDocument.objects.filter(key__in=chunk).prefetch_related("facets"))
            self._send(rows, self.alias)
            missing = set(chunk) - {row.key for row in rows}
            if missing:
                self.remove_keys(missing)

    def remove_keys(self, keys):
        keys = list(dict.fromkeys(keys))
        if not keys or not self.client.indices.exists_alias(name=self.alias):
            return
        bulk(
            self.client,
            ({"_op_type": "delete", "_index": self.alias, "_id": key} for key in keys),
            chunk_size=BATCH_SIZE,
            ignore_status=(404,),
        )

    def indexed_count(self):
        """How many documents the live index holds (for `search_index`)."""
        return self.client.count(index=self.alias)["count"]

    def delete_indices(self):
        """Remove the alias and every index of this prefix (tests, decommissioning)."""
        names = [
            index
            for index in self.client.indices.get(index=f"{self.alias}-*", expand_wildcards="all")
            if self._own_index(index)
        ]
        if names:
            self.client.indices.delete(index=",".join(names), ignore_unavailable=True)
