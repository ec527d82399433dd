"""Journey: someone invited to a work group follows the e-mailed link, creates an account
(confirming their address from a second e-mail) and joins; they post in a discussion, then
comment on a draft in the editor, which first has them set up an authenticator app (as
everyone using the admin must); the group's activity shows both.
"""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.journey import authenticator_code, link_path

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

GROUP = "Emergency Department Recognition"
SPACE = "/work-groups/emergency-department-recognition/"
INVITEE = "nora.quinn@example.org"
NAME = ("Nora", "Quinn")
PASSWORD = "triage-screen-2026"
THREAD = "Temperature thresholds in the screen"
# The demo's draft in work group review: the group comments on it while the chairs review.
DRAFT = "Triage sepsis screening tool"
REPLY = "Our ED uses 38.3 too; the handoff card should name the crew's reading."
COMMENT = "Could the card say who confirms the time zero on arrival?"


@pytest.fixture
def invitation(demo_site):
    """A chair has invited the newcomer (journey 4 does this in the browser): the e-mail."""
    from workgroups import invitations
    from workgroups.models import Membership, WorkGroup

    group = WorkGroup.objects.get(name=GROUP)
    chair = Membership.objects.filter(work_group=group, role=Membership.Role.CHAIR)[0].user
    mail.outbox.clear()
    invitations.invite(group, INVITEE, Membership.Role.MEMBER, actor=chair)
    [message] = mail.outbox
    return message


def space_tab(page, name):
    return page.get_by_role("navigation", name="Work group").get_by_role("link", name=name)


def test_an_invited_member_joins_posts_and_comments_on_a_draft(invitation, journey):
    page = journey.page()
    assert invitation.to == [INVITEE]
    journey.visit(page, link_path(invitation, r"/work-group-invitations/"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Invitation to the {GROUP} work group"
    )

    # No account yet: create one, with the invited address filled in.
    page.get_by_role("link", name="Create an account").click()
    journey.arrive(page, re.compile(r"/accounts/signup/\?"))
    form = page.get_by_role("main").locator("form")
    expect(form.get_by_label("Email")).to_have_value(INVITEE)
    form.get_by_label("First name").fill(NAME[0])
    form.get_by_label("Last name").fill(NAME[1])
    form.get_by_label("Member organization you work for").select_option(
        label="Hospital Association"
    )
    form.get_by_label("Password", exact=True).fill(PASSWORD)
    form.get_by_label("Password (again)").fill(PASSWORD)
    mail.outbox.clear()
    form.get_by_role("button", name="Sign Up").click()

    # The invitation proved the address: no confirmation e-mail, straight back to it, logged in.
    journey.arrive(page, re.compile(r"/work-group-invitations/"))
    assert not [message for message in mail.outbox if "/confirm-email/" in message.body]
    page.get_by_role("button", name=f"Join {GROUP} as member").click()
    journey.arrive(page, SPACE)
    expect(page.get_by_role("status")).to_contain_text(f"Welcome to {GROUP}. You joined as member.")

    # Post in a discussion.
    space_tab(page, "Discussions").click()
    journey.arrive(page, SPACE + "discussions/")
    page.get_by_role("link", name=THREAD).click()
    journey.arrive(page, re.compile(rf"{SPACE}discussions/\d+/$"))
    thread_url = page.url
    reply = page.get_by_role("region", name="Reply")
    reply.get_by_label("Message").fill(REPLY)
    reply.get_by_role("button", name="Post the reply").click()
    journey.arrive(page, re.compile(re.escape(thread_url)))
    last_post = page.locator("article.portal-post").last
    expect(last_post).to_contain_text(f"{NAME[0]} {NAME[1]}")
    expect(last_post).to_contain_text(REPLY)

    # Read the draft under review, then comment on it: the editor first asks for an
    # authenticator app.
    space_tab(page, "Drafts").click()
    journey.arrive(page, SPACE + "drafts/")
    page.get_by_role("link", name=DRAFT, exact=True).click()
    journey.arrive(page, re.compile(rf"{SPACE}drafts/\d+/$"))
    expect(page.get_by_role("main")).to_contain_text("In work group review")
    space_tab(page, "Drafts").click()
    journey.arrive(page, SPACE + "drafts/")
    edit_draft = page.get_by_role("link", name=f"Edit “{DRAFT}” in the editor")
    edit_draft.click()
    journey.arrive(page, re.compile(r"/accounts/reauthenticate/\?next="))
    expect(page.get_by_role("main")).to_contain_text("Set up two-factor authentication")
    page.get_by_role("main").get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Confirm").click()
    journey.arrive(page, re.compile(r"/accounts/2fa/totp/activate/"))
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(authenticator_code(secret))
    page.get_by_role("button", name="Activate").click()
    journey.arrive(page, re.compile(r"/accounts/2fa/recovery-codes/"))
    expect(page.get_by_role("main")).to_contain_text("recovery codes")

    page.get_by_role("navigation", name="Primary navigation").get_by_role(
        "link", name="Work groups"
    ).click()
    journey.arrive(page, "/work-groups/")
    page.get_by_role("link", name=f"open the {GROUP} space").click()
    journey.arrive(page, SPACE)
    space_tab(page, "Drafts").click()
    journey.arrive(page, SPACE + "drafts/")
    edit_draft.click()
    journey.arrive(page, re.compile(r"/admin/pages/\d+/edit/$"))
    edit_url = page.url
    # The title and summary already have comments (their buttons open those): comment on
    # the first field that has none yet.
    page.locator("button[data-comment-add]:visible").first.click()
    page.get_by_placeholder("Enter your comments...").fill(COMMENT)
    page.locator(".comment--focused").get_by_role("button", name="Comment").click()
    page.get_by_role("button", name="Save draft").click()
    journey.arrive(page, re.compile(re.escape(edit_url)))
    expect(page.locator(".messages")).to_contain_text(f"Your changes to “{DRAFT}” were saved.")

    # Back in the space (from their bookmark), the group's activity shows both.
    page.goto(journey.url(SPACE))
    journey.check(page, "the space's activity")
    activity = page.get_by_role("main")
    expect(activity).to_contain_text(f"{NAME[0]} {NAME[1]} commented on “{DRAFT}”: “{COMMENT}”")
    expect(activity).to_contain_text(f"{NAME[0]} {NAME[1]} replied in “{THREAD}”")
