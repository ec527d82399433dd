"""Journey: a work-group member opens the group's draft from the space, sends it to the chairs
for review, and the chair approves it from the dashboard's "Awaiting your review", every step in
plain words: no address or search-engine fields, buttons that say where the draft goes, and
the same status words in the admin and the space."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.journey import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

SPACE = "/work-groups/post-acute-and-long-term-care/"
DRAFTER = ("luis.fernandes@example.org", "Luis Fernandes")
CHAIR = "grace.thompson@example.org"
DRAFT = "Stop and Watch for sepsis"  # the demo's draft not yet sent for review


@pytest.fixture
def secrets(demo_site):
    """The drafter's and the chair's authenticator apps, set up before the browser starts
    (the admin asks everyone for a second step)."""
    from django.contrib.auth import get_user_model

    from tests.conftest import activate_totp

    users = get_user_model().objects
    return {email: activate_totp(users.get(email=email)) for email in (DRAFTER[0], CHAIR)}


def sign_in(journey, page, email, secret):
    journey.visit(page, "/")
    page.get_by_role("navigation", name="Primary navigation").get_by_role(
        "link", name="Log in"
    ).click()
    journey.arrive(page, re.compile(r"/accounts/login/"))
    log_in(journey, page, email, totp_secret=secret)
    journey.arrive(page, "/")


def messages(page):
    return page.get_by_role("status").or_(page.locator(".messages"))


def action(page, name):
    """A button of the editor's footer: the first one, or one in its "More actions" menu."""
    button = page.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        page.get_by_role("button", name="More actions").click()
    return button


def test_a_drafter_sends_a_draft_to_the_chairs_and_a_chair_approves_it(secrets, journey):
    drafter = journey.page()
    sign_in(journey, drafter, DRAFTER[0], secrets[DRAFTER[0]])
    journey.visit(drafter, SPACE + "drafts/")
    row = drafter.get_by_role("row").filter(has_text=DRAFT)
    expect(row).to_contain_text("Draft")
    drafter.get_by_role("link", name=f"Edit “{DRAFT}” in the editor").click()
    journey.arrive(drafter, re.compile(r"/admin/pages/\d+/edit/$"), "the draft in the editor")

    # Only what a drafter needs, explained in their words.
    expect(drafter.get_by_role("tab", name="Promote")).to_have_count(0)
    expect(drafter.locator("input[name=slug]")).to_have_count(0)
    expect(drafter.get_by_role("main")).to_contain_text(
        "The tool's name as clinicians will know it"
    )

    action(drafter, "Send to the chairs for review").click()
    journey.arrive(drafter, re.compile(r"/admin/pages/\d+/$"), "the space in the admin")
    expect(messages(drafter)).to_contain_text(f"“{DRAFT}” was sent to the chairs for review.")
    row = drafter.get_by_role("row").filter(has_text=DRAFT)
    expect(row).to_contain_text("In work group review")
    expect(row).not_to_contain_text("in moderation")

    # The chair finds it on the dashboard, with the name of who sent it.
    chair = journey.page()
    sign_in(journey, chair, CHAIR, secrets[CHAIR])
    journey.visit(chair, "/admin/")
    awaiting = chair.get_by_role("region", name="Awaiting your review")
    waiting_row = awaiting.get_by_role("row").filter(has_text=DRAFT)
    expect(waiting_row).to_contain_text(DRAFTER[1])
    waiting_row.get_by_role("link", name=DRAFT).click()
    journey.arrive(chair, re.compile(r"/admin/pages/\d+/edit/$"), "the draft in the editor")
    action(chair, "Approve and send to consortium staff").click()
    journey.arrive(chair, re.compile(r"/admin/pages/\d+/$"), "the space after approving")
    expect(messages(chair)).to_contain_text(
        "Approved by the chairs; waiting for consortium review."
    )
    expect(chair.get_by_role("row").filter(has_text=DRAFT)).to_contain_text(
        "In consortium approval"
    )

    # The space says the same.
    journey.visit(drafter, SPACE + "drafts/")
    expect(drafter.get_by_role("row").filter(has_text=DRAFT)).to_contain_text(
        "In consortium approval"
    )
