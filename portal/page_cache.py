"""Who may share a response, and the full-page cache that serves the ones that may.

One rule decides (`shared_cache_policy`): a GET answered 200 to a visitor with no session,
that set no cookie and used no CSRF token, is the same for every anonymous visitor. It is
marked `public` for browsers and shared caches (a CDN), and stored in the "pages" cache
alias so that a surge on the symptom page is answered without touching the database.
Everything else (signed-in users, sessions, forms, private and work-group pages, the admin,
redirects and errors) is marked `private, no-store` and never stored. Views that set their
own Cache-Control have decided for themselves and are left alone (and not stored here).

Django's two cache middlewares do the storing and fetching; the fetch runs just after
WhiteNoise, so a hit skips sessions, authentication and rendering. Stored copies vary on
the Cookie header, so a request carrying any cookie never receives a copy made for a
request without it.

Publishing, unpublishing, moving or deleting a page, and saving the snippets, settings,
documents, collections and restrictions that pages display, purges the whole page cache
(menus and listings show other pages' titles, so one change reaches many pages); Wagtail's
frontend_cache purges the page's own URLs at a CDN when WAGTAILFRONTENDCACHE is set.

A page cache on a Redis that cannot be reached misses every read without waiting, is
logged once, and is emptied when Redis returns if a purge was missed (portal.caches); the
exception handlers here catch what is left, for caches configured some other way.
"""

import functools
import logging
import os
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.db.models.signals import post_delete, post_save
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_http_date_safe
from wagtail import hooks
from wagtail.contrib.frontend_cache.utils import purge_page_from_cache, purge_url_from_cache
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Locale,
    Page,
    PageViewRestriction,
    Site,
)
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

from .transactions import once_on_commit

logger = logging.getLogger(__name__)

PAGE_CACHE_ALIAS = "pages"
# Browsers cannot be purged: they keep a public page only briefly.
BROWSER_MAX_AGE = 60
SAFE_METHODS = ("GET", "HEAD")


def page_cache():
    return caches[PAGE_CACHE_ALIAS]


def may_be_served_shared_copy(request):
    """A request that could be answered with a copy made for someone else: GET or HEAD
    without a session (a copy is also keyed by the whole Cookie header)."""
    return request.method in SAFE_METHODS and settings.SESSION_COOKIE_NAME not in request.COOKIES


def is_shareable(request, response):
    """The same for every anonymous visitor: see the module docstring."""
    user = getattr(request, "user", None)
    return (
        may_be_served_shared_copy(request)
        and response.status_code == 200
        and not (user is not None and user.is_authenticated)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


def shared_cache_policy(request, response):
    """Set Cache-Control on a response whose view did not; True when it may be shared."""
    if response.has_header("Cache-Control"):
        return False
    if not is_shareable(request, response):
        mark_private(response)
        return False
    patch_cache_control(
        response, public=True, max_age=BROWSER_MAX_AGE, s_maxage=settings.PAGE_CACHE_SECONDS
    )
    patch_vary_headers(response, ("Cookie",))
    return True


def mark_private(response):
    """Never stored by a shared cache, nor by the browser (shared computers, back button)."""
    response["Cache-Control"] = "private, no-store"
    response.headers.pop("Expires", None)
    return response


def remember(key, compute):
    """What `compute()` returns, kept in the page cache under `key` until the next purge.

    For the parts of the site frame every visitor sees alike (menus, language links): pages
    rendered for signed-in members, which are never stored whole, reuse them too. Only for
    values made from public, published content, since a purge is what keeps them fresh."""
    cache = page_cache()
    key = f"frame:{key}"
    try:
        value = cache.get(key)
    except Exception:
        logger.exception("Page cache unavailable")
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value, settings.PAGE_CACHE_SECONDS)
        except Exception:
            logger.exception("Page cache unavailable")
    return value


def note_served_page(request, page, restrictions):
    """Before Wagtail serves `page` (portal.wagtail_hooks): its view restrictions, a queryset
    read once by whoever needs it first (the access check, or `remember_for_page`)."""
    request.portal_served_page = (page.pk, restrictions)


def remember_for_page(request, page, key, compute):
    """`remember` for a part of the page this request serves that is the same for every
    reader who may see the page (its body, its breadcrumbs): kept until the next purge only
    when the page has no view restriction and this is not a preview (which runs no serve
    hooks); otherwise computed. With a page cache that keeps nothing (tests' dummy one) the
    restrictions are not even read."""
    served = getattr(request, "portal_served_page", None)
    if (
        served is None
        or served[0] != page.pk
        or getattr(request, "is_preview", False)
        or isinstance(page_cache(), DummyCache)
        or served[1]
    ):
        return compute()
    return remember(f"page:{request.scheme}://{request.get_host()}:{page.pk}:{key}", compute)


def never_shared(view):
    """For views whose every answer must reach the application, e.g. document downloads,
    which are counted for the reach report (and may be members-only)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        return mark_private(view(request, *args, **kwargs))

    return wrapped


class PageCacheFetchMiddleware(FetchFromCacheMiddleware):
    """Answers from the page cache before sessions and authentication run."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.cache_alias = PAGE_CACHE_ALIAS

    def process_request(self, request):
        if not may_be_served_shared_copy(request):
            # Private API, as Django's FetchFromCacheMiddleware uses it to tell UpdateCache-
            # Middleware not to store: no public switch (tests/portal/test_framework_apis).
            request._cache_update_cache = False
            return None
        try:
            response = super().process_request(request)
        except Exception:
            # The page cache is an accelerator: when it is down, pages are rendered.
            logger.exception("Page cache unavailable")
            request._cache_update_cache = False
            return None
        request.served_from_page_cache = response is not None
        if response is not None:
            # Django dates the copy by an Expires header set for the cache's lifetime:
            # turn it into the copy's age, which a CDN adds to its own.
            expires = parse_http_date_safe(response.headers.pop("Expires", ""))
            if expires is not None:
                stored = expires - settings.PAGE_CACHE_SECONDS
                response["Age"] = max(0, int(time.time()) - stored)
        return response


class PageCacheUpdateMiddleware(UpdateCacheMiddleware):
    """First in MIDDLEWARE, so it sees the final response with every cookie and Vary header.

    Applies the policy to every response, and stores the shareable ones for
    PAGE_CACHE_SECONDS whatever their (shorter) browser max-age."""

    def __init__(self, get_response):
        super().__init__(get_response)
        self.cache_alias = PAGE_CACHE_ALIAS
        self.page_timeout = settings.PAGE_CACHE_SECONDS

    def process_response(self, request, response):
        if getattr(request, "served_from_page_cache", False):
            return response
        if not shared_cache_policy(request, response):
            return response
        try:
            response = super().process_response(request, response)
        except Exception:
            logger.exception("Page cache unavailable")
        # Django adds an Expires matching the page cache's lifetime; browsers go by max-age.
        response.headers.pop("Expires", None)
        return response


def purge(**kwargs):
    """Empty the page cache once the current transaction commits (before that, a request
    could store the old content again); once, however many changes the transaction made."""
    once_on_commit(("page-cache",), clear)


def clear():
    try:
        page_cache().clear()
    except Exception:
        # A cache outage must not fail the editor's publish; stale copies expire on their own.
        logger.exception("Could not purge the page cache")


def purge_models():
    """Models whose changes show on public pages, besides pages themselves: snippets,
    settings, documents, images, collections, view restrictions, sites and locales, and
    what apps add through the Wagtail hook "register_page_cache_models"."""

    models = {
        *get_snippet_models(),
        *settings_registry,
        get_document_model(),
        get_image_model(),
        Collection,
        CollectionViewRestriction,
        Locale,
        PageViewRestriction,
        Site,
    }
    for register in hooks.get_hooks("register_page_cache_models"):
        models.update(register())
    return frozenset(models)


class PurgeReceivers:
    """Connected once at start-up (PortalConfig.ready). The model list is read at the first
    save, once every app has registered its snippets and hooks."""

    def __init__(self):
        self._models = None

    def connect(self):

        # Pages: what visitors see changes on publish, not when a draft is saved.
        page_published.connect(purge, dispatch_uid="page_cache_published")
        page_unpublished.connect(purge, dispatch_uid="page_cache_unpublished")
        post_page_move.connect(self.page_moved, dispatch_uid="page_cache_moved")
        post_save.connect(self.saved, dispatch_uid="page_cache_saved")
        post_delete.connect(self.deleted, dispatch_uid="page_cache_deleted")

    def models(self):
        if self._models is None:
            self._models = purge_models()
        return self._models

    def saved(self, sender, **kwargs):
        if sender in self.models():
            purge()

    def deleted(self, sender, instance, **kwargs):

        if sender in self.models() or (isinstance(instance, Page) and instance.live):
            purge()

    def page_moved(self, sender, instance, url_path_before, url_path_after, **kwargs):
        if not instance.live:
            return
        purge()
        if url_path_before != url_path_after:
            purge_page_from_cache(instance)
            old = old_url(instance, url_path_before, url_path_after)
            if old:
                purge_url_from_cache(old)


def old_url(page, url_path_before, url_path_after):
    """The full URL a moved page had: its new URL with the changed end of its path put back
    (Wagtail's url_path starts with the site root's path, which a move keeps)."""
    parts = page.get_url_parts()
    if parts is None:
        return None
    _, root_url, path = parts
    common = len(os.path.commonprefix([url_path_before, url_path_after]))
    common = url_path_after.rfind("/", 0, common + 1) + 1
    new_tail, old_tail = url_path_after[common:], url_path_before[common:]
    if not path.endswith(new_tail):
        return None
    return root_url + path[: len(path) - len(new_tail)] + old_tail


purge_receivers = PurgeReceivers()
