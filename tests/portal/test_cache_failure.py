"""A cache server that is down degrades the portal, never breaks it.

The caches here are made the way the settings make them from CACHE_URL and PAGE_CACHE_URL
(portal/settings/base.py run with those variables), pointing at a Redis that is not there:
a closed port (refused at once) or a port that accepts connections and never answers (a
hung server, where only the timeouts help). Public pages, login and search answer 200,
rate limits still count (in each process) and /health/ reports the cache as failing while
the instance keeps serving.
"""

import importlib.util
import logging
import socket
import threading
import time
import uuid
from pathlib import Path

import pytest
import redis
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from wagtail.models import Locale

from public_awareness.models import SymptomGuidePage
from public_awareness.trends.models.page import TrendPage
from tests.factories import UserFactory
from toolkits.models.pages import ToolkitIndexPage, ToolkitPage

pytestmark = pytest.mark.django_db

BASE_SETTINGS = Path(__file__).resolve().parents[2] / "portal" / "settings" / "base.py"
# An order of magnitude, not a benchmark: a request with the cache down must not wait long.
QUICK = 5.0


def caches_from_environment(monkeypatch, **variables):
    """CACHES as portal/settings/base.py makes it from these environment variables."""
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("portal_settings_under_test", BASE_SETTINGS)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.CACHES


@pytest.fixture
def silent_server():
    """A local port that accepts connections and never answers: a hung server. Closing it
    resets the connections waiting on it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    yield sock
    sock.close()


def redis_url(port, db):
    return f"redis://127.0.0.1:{port}/{db}"


@pytest.fixture
def default_cache_down(settings, monkeypatch, closed_port):
    """The default cache on a Redis that is down; the page cache working, in memory."""
    configured = caches_from_environment(monkeypatch, CACHE_URL=redis_url(closed_port, 0))
    settings.CACHES = {**settings.CACHES, "default": configured["default"]}
    return caches["default"]


@pytest.fixture
def page_cache_down(settings, monkeypatch, closed_port):
    """The page cache on a Redis that is down; the default cache working, in memory."""
    configured = caches_from_environment(monkeypatch, PAGE_CACHE_URL=redis_url(closed_port, 1))
    settings.CACHES = {**settings.CACHES, "pages": configured["pages"]}
    return caches["pages"]


@pytest.fixture
def public_urls(demo_site):
    default = Locale.get_default()
    return {
        "home": "/",
        "symptom guide": SymptomGuidePage.objects.get(locale=default).url,
        "toolkits": ToolkitIndexPage.objects.live().filter(locale=default).first().url,
        "a toolkit": ToolkitPage.objects.live().public().filter(locale=default).first().url,
        "trends": TrendPage.objects.live().filter(locale=default).first().url,
        "search": "/search/?q=blood+poisoning",
        "search suggestions": "/search/suggest/?q=seps",
        "login": "/accounts/login/",
        "sitemap": "/sitemap.xml",
        "robots.txt": "/robots.txt",
    }


def assert_all_answer(client, urls):
    for name, url in urls.items():
        started = time.monotonic()
        response = client.get(url)
        assert response.status_code == 200, f"{name} ({url}) answered {response.status_code}"
        assert time.monotonic() - started < QUICK, f"{name} ({url}) was slow"


# The default cache down


def test_public_pages_login_and_search_answer_while_the_default_cache_is_down(
    client, public_urls, default_cache_down
):
    assert_all_answer(client, public_urls)
    # And again, now that the portal knows the cache is down.
    assert_all_answer(client, public_urls)


def test_people_log_in_while_the_default_cache_is_down(client, default_cache_down, password):
    user = UserFactory()
    refused = client.post("/accounts/login/", {"login": user.email, "password": "wrong-1"})
    assert refused.status_code == 200
    assert "not correct" in refused.content.decode()
    response = client.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code == 302
    assert client.get("/accounts/profile/").status_code == 200


def test_login_attempts_are_still_limited_while_the_default_cache_is_down(
    client, settings, default_cache_down
):
    """Counted in this process's memory: never unlimited."""
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    user = UserFactory()
    for _ in range(2):
        response = client.post("/accounts/login/", {"login": user.email, "password": "wrong-1"})
        assert response.status_code == 200
    response = client.post("/accounts/login/", {"login": user.email, "password": "wrong-1"})
    assert response.status_code == 429


def test_failed_logins_still_lock_the_account_while_the_default_cache_is_down(
    client, settings, default_cache_down, password
):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "2/5m/key"}
    user = UserFactory()
    for _ in range(2):
        client.post("/accounts/login/", {"login": user.email, "password": "wrong-1"})
    other = Client(REMOTE_ADDR="10.9.8.7")
    response = other.post("/accounts/login/", {"login": user.email, "password": password})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in other.session


def test_searches_are_still_limited_while_the_default_cache_is_down(
    client, settings, default_cache_down, demo_site
):
    settings.SEARCH_RATE_LIMIT = "3/m"
    for _ in range(3):
        assert client.get("/search/", {"q": "sepsis"}).status_code == 200
    assert client.get("/search/", {"q": "sepsis"}).status_code == 429
    assert client.get("/search/", {"q": "sepsis"}, REMOTE_ADDR="10.1.2.3").status_code == 200


def test_health_reports_the_default_cache_failing_and_keeps_the_instance_in_service(
    client, default_cache_down, caplog
):
    """Every instance shares Redis: a 503 would take them all out of the load balancer,
    while each can serve on with its own rate-limit counts."""
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"] == "fail"
    assert response.json()["checks"]["database"] == "ok"
    assert "Health check cache failed" in caplog.text
    assert "127.0.0.1" not in response.content.decode()


def test_the_outage_is_logged_once_not_for_every_call(client, default_cache_down, caplog):
    caplog.set_level(logging.WARNING, logger="portal.caches")
    for _ in range(3):
        assert client.get("/").status_code == 200
        assert client.get("/search/", {"q": "sepsis"}).status_code == 200
    records = [r for r in caplog.records if r.name == "portal.caches"]
    assert len(records) == 1
    assert records[0].levelno == logging.ERROR
    assert "unreachable" in records[0].getMessage()


# The page cache down


def test_public_pages_login_and_search_answer_while_the_page_cache_is_down(
    client, public_urls, page_cache_down, caplog
):
    assert_all_answer(client, public_urls)
    assert_all_answer(client, public_urls)
    # Logged once, not for every page.
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert [r.name for r in errors] == ["portal.caches"]


def test_health_reports_the_page_cache_failing_and_keeps_the_instance_in_service(
    client, page_cache_down
):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["page_cache"] == "fail"
    assert response.json()["checks"]["cache"] == "ok"


# A hung server: only timeouts help


def test_a_hung_redis_does_not_hold_requests_up(
    client, settings, monkeypatch, silent_server, demo_site
):
    port = silent_server.getsockname()[1]
    settings.CACHES = caches_from_environment(
        monkeypatch, CACHE_URL=redis_url(port, 0), PAGE_CACHE_URL=redis_url(port, 1)
    )
    # Should a request wait for the server regardless, it is released after a while (the
    # server goes away), and the time it took fails the test.
    watchdog = threading.Timer(3 * QUICK, silent_server.close)
    watchdog.start()
    try:
        for url in ("/", "/search/?q=sepsis", "/accounts/login/", "/health/"):
            started = time.monotonic()
            response = client.get(url)
            assert time.monotonic() - started < QUICK, f"{url} waited for the hung cache"
            assert response.status_code == 200, url
    finally:
        watchdog.cancel()
    assert response.json()["checks"]["cache"] == "fail"
    assert response.json()["checks"]["page_cache"] == "fail"


def test_redis_caches_get_short_timeouts_unless_the_url_sets_its_own(monkeypatch):
    configured = caches_from_environment(
        monkeypatch,
        CACHE_URL="redis://cache.internal:6379/0",
        PAGE_CACHE_URL="redis://cache.internal:6379/1?socket_timeout=3",
    )
    default = configured["default"]["PRIMARY"]["OPTIONS"]
    assert 0 < default["socket_connect_timeout"] <= 1
    assert 0 < default["socket_timeout"] <= 1
    assert configured["pages"]["PRIMARY"]["OPTIONS"]["socket_timeout"] == 3
    # What production compares: the page cache must be another database.
    assert configured["default"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert configured["pages"]["LOCATION"] == "redis://cache.internal:6379/1"


def test_caches_without_a_server_are_left_as_they_are(monkeypatch):
    configured = caches_from_environment(
        monkeypatch, CACHE_URL="dbcache://portal_cache", PAGE_CACHE_URL="locmemcache://pages"
    )
    assert configured["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert configured["pages"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


# What the fault-tolerant cache does around an outage (portal.caches)


class FlakyCache(LocMemCache):
    """Local memory that fails as redis-py does while `down` is set."""

    down = False
    calls = 0


def _flaky(name):
    def method(self, *args, **kwargs):
        type(self).calls += 1
        if type(self).down:
            raise redis.exceptions.ConnectionError("Error 111 connecting. Connection refused.")
        return getattr(LocMemCache, name)(self, *args, **kwargs)

    return method


for _name in ("add", "get", "set", "touch", "delete", "has_key", "incr", "get_many", "clear"):
    setattr(FlakyCache, _name, _flaky(_name))


@pytest.fixture
def flaky():
    FlakyCache.down, FlakyCache.calls = False, 0
    yield FlakyCache
    FlakyCache.down = False


def fault_tolerant_cache(while_down, retry_seconds=0):
    from portal.caches import create

    name = f"flaky-{uuid.uuid4().hex}"
    fallback = {
        "per-process": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "nothing": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }[while_down]
    return create(
        {
            "BACKEND": "portal.caches.FaultTolerantCache",
            "NAME": name,
            "PRIMARY": {"BACKEND": f"{__name__}.FlakyCache", "LOCATION": name},
            "FALLBACK": {**fallback, "LOCATION": f"{name}-while-down"},
            "RETRY_SECONDS": retry_seconds,
        }
    )


def test_while_down_the_default_cache_counts_in_this_process(flaky):
    cache = fault_tolerant_cache("per-process")
    flaky.down = True
    assert cache.add("count", 1)
    assert cache.incr("count") == 2
    assert cache.get("count") == 2


def test_while_down_the_server_is_tried_again_only_after_the_interval(flaky):
    cache = fault_tolerant_cache("per-process", retry_seconds=60)
    flaky.down = True
    for _ in range(20):
        cache.get("anything")
        cache.set("anything", 1)
    assert flaky.calls == 1


def test_writes_missed_while_down_are_undone_when_the_server_answers(flaky, caplog):
    caplog.set_level(logging.WARNING, logger="portal.caches")
    cache = fault_tolerant_cache("per-process")
    cache.set("site-roots", "before the outage")
    cache.set("untouched", "kept")
    flaky.down = True
    cache.delete("site-roots")  # e.g. a Site saved during the outage
    assert cache.get("site-roots") is None
    flaky.down = False
    # The server still holds the old value: it must not be served again.
    assert cache.get("site-roots") is None
    assert cache.get("untouched") == "kept"
    assert "reachable again" in caplog.text


def test_a_purge_missed_while_the_page_cache_was_down_is_made_when_it_answers(flaky):
    cache = fault_tolerant_cache("nothing")
    cache.set("page", "the old page")
    flaky.down = True
    assert cache.get("page") is None  # nothing is kept while down
    cache.clear()  # a publish
    flaky.down = False
    assert cache.get("page") is None
    cache.set("page", "the new page")
    assert cache.get("page") == "the new page"


def test_mistakes_are_not_taken_for_an_outage(flaky):
    cache = fault_tolerant_cache("per-process")
    with pytest.raises(ValueError):
        cache.incr("never-set")
    cache.set("a", 1)
    assert flaky.calls == 2
    assert cache.get("a") == 1


def test_production_starts_on_redis_and_uses_the_fault_tolerant_caches(closed_port):
    from tests.portal.test_settings_safety import production, run_manage

    environment = production(
        CACHE_URL=redis_url(closed_port, 0), PAGE_CACHE_URL=redis_url(closed_port, 1)
    )
    assert run_manage("check", "--deploy", "--fail-level", "WARNING", **environment).returncode == 0
    result = run_manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.core.cache import caches; from portal import health; "
        "print(type(caches['default']).__name__, type(caches['pages']).__name__, "
        "sorted(health.all_checks()))",
        **environment,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split(maxsplit=2) == [
        "FaultTolerantCache",
        "FaultTolerantCache",
        "['cache', 'database', 'page_cache', 'search']",
    ]
