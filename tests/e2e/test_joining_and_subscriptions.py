"""Journeys: a clinician joins (signs up naming their hospital; consortium staff approve the
request in the admin; they download a members-only file), and a member subscribes to a toolkit's
update e-mails, then stops them from the account's subscriptions page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.journey import link_path, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

NEWCOMER = ("riley.newcomer@example.org", "Riley", "Newcomer")
HOSPITAL = "Cape Harbor Hospital"
STAFF = "rachel.goldberg@example.org"  # consortium staff (Moderators)
MEMBER = "pat.jones@example.org"  # staff of a member organization
TOOLKIT = "Emergency department sepsis recognition and time zero"
PASSPHRASE = "sepsis-signup-passphrase-7"


@pytest.fixture
def toolkit(demo_site):
    """Read before the browser starts: the toolkit's address and a members-only file."""
    from toolkits.models import ToolkitPage

    page = ToolkitPage.objects.live().get(title=TOOLKIT)
    members_file = next(
        resource.document
        for resource in page.resources.select_related("document__collection")
        if resource.document.collection.get_view_restrictions().exists()
    )
    return {"url": page.url, "file": members_file.title, "filename": members_file.filename}


@pytest.fixture
def staff_secret(demo_site):
    from django.contrib.auth import get_user_model

    from tests.conftest import activate_totp

    return activate_totp(get_user_model().objects.get(email=STAFF))


def test_a_clinician_joins_and_downloads_a_members_file(journey, toolkit, staff_secret, tmp_path):
    email, first_name, last_name = NEWCOMER
    page = journey.page()

    # From the home page's footer, the page on joining, then the sign-up form.
    journey.visit(page, "/")
    page.get_by_role("navigation", name="More from the consortium").get_by_role(
        "link", name="Join the consortium"
    ).click()
    journey.arrive(page, "/join/")
    expect(page.get_by_role("main")).to_contain_text("Hospitals and health care providers")
    journey.visit(page, "/accounts/signup/")
    form = page.get_by_role("main").locator("form")
    form.get_by_label("Email").fill(email)
    form.get_by_label("Password", exact=True).fill(PASSPHRASE)
    form.get_by_label("Password (again)").fill(PASSPHRASE)
    form.get_by_label("First name").fill(first_name)
    form.get_by_label("Last name").fill(last_name)
    form.get_by_label("Member organization you work for").select_option(label=HOSPITAL)
    mail.outbox.clear()
    form.get_by_role("button", name="Sign Up").click()
    journey.arrive(page, "/accounts/confirm-email/")

    # Staff are told; the newcomer confirms their address and sees the request waiting.
    [to_staff] = [m for m in mail.outbox if STAFF in m.to]
    assert f"{first_name} {last_name} asks to be confirmed as staff of {HOSPITAL}" in (
        to_staff.subject
    )
    [confirmation] = [m for m in mail.outbox if m.to == [email]]
    journey.visit(page, link_path(confirmation, r"/confirm-email/"))
    page.get_by_role("main").get_by_role("button", name="Confirm").click()
    page.wait_for_url(lambda url: "/confirm-email/" not in url)
    journey.check(page, "after confirming the address")
    journey.visit(page, "/accounts/profile/")
    expect(page.get_by_role("region", name="Your membership")).to_contain_text(
        "waiting for consortium staff to confirm it"
    )
    expect(page.get_by_role("region", name="Your membership")).to_contain_text(
        "Staff answer within 3 working days"
    )

    # The members' file is still closed: the 403 says to wait, and leads back.
    journey.visit(page, toolkit["url"])
    with page.expect_response(re.compile(r"/documents/")) as response:
        page.get_by_role("link", name=toolkit["file"]).click()
    assert response.value.status == 403
    journey.arrive(page, re.compile(r"/documents/"))
    main = page.get_by_role("main")
    expect(main).to_contain_text(
        f"Wait for consortium staff to confirm that you work for {HOSPITAL}"
    )
    main.get_by_role("link", name="Go back to the page you came from").click()
    journey.arrive(page, toolkit["url"])

    # Staff open the queue from their e-mail, log in with their code and approve.
    staff = journey.page()
    staff.goto(journey.url(link_path(to_staff, r"/admin/organization-requests/")))
    journey.arrive(staff, re.compile(r"/accounts/login/\?next="))
    log_in(journey, staff, STAFF, totp_secret=staff_secret)
    journey.arrive(staff, "/admin/organization-requests/")
    staff.get_by_role("link", name=re.compile(rf"{first_name} {last_name} → {HOSPITAL}")).click()
    journey.arrive(staff, re.compile(r"/admin/organization-requests/\d+/decide/$"))
    staff.get_by_role("radio", name=re.compile(r"Approve: they work there")).check()
    mail.outbox.clear()
    staff.get_by_role("button", name="Send the answer").click()
    journey.arrive(staff, "/admin/organization-requests/")
    expect(staff.locator(".messages")).to_contain_text(f"is confirmed as staff of {HOSPITAL}")
    [answer] = mail.outbox
    assert answer.to == [email] and f"You are confirmed as staff of {HOSPITAL}" in answer.subject

    # The newcomer downloads the members' file (Alt+click: save it, not view it).
    page.reload()
    journey.check(page, "the toolkit page as a member")
    with page.expect_download() as download:
        page.get_by_role("link", name=toolkit["file"]).click(modifiers=["Alt"])
    assert download.value.suggested_filename == toolkit["filename"]
    download.value.save_as(tmp_path / toolkit["filename"])
    assert (tmp_path / toolkit["filename"]).stat().st_size > 0


def test_a_member_subscribes_then_unsubscribes_from_the_account_page(journey, toolkit):
    page = journey.page()
    journey.visit(page, "/accounts/login/")
    log_in(journey, page, MEMBER)
    journey.arrive(page, "/")
    journey.visit(page, toolkit["url"])
    updates = page.get_by_role("region", name="Hear about new versions")
    expect(updates).to_contain_text("You are not subscribed.")
    updates.get_by_role("button", name="E-mail me about new versions").click()
    journey.arrive(page, re.compile(re.escape(toolkit["url"])))
    expect(updates).to_contain_text("You will be e-mailed when a new version")

    journey.visit(page, "/accounts/profile/")
    page.get_by_role("navigation", name="Your account").get_by_role(
        "link", name="E-mail subscriptions"
    ).click()
    journey.arrive(page, "/accounts/subscriptions/")
    toolkits = page.get_by_role("region", name="New versions of toolkits")
    expect(toolkits).to_contain_text("E-mailed when a new version is published")
    toolkits.get_by_role("listitem").filter(has_text=TOOLKIT).get_by_role(
        "button", name=re.compile(r"^Stop e-mails")
    ).click()
    journey.arrive(page, "/accounts/subscriptions/")
    expect(page.get_by_role("status")).to_contain_text("You will no longer be e-mailed about")
    expect(toolkits).to_contain_text("Not e-mailed: you stopped these e-mails")
