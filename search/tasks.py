"""Background tasks that keep the search index in step with the apps' content.

A failing task is logged with its traceback and raised again, so that the task backend records
it as failed. Nothing is lost for good: `manage.py search_index rebuild` stores every document
again from the providers and removes what they no longer give (run it after an outage, or on a
schedule as a safety net).
"""

import logging

from django.apps import apps
from django.tasks import task

from . import indexing
from .contract import providers
from .engines import get_engine

logger = logging.getLogger(__name__)


def _provider(name):
    for provider in providers():
        if provider.name == name:
            return provider
    raise LookupError(f"No search provider named {name!r}")


@task
def update_document(provider_name, model_label, pk, key):
    """Store the instance's document, or remove it when the provider gives none (a draft,
    an unpublished or private page) or the instance has gone since the task was enqueued."""
    try:
        provider = _provider(provider_name)
        model = apps.get_model(model_label)
        instance = model._default_manager.filter(pk=pk).first()
        doc = provider.document_for(instance) if instance is not None else None
        if doc is None:
            indexing.remove(key)
        else:
            if doc.key != key:
                indexing.remove(key)  # the key moved (e.g. a page changed type)
            indexing.store(doc)
    except Exception:
        logger.exception(
            "Search indexing failed for %s %s (provider %s); "
            "'manage.py search_index rebuild' repairs the index.",
            model_label,
            pk,
            provider_name,
        )
        raise


@task
def remove_document(key):
    try:
        indexing.remove(key)
    except Exception:
        logger.exception(
            "Removing %s from search failed; 'manage.py search_index rebuild' repairs the index.",
            key,
        )
        raise


@task
def rebuild_external_index():
    """Rebuild the external engine's index from the stored rows (after a change of synonyms,
    which an index's analyzer only takes in when it is created); returns the count."""

    engine = get_engine()
    if not engine.external_index:
        return 0
    try:
        return engine.rebuild_index()
    except Exception:
        logger.exception(
            "Rebuilding the %s index failed; 'manage.py search_index rebuild' retries it.",
            engine.name,
        )
        raise
