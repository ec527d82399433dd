"""The page frame at every width a visitor or member uses, from a small phone to a wide
monitor: no sideways scrolling, a search box wide enough to read what is typed, and the
account links on one line."""

import pytest

from tests.browser.axe import describe_violations, serious_axe_violations
from workgroups.demo.content import DEMO_PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

WIDTHS = (320, 390, 768, 1023, 1024, 1280, 1366, 1920)
# Below this width the navigation, search box included, is in the menu drawer (USWDS).
DRAWER_BELOW = 1024
MIN_SEARCH_BOX = 200
PATHS = ("/", "/search/?q=sepsis")
SPACE = "/work-groups/emergency-department-recognition/"
# A member's own pages: the work group's space, with its wide forms and lists.
MEMBER_PATHS = (
    "/work-groups/",
    SPACE,
    SPACE + "discussions/",
    SPACE + "meetings/",
    SPACE + "drafts/",
    SPACE + "members/",
)
MEMBER = "maria.alvarez@example.org"


def log_in(page, site_url):
    page.goto(site_url + "/accounts/login/")
    form = page.get_by_role("main").locator("form")
    form.get_by_label("Email").fill(MEMBER)
    form.get_by_label("Password").fill(DEMO_PASSWORD)
    form.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def check_frame(page, width, signed_in):
    where = f"{page.url} at {width} px"
    scroll_width = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{where} scrolls sideways ({scroll_width} px wide)"
    if width < DRAWER_BELOW:
        page.click(".usa-menu-btn")
        page.locator(".usa-nav.is-visible").wait_for()
        # Measured once the drawer has slid in.
        page.evaluate("() => Promise.all(document.getAnimations().map((a) => a.finished))")
    box = page.locator("#site-search").bounding_box()
    assert box and box["width"] >= MIN_SEARCH_BOX, f"{where}: search box {box}"
    names = ("Your account", "Log out") if signed_in else ("Log in",)
    header = page.locator("header")
    for name in names:
        control = header.get_by_role("link", name=name).or_(header.get_by_role("button", name=name))
        assert control.is_visible(), f"{where}: no {name}"
        line_height = control.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        assert control.bounding_box()["height"] < 2 * line_height, f"{where}: {name} wraps"
    if width < DRAWER_BELOW:
        page.click(".usa-nav__close")


@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "member"])
def test_no_sideways_scroll_and_a_usable_search_box_at_every_width(
    new_context, site_url, axe_url, signed_in
):
    page = new_context().new_page()
    if signed_in:
        log_in(page, site_url)
    for path in PATHS + (MEMBER_PATHS if signed_in else ()):
        page.goto(site_url + path)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            check_frame(page, width, signed_in)
        violations = serious_axe_violations(page, axe_url)
        assert not violations, f"{path}:\n{describe_violations(violations)}"


def test_a_draft_reading_page_with_its_comments_fits_every_width(new_context, site_url):
    page = new_context().new_page()
    log_in(page, site_url)
    page.goto(site_url + SPACE + "drafts/")
    page.get_by_role("link", name="Triage sepsis screening tool").first.click()
    page.get_by_role("heading", name="comments").wait_for()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        check_frame(page, width, signed_in=True)
