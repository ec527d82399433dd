"""Tests: fast hashing, in-memory e-mail, immediate tasks, no MFA switch-off."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-only-secret-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The test runner replaces every MAILERS entry with the in-memory backend.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Off by default: a test that changes data and reads a page again must see the change
    # (purges wait for a commit that never comes inside a test's transaction). Tests of the
    # page cache, and the browser tests, turn it on with the `page_cache` fixture.
    "pages": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# Uploads made by tests go to a fresh directory, never the developer's media/.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="portal-test-media-"))
PORTAL_REQUIRE_ADMIN_MFA = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# The suite searches with the database engine; the Elasticsearch tests read ELASTICSEARCH_URL
# from the environment themselves and run only when a server answers there.
ELASTICSEARCH_URL = ""
