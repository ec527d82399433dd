"""A work-group chair's space in a real browser: logging in through the site's form, every
part of the space is free of serious accessibility problems and fits a phone."""

import pytest

from tests.browser.axe import describe_violations, serious_axe_violations
from tests.browser.conftest import MOBILE_VIEWPORT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

DEMO_PASSWORD = "sepsis-demo-2026"


@pytest.fixture
def space(demo_site):
    """The demo chair's space and the paths of its parts, read before the browser starts."""
    from workgroups.models import Membership, Thread

    chair = Membership.objects.filter(role=Membership.Role.CHAIR).select_related(
        "user", "work_group__space"
    )[0]
    base = chair.work_group.space.url
    thread = Thread.objects.filter(work_group=chair.work_group).first()
    return {
        "email": chair.user.email,
        "paths": [
            base,
            base + "discussions/",
            base + f"discussions/{thread.pk}/",
            base + "meetings/",
            base + "files/",
            base + "drafts/",
            base + "members/",
            base + "settings/",
        ],
    }


@pytest.mark.parametrize("viewport", [None, MOBILE_VIEWPORT], ids=["desktop", "phone"])
def test_a_chairs_space_is_accessible(new_context, site_url, axe_url, space, viewport):
    context = new_context(viewport=viewport) if viewport else new_context()
    page = context.new_page()
    page.goto(site_url + "/accounts/login/")
    page.fill("input[name=login]", space["email"])
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    for path in space["paths"]:
        response = page.goto(site_url + path)
        assert response.status == 200 and page.url == site_url + path, page.url
        violations = serious_axe_violations(page, axe_url)
        assert not violations, f"{path}: {describe_violations(violations)}"
        if viewport:
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= viewport["width"], f"{path} is {width}px wide"
