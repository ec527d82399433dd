"""Journey: a work-group chair invites someone by e-mail from the group's members page and
removes a member, whose open browser is refused the space at once (403, not a login loop).
"""

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

GROUP = "Emergency Department Recognition"
SPACE = "/work-groups/emergency-department-recognition/"
CHAIR = "maria.alvarez@example.org"
LEAVING = ("priya.raman@example.org", "Priya Raman")
INVITEE = "dana.okafor@example.org"


def open_the_space(journey, page, email):
    """From the home page: log in, then Work groups → the group's space."""
    journey.visit(page, "/")
    nav = page.get_by_role("navigation", name="Primary navigation")
    nav.get_by_role("link", name="Log in").click()
    journey.arrive(page, re.compile(r"/accounts/login/"))
    log_in(journey, page, email)
    journey.arrive(page, "/")
    nav.get_by_role("link", name="Work groups").click()
    journey.arrive(page, "/work-groups/")
    page.get_by_role("link", name=f"open the {GROUP} space").click()
    journey.arrive(page, SPACE)
    expect(page.get_by_role("heading", level=1)).to_have_text(GROUP)


def space_tab(page, name):
    return page.get_by_role("navigation", name="Work group").get_by_role("link", name=name)


def test_a_chair_invites_someone_and_removes_a_member_who_loses_access(journey):
    member = journey.page()
    open_the_space(journey, member, LEAVING[0])
    space_tab(member, "Discussions").click()
    journey.arrive(member, SPACE + "discussions/")

    chair = journey.page()
    open_the_space(journey, chair, CHAIR)
    space_tab(chair, "Members").click()
    journey.arrive(chair, SPACE + "members/")

    # Invite someone by e-mail.
    invite = chair.get_by_role("region", name="Invite someone")
    invite.get_by_label("E-mail address").fill(INVITEE)
    invite.get_by_label("Role").select_option(label="Member")
    mail.outbox.clear()
    invite.get_by_role("button", name="Send invitation").click()
    journey.arrive(chair, SPACE + "members/")
    expect(chair.get_by_role("status")).to_contain_text(f"Invitation sent to {INVITEE}.")
    expect(chair.get_by_role("region", name="Open invitations")).to_contain_text(
        f"{INVITEE}, as member"
    )
    assert [message.to for message in mail.outbox] == [[INVITEE]]
    invitation = mail.outbox[0]
    assert f"the {GROUP} work group" in invitation.subject
    assert "Maria Alvarez invites you" in invitation.body
    assert link_path(invitation, r"/work-group-invitations/[\w-]+/$")

    # Remove a member: the row's Remove button, then the confirmation.
    members = chair.get_by_role("table", name=re.compile(r"members$"))
    members.get_by_role("row", name=re.compile(LEAVING[1])).get_by_role(
        "button", name="Remove"
    ).click()
    journey.arrive(chair, re.compile(r"/members/\d+/$"))
    expect(chair.get_by_role("heading", level=1)).to_have_text(
        f"Remove {LEAVING[1]} from the group?"
    )
    chair.get_by_role("button", name=f"Remove {LEAVING[1]}").click()
    journey.arrive(chair, SPACE + "members/")
    expect(chair.get_by_role("status")).to_contain_text(
        f"{LEAVING[1]} is no longer a member of the group."
    )
    expect(members.get_by_role("row", name=re.compile(LEAVING[1]))).to_have_count(0)

    # The removed member, still on the space's discussions, opens another tab of it.
    with member.expect_response(journey.url(SPACE + "files/")) as response:
        space_tab(member, "Files").click()
    assert response.value.status == 403
    journey.arrive(member, SPACE + "files/")
    expect(member.get_by_role("heading", level=1)).to_have_text(
        "You do not have access to this page"
    )
    expect(member.get_by_role("main")).to_contain_text(f"You are logged in as {LEAVING[0]}.")
    # The space's home too, from a bookmark: refused, not sent to log in again.
    assert member.goto(journey.url(SPACE)).status == 403
    journey.check(member, "the space refused to a removed member")
    assert member.url == journey.url(SPACE)
