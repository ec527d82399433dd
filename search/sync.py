"""Receivers that enqueue re-indexing when the apps' content changes.

Providers say which models they index (`SearchProvider.models`). The receivers listen to every
save and delete and look the instance's class up in that table, built lazily on first use:
providers are Wagtail hooks, which cannot be read safely while apps are still loading. Work is
enqueued after the transaction commits, so the task sees what was saved (and nothing is queued
for a rolled-back change).

A provider may also name models its documents depend on (`depends_on`, with `dependents()`):
their changes re-index the dependents. Privacy set on a page or a collection re-indexes
everything beneath it. Memberships need nothing: a searcher's access tokens are read from their
memberships at each search (search.contract.access_tokens).
"""

import logging
from functools import partial

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.transactions import once_on_commit

from .contract import providers
from .engines import get_engine
from .models import Synonym
from .tasks import rebuild_external_index, remove_document, update_document

logger = logging.getLogger(__name__)

_by_class = {}
_providers = None


def reset():
    """Forget the cached provider table (tests that register providers call this)."""
    global _providers
    _providers = None
    _by_class.clear()


def _table(instance_class):
    """(providers indexing this class, providers whose documents depend on it)."""
    global _providers
    if instance_class not in _by_class:
        if _providers is None:
            _providers = providers()
        _by_class[instance_class] = (
            [
                provider
                for provider in _providers
                if any(issubclass(instance_class, model) for model in provider.models)
            ],
            [
                provider
                for provider in _providers
                if any(
                    issubclass(instance_class, model)
                    for model in getattr(provider, "depends_on", ())
                )
            ],
        )
    return _by_class[instance_class]


def providers_for(instance_class):
    """The providers that index instances of this class (or a parent class)."""
    return _table(instance_class)[0]


def enqueue_dependents(instance, using=None):
    """Re-index what other providers build from `instance` (a toolkit's files, say)."""
    for provider in _table(type(instance))[1]:
        for dependent in provider.dependents(instance):
            enqueue_update(dependent, using=using)


def enqueue_update(instance, using=None):
    enqueue_dependents(instance, using=using)
    for provider in providers_for(type(instance)):
        key = provider.key_for(instance)
        args = (provider.name, instance._meta.label, instance.pk, key)
        once_on_commit(
            ("update", provider.name, key), partial(update_document.enqueue, *args), using
        )


def enqueue_removal(instance, using=None):
    # What depended on the instance is looked at again (it may still be found elsewhere).
    enqueue_dependents(instance, using=using)
    for provider in providers_for(type(instance)):
        # The key is read now: after the delete the instance cannot be loaded again.
        key = provider.key_for(instance)
        once_on_commit(("remove", key), partial(remove_document.enqueue, key), using)


def saved(sender, instance, raw=False, using=None, **kwargs):
    if raw:  # fixtures: the rebuild indexes them
        return
    enqueue_update(instance, using=using)


def deleted(sender, instance, using=None, **kwargs):
    enqueue_removal(instance, using=using)


def published(sender, instance, **kwargs):
    # A publish also saves the page, but unpublishing may not; both are caught explicitly.
    enqueue_update(instance)


def moved(sender, instance, **kwargs):
    # A move changes the URL of the page and of everything beneath it.
    enqueue_update(instance.specific)
    for page in instance.get_descendants().specific():
        enqueue_update(page)


def page_restriction_changed(sender, instance, raw=False, **kwargs):
    """Privacy set, changed or lifted on a page: its subtree's access changes."""
    if raw:
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        moved(sender, page)


def collection_restriction_changed(sender, instance, raw=False, **kwargs):
    """Privacy of a collection changed: every document in it and its children changes."""
    if raw:
        return
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is None:
        return
    in_collections = Collection.objects.filter(path__startswith=collection.path)
    for document in get_document_model().objects.filter(collection__in=in_collections):
        enqueue_update(document)


def restriction_groups_changed(sender, instance, action, **kwargs):
    """The groups a restriction opens to changed (members-only or not)."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, PageViewRestriction):
        page_restriction_changed(sender, instance)
    elif isinstance(instance, CollectionViewRestriction):
        collection_restriction_changed(sender, instance)


def synonyms_changed(sender, instance, raw=False, using=None, **kwargs):
    """An external engine reads synonyms into its index's analyzer: rebuild it (the engine
    switches to the new index when complete), once per transaction."""
    if raw:
        return

    if get_engine().external_index:
        once_on_commit(("synonyms",), rebuild_external_index.enqueue, using)


def connect():

    post_save.connect(synonyms_changed, sender=Synonym, dispatch_uid="search.sync.synonym_saved")
    post_delete.connect(
        synonyms_changed, sender=Synonym, dispatch_uid="search.sync.synonym_deleted"
    )
    post_save.connect(saved, dispatch_uid="search.sync.saved")
    post_delete.connect(deleted, dispatch_uid="search.sync.deleted")
    page_published.connect(published, dispatch_uid="search.sync.published")
    page_unpublished.connect(published, dispatch_uid="search.sync.unpublished")
    post_page_move.connect(moved, dispatch_uid="search.sync.moved")
    for restriction, receiver in (
        (PageViewRestriction, page_restriction_changed),
        (CollectionViewRestriction, collection_restriction_changed),
    ):
        name = restriction.__name__
        post_save.connect(receiver, sender=restriction, dispatch_uid=f"search.sync.{name}.saved")
        post_delete.connect(
            receiver, sender=restriction, dispatch_uid=f"search.sync.{name}.deleted"
        )
        m2m_changed.connect(
            restriction_groups_changed,
            sender=restriction.groups.through,
            dispatch_uid=f"search.sync.{name}.groups",
        )
