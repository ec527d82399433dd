"""Browser fixtures: Playwright (PyPI) driving Debian's Chromium, never a downloaded browser.

Outside CI the browser tests are skipped when Chromium or the built axe-core script is
missing; in CI (environment variable CI set) that is an error instead.
"""

import os
import threading
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API keeps an asyncio event loop running in this thread, and Django
# refuses ORM calls from a thread with a running loop unless this is set. Beware: while
# that loop runs, `django.db.connections` hands this thread a *different* connection
# (asgiref's context-local storage), which knows nothing of the test database's
# serialized contents and is never closed. The fixtures below therefore start the browser
# only after every database fixture and close it before they are torn down; tests should
# not use the ORM while the browser is open.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_RELATIVE = Path("test-support/axe.min.js")
AXE_SCRIPT = Path(settings.BASE_DIR) / "static_build" / AXE_RELATIVE
MOBILE_VIEWPORT = {"width": 400, "height": 900}


def skip_or_fail(reason):
    """Skip outside CI; in CI a missing prerequisite is an error, never a silent skip."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} — required in CI", pytrace=False)
    pytest.skip(reason)


@pytest.fixture
def one_request_at_a_time(live_server):
    """The live server answers one request at a time while a test runs.

    Its threads share the test database's single in-memory SQLite connection, so requests
    that overlap (the Wagtail editor fires several as a page loads) can interleave their
    transactions on it; a request that then reads no session logs the user out for good
    (Django deletes the session cookie of an empty session). A production server gives each
    thread its own connection, so queueing requests here hides nothing of the portal's.
    """
    httpd = live_server.thread.httpd
    application = httpd.get_app()
    lock = threading.Lock()

    def one_at_a_time(environ, start_response):
        with lock:
            return application(environ, start_response)

    httpd.set_app(one_at_a_time)
    yield
    httpd.set_app(application)


@pytest.fixture
def site_url(live_server, home_page, page_cache, one_request_at_a_time):
    """The live server's address, serving the demo site built in the test database, with the
    page cache on as in production (transactional tests commit, so publishing purges it).

    `live_server` makes the test transactional, so the server thread sees what the
    `demo_site` fixture commits (with SQLite's in-memory test database the server thread
    shares this thread's connection). Requesting `home_page` here loads it before the
    browser starts, so tests can read it without a query.
    """
    return live_server.url


@pytest.fixture(scope="session")
def chromium_executable():
    if not CHROMIUM.exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    return str(CHROMIUM)


@pytest.fixture
def browser(chromium_executable, site_url):
    """Debian's Chromium, one per test.

    It depends on `site_url` so that it starts after the database fixtures and is closed
    before they are torn down (see the note on DJANGO_ALLOW_ASYNC_UNSAFE above).
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_context(browser):
    """Make browser contexts (options as Browser.new_context); all closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture
def axe_url(live_server):
    """axe-core served by the live server, so that the page's CSP (script-src 'self')
    allows it and the page is checked as visitors get it."""
    if not AXE_SCRIPT.exists():
        skip_or_fail(f"{AXE_SCRIPT} is missing (run `npm ci && npm run build`)")
    return f"{live_server.url}{settings.STATIC_URL}{AXE_RELATIVE.as_posix()}"
