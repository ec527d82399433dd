"""Receivers that enqueue re-indexing when the apps' content changes.

Providers say which models they index (`SearchProvider.models`). The receivers listen to every
save and delete and look the instance's class up in that table, built lazily on first use:
providers are Wagtail hooks, which cannot be read safely while apps are still loading. Work is
enqueued after the transaction commits, so the task sees what was saved (and nothing is queued
for a rolled-back change).
"""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from .contract import providers

logger = logging.getLogger(__name__)

_by_class = {}
_providers = None


def reset():
    """Forget the cached provider table (tests that register providers call this)."""
    global _providers
    _providers = None
    _by_class.clear()


def providers_for(instance_class):
    """The providers that index instances of this class (or a parent class)."""
    global _providers
    if instance_class not in _by_class:
        if _providers is None:
            _providers = providers()
        _by_class[instance_class] = [
            provider
            for provider in _providers
            if any(issubclass(instance_class, model) for model in provider.models)
        ]
    return _by_class[instance_class]


def enqueue_update(instance, using=None):
    for provider in providers_for(type(instance)):
        from .tasks import update_document

        args = (provider.name, instance._meta.label, instance.pk, provider.key_for(instance))
        transaction.on_commit(partial(update_document.enqueue, *args), using=using)


def enqueue_removal(instance, using=None):
    for provider in providers_for(type(instance)):
        from .tasks import remove_document

        # The key is read now: after the delete the instance cannot be loaded again.
        key = provider.key_for(instance)
        transaction.on_commit(partial(remove_document.enqueue, key), using=using)


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


def connect():
    post_save.connect(saved, dispatch_uid="search.sync.saved")
    post_delete.connect(deleted, dispatch_uid="search.sync.deleted")
    page_published.connect(published, dispatch_uid="search.sync.published")
    page_unpublished.connect(published, dispatch_uid="search.sync.unpublished")
    post_page_move.connect(moved, dispatch_uid="search.sync.moved")
