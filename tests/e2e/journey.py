"""What every journey shares: browser contexts whose pages are all checked with axe-core,
logging in through the site's own form (with an authenticator code when asked), and reading
the links in e-mails.

Every page a journey's browser shows is recorded as it arrives (each main-frame navigation
to a new address); `Journey.check` runs axe-core on the page in front of the user. Tests wait
for the page they expect (`wait_for_url`, which waits for its load) before checking it.

A journey goes on past a page with accessibility violations, so that one such page does not
hide what the rest of the journey would find; the `journey` fixture then fails the test with
every serious or critical violation of every page, and with any page shown but never checked.
"""

import re
import time
from urllib.parse import urldefrag, urlsplit

import pytest
from allauth.mfa.totp.internal.auth import (  # private: allauth has no public TOTP helper
    format_hotp_value,
    hotp_value,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.axe import describe_violations, serious_axe_violations
from workgroups.demo.content import DEMO_PASSWORD

__all__ = ["DEMO_PASSWORD", "Journey", "authenticator_code", "journey", "link_path", "log_in"]

TOTP_PERIOD = 30
# Let transitions and short animations end (those due within 2 s) before axe reads colors:
# a message still fading in fails on contrast. Long decorative ones (a badge pinging five
# times) are not waited for.
SETTLE = """() => Promise.all(document.getAnimations()
    .filter((a) => a.playState === "running" && a.effect
        && a.effect.getComputedTiming().endTime - (a.currentTime || 0) <= 2000)
    .map((a) => a.finished.catch(() => null)))"""
CALL_FAILED = pytest.StashKey[bool]()  # set by conftest.py's pytest_runtest_makereport


class Journey:
    def __init__(self, new_context, site_url, axe_url):
        self._new_context = new_context
        self.site_url = site_url
        self.axe_url = axe_url
        self._shown = {}  # page -> [address, checked] of what it shows now
        self._missed = []
        self.violations = []  # (which page, what axe found) for each page with violations

    # Browsers

    def context(self, **options):
        """A new browser context (a person's own browser); its pages are all watched."""
        context = self._new_context(**options)
        context.on("page", self._watch)
        return context

    def page(self, **options):
        """A page in a new context of its own."""
        return self.context(**options).new_page()

    def _watch(self, page):
        self._shown[page] = [None, True]
        page.on("framenavigated", lambda frame: self._navigated(page, frame))

    def _navigated(self, page, frame):
        if frame != page.main_frame:
            return
        address = urldefrag(frame.url).url
        shown = self._shown[page]
        if address == shown[0] or address == "about:blank":
            return  # the same document (an anchor) or a blank new page
        if not shown[1]:
            self._missed.append(shown[0])
        self._shown[page] = [address, False]

    # Pages

    def url(self, path):
        return self.site_url + path

    def visit(self, page, path, *, status=200):
        """Type an address (or open a bookmark) and check the page that comes."""
        response = page.goto(self.url(path))
        assert response.status == status, f"{path}: {response.status}, expected {status}"
        self.check(page)
        return response

    def arrive(self, page, url, what=None):
        """After a click: wait for the page at `url` (a path or pattern) and check it."""
        if isinstance(url, str) and url.startswith("/"):
            url = self.url(url)
        try:
            page.wait_for_url(url)
        except PlaywrightTimeoutError:
            pattern = getattr(url, "pattern", url)
            raise AssertionError(f"expected {pattern!r}, still on {page.url}") from None
        self.check(page, what)

    def check(self, page, what=None):
        """axe-core on the page as it is now; its serious and critical violations fail the
        test at the end of the journey."""
        page.wait_for_load_state()
        page.evaluate(SETTLE)
        violations = serious_axe_violations(page, self.axe_url)
        if violations:
            where = f"{what} ({page.url})" if what else page.url
            self.violations.append((where, describe_violations(violations)))
        if page in self._shown:
            self._shown[page][1] = True

    def unchecked(self):
        """Addresses of pages shown and never checked."""
        return self._missed + [shown[0] for shown in self._shown.values() if not shown[1]]


@pytest.fixture
def journey(request, new_context, site_url, axe_url):
    """A user's journey: its browser contexts and pages, each page axe-checked.

    After the test: no page checked may have had a serious or critical violation, and every
    page the journey's browsers showed must have been checked (when the test itself passed:
    a failed test leaves pages unchecked)."""
    journey = Journey(new_context, site_url, axe_url)
    yield journey
    problems = [f"axe-core on {where}:\n{found}" for where, found in journey.violations]
    if not request.node.stash.get(CALL_FAILED, True) and journey.unchecked():
        problems.append(f"pages shown but never checked with axe-core: {journey.unchecked()}")
    assert not problems, "\n\n".join(problems)


# Logging in


def authenticator_code(secret):
    """The code an authenticator app shows now; waits for the next one when this one is about
    to expire, so that the server still accepts it when the form arrives."""
    if TOTP_PERIOD - time.time() % TOTP_PERIOD < 3:
        time.sleep(TOTP_PERIOD - time.time() % TOTP_PERIOD + 0.1)
    return format_hotp_value(hotp_value(secret, int(time.time()) // TOTP_PERIOD))


def log_in(journey, page, email, password=DEMO_PASSWORD, *, totp_secret=None):
    """Fill in the login form on the page in front of the user (checked first), and the
    authenticator code when the site asks for it."""
    journey.check(page, "the login page")
    form = page.get_by_role("main").locator("form")
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Sign In").click()
    if totp_secret is not None:
        journey.arrive(page, re.compile(r"/accounts/2fa/authenticate/"), "the code page")
        page.get_by_label("Code").fill(authenticator_code(totp_secret))
        page.get_by_role("main").get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url and "/2fa/" not in url)


# E-mail


def link_path(message, pattern):
    """The path (and query) of the first link in an e-mail's text whose address matches
    `pattern`. Links name the site's configured address (in tests the demo's, without the
    live server's port), so the journey opens the same path on the live server."""
    for url in re.findall(r"https?://\S+", message.body):
        if re.search(pattern, url):
            parts = urlsplit(url)
            return parts.path + (f"?{parts.query}" if parts.query else "")
    raise AssertionError(f"no link matching {pattern!r} in:\n{message.body}")
