"""Smoke tests in a real browser: pages load, are accessible, work without JavaScript,
respect the Content-Security-Policy and stay within the page-weight budget."""

import gzip
import json
from urllib.parse import urlsplit

import pytest

from tests.browser.axe import describe_violations, serious_axe_violations
from tests.browser.conftest import MOBILE_VIEWPORT

pytestmark = [
    pytest.mark.browser,
    # The server thread only sees committed data: the demo, committed (committed_demo).
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

ABOUT_TITLE = "About the consortium"
PAGE_WEIGHT_BUDGET = 150 * 1024
TEXT_TYPES = ("text/", "javascript", "json", "svg", "xml")
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push({
    directive: event.violatedDirective,
    blocked: event.blockedURI,
    source: event.sourceFile + ":" + event.lineNumber,
    sample: event.sample,
  });
});
"""


def primary_nav(page):
    return page.get_by_role("navigation", name="Primary navigation")


@pytest.mark.parametrize(
    ("path", "expected_h1"),
    [
        ("/", "hero_heading"),
        ("/about/", ABOUT_TITLE),
        ("/members/", "Member organizations"),
        ("/accounts/login/", "Sign In"),
        ("/accounts/signup/", "Sign Up"),
        ("/search/?q=blood+poisoning", "Search"),
        ("/search/", "Search"),
    ],
    ids=["home", "about", "members", "login", "signup", "search", "search-tips"],
)
def test_page_loads_with_heading_and_no_serious_axe_violations(
    home_page, page, site_url, axe_url, path, expected_h1
):
    if expected_h1 == "hero_heading":
        expected_h1 = home_page.hero_heading  # loaded before the browser started

    response = page.goto(site_url + path)

    assert response.status == 200
    assert page.locator("h1").all_inner_texts() == [expected_h1]
    violations = serious_axe_violations(page, axe_url)
    assert not violations, f"axe-core on {path}:\n{describe_violations(violations)}"


def test_the_header_search_box_searches_without_javascript(new_context, site_url):
    page = new_context(java_script_enabled=False).new_page()
    page.goto(site_url + "/")
    page.get_by_role("search").get_by_label("Search").fill("sepis")
    page.get_by_role("search").get_by_role("button", name="Search").click()
    assert page.url == site_url + "/search/?q=sepis"
    callout = page.locator("#main-content .usa-alert--emergency")
    assert "If you think someone has sepsis, call 911." in callout.inner_text()


def test_navigation_works_without_javascript_on_a_narrow_screen(new_context, site_url):
    page = new_context(java_script_enabled=False, viewport=MOBILE_VIEWPORT).new_page()
    page.goto(site_url + "/")

    links = primary_nav(page).get_by_role("link")
    assert links.count() > 0
    for index in range(links.count()):
        link = links.nth(index)
        assert link.is_visible(), f"nav link {link.inner_text()!r} is hidden without JS"
    primary_nav(page).get_by_role("link", name=ABOUT_TITLE).click()

    page.wait_for_url(site_url + "/about/")
    assert page.locator("h1").inner_text() == ABOUT_TITLE


def test_menu_button_opens_navigation_on_a_narrow_screen(new_context, site_url):
    page = new_context(viewport=MOBILE_VIEWPORT).new_page()
    page.goto(site_url + "/")
    about_link = primary_nav(page).get_by_role("link", name=ABOUT_TITLE)
    assert not about_link.is_visible(), "the menu should start closed on a narrow screen"

    page.get_by_role("button", name="Menu").click()

    assert "is-visible" in primary_nav(page).get_attribute("class").split()
    about_link.wait_for(state="visible")
    about_link.click()
    page.wait_for_url(site_url + "/about/")


def test_home_page_has_no_content_security_policy_violations(page, site_url):
    console = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.add_init_script(CSP_LISTENER)

    response = page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")

    assert "script-src 'self'" in response.headers.get("content-security-policy", "")
    violations = page.evaluate("() => window.__cspViolations")
    console_violations = [line for line in console if "Content Security Policy" in line]
    assert not violations and not console_violations, (
        "CSP violations on the home page:\n"
        + json.dumps(violations, indent=2)
        + "\n"
        + "\n".join(console_violations)
    )


def transferred_size(response):
    """Bytes on the wire: text compressed as a production server would (gzip level 6),
    fonts and images as they are."""
    try:
        body = response.body()
    except Exception:  # redirects and the like have no body
        return 0
    content_type = response.headers.get("content-type", "")
    if any(kind in content_type for kind in TEXT_TYPES):
        return len(gzip.compress(body, compresslevel=6))
    return len(body)


@pytest.mark.parametrize("path", ["/", "/sepsis/know-the-signs/"], ids=["home", "symptom-guide"])
def test_public_page_weight_is_within_budget(new_context, site_url, path):
    page = new_context().new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))

    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")

    sizes = [(transferred_size(r), urlsplit(r.url).path) for r in responses]
    total = sum(size for size, _ in sizes)
    breakdown = "\n".join(f"{size:>9,} B  {path}" for size, path in sorted(sizes, reverse=True))
    assert total <= PAGE_WEIGHT_BUDGET, (
        f"{path} weighs {total:,} B, budget {PAGE_WEIGHT_BUDGET:,} B:\n{breakdown}"
    )
