"""End-to-end journeys share the browser tests' fixtures: the live server with the demo (and
the page cache on, as in production), Debian's Chromium, browser contexts and the axe-core
script (tests/browser/conftest.py), and the search index built before the browser starts
(tests/browser/test_search.py). Journeys open their browsers through the `journey` fixture
(tests/e2e/journey.py), which checks every page they show with axe-core."""

import pytest

from tests.browser.conftest import (  # noqa: F401 (fixtures)
    axe_url,
    browser,
    chromium_executable,
    new_context,
    one_request_at_a_time,
    site_url,
)
from tests.browser.test_search import indexed  # noqa: F401 (fixture)
from tests.e2e.journey import CALL_FAILED, journey  # noqa: F401 (fixtures)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Tell the `journey` fixture whether the test itself failed."""
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report
