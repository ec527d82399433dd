"""Storing search documents: one document, one removal, or a full rebuild.

Every write goes through a transaction that covers the rows, their facets and the Wagtail
search index entries (the database backend keeps its index in the same database), so a
failure leaves the previous state whole. An external engine (Elasticsearch) is told which keys
changed once the transaction has committed; its failure is raised to the caller (the indexing
task, which is then recorded as failed) and `search_index rebuild` repairs it.
"""

import itertools
import logging
from functools import partial

from django.db import connection, transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backends
from wagtail.search.models import IndexEntry

from . import spelling
from .contract import MAX_BODY_CHARS, SearchDocument, providers
from .engines import get_engine
from .models import IndexedDocument, IndexedFacet

logger = logging.getLogger(__name__)

BATCH_SIZE = 200

_FIELDS = ("title", "body", "url", "content_type", "access", "language", "published_at", "boost")


def _clean_text(value, limit=None):
    # PostgreSQL refuses NUL in text; extracted file text sometimes carries it.
    value = (value or "").replace("\x00", " ")
    return value[:limit] if limit else value


def _row(doc: SearchDocument, now):
    return IndexedDocument(
        key=doc.key,
        title=_clean_text(doc.title, 500),
        body=_clean_text(doc.body, MAX_BODY_CHARS),
        url=doc.url[:1000],
        content_type=doc.content_type,
        access=doc.access,
        language=doc.language,
        published_at=doc.published_at,
        boost=doc.boost,
        updated_at=now,
    )


def _tell_engine(method_name, *args):
    """Call the engine's index method once the rows it reads are committed (only an engine
    with an index of its own has anything to do)."""

    engine = get_engine()
    if engine.external_index:
        transaction.on_commit(partial(getattr(engine, method_name), *args))


def _store_batch(docs, tell_engine=True):
    """Upsert a batch of documents with their facets and index entries; returns the rows."""
    by_key = {doc.key: doc for doc in docs}  # a key given twice: the last one wins
    if not by_key:
        return []
    now = timezone.now()
    IndexedDocument.objects.bulk_create(
        [_row(doc, now) for doc in by_key.values()],
        update_conflicts=True,
        unique_fields=["key"],
        update_fields=[*_FIELDS, "updated_at"],
    )
    # Fetched again: bulk_create does not return primary keys of updated rows everywhere.
    rows = list(IndexedDocument.objects.filter(key__in=by_key))
    IndexedFacet.objects.filter(document__in=rows).delete()
    IndexedFacet.objects.bulk_create(
        [
            IndexedFacet(document=row, name=name, value=str(value)[:100])
            for row in rows
            for name, values in by_key[row.key].facets.items()
            for value in dict.fromkeys(values)
        ]
    )
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(IndexedDocument, rows)
    spelling.add_words(text for doc in by_key.values() for text in (doc.title, doc.body))
    if tell_engine:
        _tell_engine("index_keys", [row.key for row in rows])
    return rows


def store(doc: SearchDocument) -> IndexedDocument:
    """Add or replace one document (matched by its key)."""
    with transaction.atomic():
        return _store_batch([doc])[0]


def remove(key: str) -> bool:
    """Remove the document with this key; False when there was none."""
    with transaction.atomic():
        row = IndexedDocument.objects.filter(key=key).first()
        if row is None:
            return False
        _delete_rows([row])
    return True


def _delete_rows(rows, tell_engine=True):
    if tell_engine and rows:
        _tell_engine("remove_keys", [row.key for row in rows])
    for row in rows:
        for backend in get_search_backends(with_auto_update=True):
            backend.delete(row)
    IndexedDocument.objects.filter(pk__in=[row.pk for row in rows]).delete()


def rebuild(progress=None) -> dict[str, int]:
    """Store every provider's documents and remove those no longer provided.

    `progress(provider_name, done, total)` is called after each batch (`total` is None when
    the provider cannot tell in advance). Returns the number of documents per provider, plus
    "removed". One transaction: if any provider fails, the old index stays as it was.
    """
    counts = {}
    seen = set()
    started = timezone.now()
    with transaction.atomic():
        # The vocabulary is gathered afresh, so words of removed documents go.
        spelling.clear()
        for provider in providers():
            name = provider.name
            total = _total(provider)
            done = 0
            documents = iter(provider.documents())
            while batch := list(itertools.islice(documents, BATCH_SIZE)):
                duplicates = seen.intersection(doc.key for doc in batch)
                if duplicates:
                    logger.warning(
                        "Search provider %s gives keys already stored: %s",
                        name,
                        sorted(duplicates)[:5],
                    )
                _store_batch(batch, tell_engine=False)
                seen.update(doc.key for doc in batch)
                done += len(batch)
                if progress:
                    progress(name, done, total)
            if progress and done == 0:
                progress(name, 0, total)
            counts[name] = counts.get(name, 0) + done
        # Every row stored above was stamped at or after `started`; older rows are stale.
        stale = list(IndexedDocument.objects.filter(updated_at__lt=started))
        _delete_rows(stale, tell_engine=False)
        # An external engine builds a fresh index from the committed rows and switches to it.
        _tell_engine("rebuild_index")
    _analyze()
    counts["removed"] = len(stale)
    return counts


def _analyze():
    """Fresh table statistics after a bulk load, so the planner joins the full-text matches to
    the documents the cheap way round (SQLite keeps none until told; PostgreSQL's autovacuum
    would catch up later)."""

    tables = [IndexedDocument, IndexedFacet, IndexEntry]
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _total(provider):
    # Optional: a provider may say how many documents it has, for the progress bar.
    count = getattr(provider, "count", None)
    if count is None:
        return None
    try:
        return int(count())
    except Exception:
        logger.exception("Search provider %s could not count its documents", provider.name)
        return None


def clear() -> int:
    """Remove every document (and its index entries); returns how many there were."""
    with transaction.atomic():
        rows = list(IndexedDocument.objects.all())
        _delete_rows(rows)
    return len(rows)
