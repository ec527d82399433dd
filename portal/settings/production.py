"""Production: refuses to start unless the environment makes it safe."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import CACHES, LOGGING, env, env_renamed, log_format

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )

# Login rate limits live in the cache, so every gunicorn worker must share it.
_cache_backend = CACHES["default"]["BACKEND"]
if _cache_backend.endswith(("LocMemCache", "DummyCache")):
    raise ImproperlyConfigured(
        "CACHE_URL must name a shared cache (redis://, pymemcache:// or dbcache://) in "
        f"production; {_cache_backend} is per process and would let rate limits be bypassed."
    )

# The page cache is emptied on every publish: shared by every worker, and apart from the
# default cache (emptying it would also forget the rate limits).
_page_cache = CACHES["pages"]
if _page_cache["BACKEND"].endswith(("LocMemCache", "DummyCache")):
    raise ImproperlyConfigured(
        "PAGE_CACHE_URL must name a shared cache (redis://, pymemcache:// or filecache://) "
        "in production, so that a publish purges every worker's copy."
    )
if _page_cache.get("LOCATION") == CACHES["default"].get("LOCATION"):
    raise ImproperlyConfigured(
        "PAGE_CACHE_URL must differ from CACHE_URL (e.g. another Redis database number): "
        "purging the page cache empties it."
    )

# One JSON object per log line, for the log system, unless told otherwise.
LOG_FORMAT = log_format("json")
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT

# Staff always need MFA in production, whatever the environment says.
PORTAL_REQUIRE_ADMIN_MFA = True

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https"
ALLAUTH_TRUSTED_PROXY_COUNT = env_renamed(
    env.int, "ALLAUTH_TRUSTED_PROXY_COUNT", "TRUSTED_PROXY_COUNT", default=0
)
