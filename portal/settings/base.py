"""Settings shared by every environment.

Every value that differs between machines comes from the environment (see the
README table); the defaults here are safe for development only where noted.
"""

import os
import warnings
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from portal.caches import NOTHING, PER_PROCESS, fault_tolerant

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()


def env_renamed(cast, name, former, **kwargs):
    """The variable ``name`` (the setting's own name), read with ``cast`` (env.bool, env.int…);
    its ``former`` name is still read when ``name`` is not set, with a warning to rename it."""
    if name not in os.environ and former in os.environ:
        warnings.warn(
            f"The environment variable {former} is renamed {name}: set {name} instead.",
            FutureWarning,
            stacklevel=2,
        )
        return cast(former, **kwargs)
    return cast(name, **kwargs)


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# The embedded default is SQLite so that a fresh clone runs with no server.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
# Keep each worker thread's connection open between requests: opening a PostgreSQL
# connection cost more than the rest of the database work of a page (make bench). Checked
# before reuse, so a restarted database costs one failed check, not an error page.
# (A `conn_max_age` option in DATABASE_URL wins.)
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Each request is a transaction: take SQLite's write lock when it begins, and wait for
    # it, so that two requests at once (the editor's autosave beside a publish) queue
    # instead of one failing with "database is locked" when its read turns into a write.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("timeout", 20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A cache server that is down degrades the portal, never breaks it (portal.caches): while
# Redis or memcached cannot be reached, the default cache (Wagtail's site lookup, login and
# search rate limits) goes on in each process's memory, and the page cache keeps nothing.
# Connecting times out after 0.5 s and each answer after 1 s unless the URL says otherwise
# (e.g. redis://host:6379/0?socket_timeout=2): a dead server must not hold requests up.
CACHES = {
    "default": fault_tolerant(
        env.cache("CACHE_URL", default="locmemcache://portal"),
        while_down=PER_PROCESS,
        name="default",
    ),
    # The full-page cache for anonymous visitors (portal.page_cache). Purging empties this
    # whole cache, so in production it must be a cache of its own (another Redis database).
    "pages": fault_tolerant(
        env.cache("PAGE_CACHE_URL", default="locmemcache://portal-pages"),
        while_down=NOTHING,
        name="pages",
    ),
}
# How long the page cache and shared caches (a CDN) keep a public page; publishing purges it.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

INSTALLED_APPS = [
    "portal",
    "documents",
    "public_awareness",
    "public_awareness.trends",
    "toolkits",
    "workgroups",
    "collaborative",
    "news",
    "events",
    "excellence",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.locales",
    "wagtail",
    "modelcluster",
    "taggit",
    # The task queue's tables; used when TASKS_BACKEND names django_tasks_db.DatabaseBackend.
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's search index on PostgreSQL is made of full-text fields with GIN indexes.
    INSTALLED_APPS.append("django.contrib.postgres")

MIDDLEWARE = [
    # Outermost: it times and logs every request, page-cache answers included.
    "portal.request_log.RequestLogMiddleware",
    # First: it decides every response's Cache-Control and stores the shareable ones.
    "portal.page_cache.PageCacheUpdateMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and authentication: a cached page costs no database query.
    "portal.page_cache.PageCacheFetchMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "portal.middleware.TranslationFallbackMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Turns a search rate limit's exception into the 429 page.
    "django_ratelimit.middleware.RatelimitMiddleware",
    # After MessageMiddleware: it tells staff why they are sent to set up MFA.
    "portal.middleware.AdminAccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "portal.csp.ContentSecurityPolicyMiddleware",
    # Every CSV the admins send, escaped against formula injection (portal.exports).
    "portal.exports.SafeCsvMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # Every login goes through allauth (e-mail address, rate limits, MFA).
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Internationalisation: American English interface; content translated through
# Wagtail's locales. The consortium is in Massachusetts.
LANGUAGE_CODE = "en-us"
# Dates read as each language writes them (templates use DATE_FORMAT, YEAR_MONTH_FORMAT).
FORMAT_MODULE_PATH = ["portal.formats"]
LANGUAGES = [
    ("en-us", _("English")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

# Static files: front-end assets are built by npm into static_build/ (never committed).
STATIC_URL = env.str("STATIC_URL", default="/static/")
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static_build"]
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Object storage for uploads when a bucket is configured (needed to run on several machines).
AWS_STORAGE_BUCKET_NAME = env.str("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = env.str("AWS_S3_ENDPOINT_URL", default=None)
    AWS_S3_REGION_NAME = env.str("AWS_S3_REGION_NAME", default=None)
    AWS_S3_CUSTOM_DOMAIN = env.str("AWS_S3_CUSTOM_DOMAIN", default=None)
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False

# E-mail, through Django's MAILERS (EMAIL_URL: smtp+tls://user:password@host:587, consolemail://)
_email = env.email_url("EMAIL_URL", default="consolemail://")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER"),
    "password": _email.get("EMAIL_HOST_PASSWORD"),
    "use_tls": _email.get("EMAIL_USE_TLS", False),
    "use_ssl": _email.get("EMAIL_USE_SSL", False),
    "timeout": 20,
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": _smtp_options if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Sepsis Consortium <noreply@localhost>")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Background work: Django's task framework; immediate in development and tests, and
# django_tasks_db.DatabaseBackend with `manage.py db_worker` processes in production.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django.tasks.backends.immediate.ImmediateBackend"
        ),
    }
}
# An event session's joining link appears to registered people this many minutes before the start.
EVENTS_JOIN_OPENS_MINUTES = env.int("EVENTS_JOIN_OPENS_MINUTES", default=30)

# /health/ fails when a task has waited this long for a worker.
TASK_BACKLOG_MAX_SECONDS = env.int("TASK_BACKLOG_MAX_SECONDS", default=900)

# Security headers for every environment; production adds HSTS and secure cookies.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview views override this to SAMEORIGIN themselves.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No inline script anywhere: scripts and styles come from our own origin only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Wagtail's and Django's admins still use inline script and style; they get this
# looser policy, for their own paths only (see portal.middleware).
PORTAL_ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "frame-src": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}

# Accounts: django-allauth for every login, by e-mail address, verified.
SITE_ID = 1
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = "username"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = env_renamed(
    env.str, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "EMAIL_SUBJECT_PREFIX", default="[Sepsis Consortium] "
)
ACCOUNT_SIGNUP_FORM_CLASS = "portal.accounts.forms.SignupExtraFieldsForm"
ACCOUNT_ADAPTER = "portal.accounts.adapter.AccountAdapter"
ACCOUNT_USER_DISPLAY = "portal.accounts.adapter.user_display"
# Rate limits are kept in the default cache: production must use a shared cache.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# Search: per client address, in the default cache like allauth's limits (portal.rate_limits).
SEARCH_RATE_LIMIT = env.str("SEARCH_RATE_LIMIT", default="60/m")
# Requests to subscribe to the news by e-mail, per client address (each may send an e-mail).
NEWS_SUBSCRIBE_RATE_LIMIT = env.str("NEWS_SUBSCRIBE_RATE_LIMIT", default="10/h")
# Suggestions are asked for as people type.
SEARCH_SUGGEST_RATE_LIMIT = env.str("SEARCH_SUGGEST_RATE_LIMIT", default="240/m")
RATELIMIT_USE_CACHE = "default"
# A count the cache cannot give refuses the search (429) rather than letting it through.
RATELIMIT_FAIL_OPEN = False
RATELIMIT_IP_META_KEY = "portal.rate_limits.client_ip"
RATELIMIT_VIEW = "portal.views.too_many_requests"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = env.str("MFA_TOTP_ISSUER", default="Sepsis Consortium Portal")
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
# Work-group invitations are e-mails to any address a chair types: capped per inviter per
# hour and per group while open (workgroups.invitations).
WORK_GROUP_INVITATIONS_PER_HOUR = env.int("WORK_GROUP_INVITATIONS_PER_HOUR", default=30)
WORK_GROUP_MAX_OPEN_INVITATIONS = env.int("WORK_GROUP_MAX_OPEN_INVITATIONS", default=100)
# The improvement collaborative: a month's data are due this many days into the next month;
# reminders go this many days before and after that day; and a count from 1 to
# COLLABORATIVE_SMALL_CELL_MAX is never shown to another site or the public.
COLLABORATIVE_DUE_DAY = env.int("COLLABORATIVE_DUE_DAY", default=20)
COLLABORATIVE_REMINDER_DAYS_BEFORE = env.list(
    "COLLABORATIVE_REMINDER_DAYS_BEFORE", cast=int, default=[5]
)
COLLABORATIVE_REMINDER_DAYS_AFTER = env.list(
    "COLLABORATIVE_REMINDER_DAYS_AFTER", cast=int, default=[3, 10]
)
COLLABORATIVE_SMALL_CELL_MAX = env.int("COLLABORATIVE_SMALL_CELL_MAX", default=10)

# Staff and editors must set up MFA before they may use an admin.
PORTAL_REQUIRE_ADMIN_MFA = env_renamed(
    env.bool, "PORTAL_REQUIRE_ADMIN_MFA", "REQUIRE_ADMIN_MFA", default=True
)

# Wagtail
WAGTAIL_SITE_NAME = env.str("WAGTAIL_SITE_NAME", default="Sepsis Consortium Portal")
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
# Passwords are managed by allauth only; Wagtail's own forms would bypass MFA.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAILDOCS_DOCUMENT_MODEL = "documents.PortalDocument"
WAGTAILDOCS_SERVE_METHOD = "serve_view"  # "direct" would skip privacy checks.
WAGTAIL_PASSWORD_REQUIRED_TEMPLATE = "portal/password_required.html"
WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE = "portal/password_required.html"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# The search engine for scale; unset means Wagtail's database search (the embedded default).
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
# The alias the Elasticsearch engine searches; its indices are named "<alias>-<time>-<id>".
ELASTICSEARCH_INDEX = env.str("ELASTICSEARCH_INDEX", default="sepsis-portal-search")
# Days of search query counts kept for the query report (prune_search_queries removes older).
WAGTAILSEARCH_HITS_MAX_AGE = env_renamed(
    env.int, "WAGTAILSEARCH_HITS_MAX_AGE", "SEARCH_QUERY_DAYS", default=90
)
# The formats toolkits are published in. Every admin upload form is documents.forms'
# DocumentForm, which also refuses a file whose content does not match its extension
# and one over DOCUMENT_MAX_UPLOAD_BYTES.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "csv", "png", "jpg", "jpeg"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.forms.DocumentForm"
DOCUMENT_MAX_UPLOAD_BYTES = env.int("DOCUMENT_MAX_UPLOAD_BYTES", default=50 * 1024 * 1024)
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: it would send a hash of every editor's e-mail address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"gif": "webp", "bmp": "webp", "tiff": "webp"}

# A CDN or caching proxy in front: Wagtail purges a page's URLs there when it is published,
# unpublished or moved (wagtail.contrib.frontend_cache). Any of these may be set.
WAGTAILFRONTENDCACHE = {}
if _purge_url := env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    # Varnish, nginx or any proxy that accepts HTTP PURGE requests.
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": _purge_url,
    }
if _zone := env.str("CLOUDFLARE_ZONE_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env.str("CLOUDFLARE_API_TOKEN"),
        "ZONEID": _zone,
    }
if _distribution := env.str("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": _distribution,
    }

# Counts from 1 to this are never stored or shown (small-number suppression).
PORTAL_SUPPRESSION_THRESHOLD = env_renamed(
    env.int, "PORTAL_SUPPRESSION_THRESHOLD", "SUPPRESSION_THRESHOLD", default=10
)
# The largest data release staff may upload in the admin (bytes); larger uploads are refused
# unread. The default matches the parser's own limit (trends.parsers.MAX_BYTES, 200 MB).
TRENDS_MAX_UPLOAD_BYTES = env.int("TRENDS_MAX_UPLOAD_BYTES", default=200 * 1024 * 1024)
# Which sites may show the trend page's embeddable charts in a frame (CSP frame-ancestors).
TRENDS_EMBED_FRAME_ANCESTORS = env_renamed(
    env.list, "TRENDS_EMBED_FRAME_ANCESTORS", "EMBED_FRAME_ANCESTORS", default=["*"]
)

# How long after a review the next review falls due, unless an editor sets a date.
PORTAL_REVIEW_INTERVAL_DAYS = 365

# The consortium's promise to people who name their organization: staff answer within this
# many working days (shown on their profile, the 403 page and the e-mail that confirms it).
PORTAL_ORGANIZATION_ANSWER_DAYS = env.int("PORTAL_ORGANIZATION_ANSWER_DAYS", default=3)

# Logs go to standard error, one line per record: text for people (the default), or one
# JSON object per line for a log system (LOG_FORMAT=json, production's default). Each request
# is logged once by portal.request_log.
LOG_FORMATS = ("text", "json")


def log_format(default):
    value = env.str("LOG_FORMAT", default=default)
    if value not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of {LOG_FORMATS}, not {value!r}.")
    return value


LOG_FORMAT = log_format("text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            # ISO 8601 in UTC, whatever TIME_ZONE says.
            "timestamp": "time",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # The task framework logs every state change of every task at INFO.
        "django.tasks": {"level": "WARNING"},
        # portal.request_log says the same, with fields, and once.
        "django.server": {"level": "WARNING"},
    },
}


# robots.txt asks crawlers to stay away when false (staging and demo sites).
PORTAL_ALLOW_INDEXING = env_renamed(
    env.bool, "PORTAL_ALLOW_INDEXING", "ALLOW_INDEXING", default=True
)

# Text extraction reads every uploaded file in a child process (documents.sandbox) within
# these limits; a file over any of them is kept, and marked unreadable with the reason.
# Address space of the child, in MB (the interpreter and parsers take about 60 MB of it).
EXTRACTION_MAX_MEMORY_MB = env.int("EXTRACTION_MAX_MEMORY_MB", default=1024)
# CPU seconds the child may use, and seconds it may run before it is killed.
EXTRACTION_MAX_CPU_SECONDS = env.int("EXTRACTION_MAX_CPU_SECONDS", default=30)
EXTRACTION_MAX_WALL_SECONDS = env.int("EXTRACTION_MAX_WALL_SECONDS", default=45)
# Characters of text kept for search; a longer text is cut, with a warning.
EXTRACTION_MAX_TEXT_CHARS = env.int("EXTRACTION_MAX_TEXT_CHARS", default=2_000_000)
# Word, PowerPoint and Excel files are ZIP archives, judged by their directory before they
# are opened: what they unpack to in all (MB), the most any part over 1 MB may be compressed
# (uncompressed size / compressed size), and how many parts they may hold.
ARCHIVE_MAX_UNCOMPRESSED_MB = env.int("ARCHIVE_MAX_UNCOMPRESSED_MB", default=200)
ARCHIVE_MAX_RATIO = env.int("ARCHIVE_MAX_RATIO", default=200)
ARCHIVE_MAX_ENTRIES = env.int("ARCHIVE_MAX_ENTRIES", default=10_000)
