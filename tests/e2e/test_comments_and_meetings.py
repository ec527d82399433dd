"""Journeys: a drafter comments on a draft from its reading page and mentions the chair, who
is e-mailed and finds the mention in the space; a chair schedules a meeting, a member gets the
invitation with its calendar file and downloads the meeting's calendar file from the space; a
member works in the space at 1,024 px without sideways scrolling."""

import re
from pathlib import Path

import icalendar
import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.test_layout import check_frame
from tests.e2e.journey import link_path, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

GROUP = "Emergency Department Recognition"
SPACE = "/work-groups/emergency-department-recognition/"
CHAIR = "maria.alvarez@example.org"
DRAFTER = "priya.raman@example.org"
OBSERVER = "david.chen@example.org"
DRAFT = "Triage sepsis screening tool"
COMMENT = "@Maria Alvarez, should the card say who records time zero?"


def open_space(journey, email, **options):
    page = journey.page(**options)
    journey.visit(page, "/accounts/login/")
    log_in(journey, page, email)
    journey.arrive(page, "/")
    journey.visit(page, SPACE)
    return page


def space_tab(page, name):
    return page.get_by_role("navigation", name="Work group").get_by_role("link", name=name)


@pytest.fixture
def chair_wants_emails_at_once(committed_demo):
    """After the demo is put back (committed_demo), so that the choice stays."""
    from workgroups.models import Membership

    Membership.objects.filter(user__email=CHAIR, work_group__name=GROUP).update(
        notifications=Membership.Notifications.IMMEDIATELY
    )


@pytest.mark.usefixtures("chair_wants_emails_at_once")
def test_a_drafters_comment_mentions_the_chair_who_is_told(journey):
    drafter = open_space(journey, DRAFTER)
    space_tab(drafter, "Drafts").click()
    journey.arrive(drafter, SPACE + "drafts/")
    drafter.get_by_role("link", name=DRAFT, exact=True).click()
    journey.arrive(drafter, re.compile(r"/drafts/\d+/$"))
    form = drafter.get_by_role("main").locator("form").filter(has_text="Add the comment")
    form.get_by_label("About").select_option(label="The whole draft")
    form.get_by_label("Comment").fill(COMMENT)
    mail.outbox.clear()
    form.get_by_role("button", name="Add the comment").click()
    journey.arrive(drafter, re.compile(r"/drafts/\d+/#comment-\d+$"))
    expect(drafter.get_by_text("Your comment is added.")).to_be_visible()
    expect(drafter.get_by_text(COMMENT)).to_be_visible()

    # The chair is e-mailed that they were mentioned, with the way to the draft.
    [told] = [message for message in mail.outbox if message.to == [CHAIR]]
    assert told.subject == f"[{GROUP}] Priya Raman mentioned you"
    draft_path = link_path(told, r"/work-groups/[^\s]+/drafts/\d+/")

    # And finds the mention on the group's home.
    chair = open_space(journey, CHAIR)
    mentions = chair.get_by_role("region", name=re.compile("New since your last visit|Mentions"))
    mention = mentions.get_by_role("link", name=re.compile("Priya Raman commented on"))
    expect(mention).to_be_visible()
    mention.click()
    journey.arrive(chair, draft_path)
    expect(chair.get_by_text(COMMENT)).to_be_visible()

    # An observer reads the same comment, with no form to add one.
    observer = open_space(journey, OBSERVER)
    journey.visit(observer, draft_path)
    expect(observer.get_by_text(COMMENT)).to_be_visible()
    expect(observer.get_by_role("button", name="Add the comment")).to_have_count(0)


def test_a_chair_schedules_a_meeting_and_a_member_is_invited(journey):
    chair = open_space(journey, CHAIR)
    space_tab(chair, "Meetings").click()
    journey.arrive(chair, SPACE + "meetings/")
    chair.get_by_text("Schedule a meeting").click()
    form = chair.get_by_role("main").locator("form").filter(has_text="Schedule the meeting")
    form.get_by_label("Title").fill("Screening tool sign-off")
    # A mistake first: the summary at the top says what to fix and takes the focus.
    form.get_by_label("Starts").fill("2030-03-05T15:00")
    form.get_by_label("Ends").fill("2030-03-05T14:00")
    form.get_by_role("button", name="Schedule the meeting").click()
    journey.arrive(chair, SPACE + "meetings/")
    summary = chair.get_by_role("alert").filter(has_text="Check the meeting: nothing was saved")
    expect(summary).to_be_focused()
    journey.check(chair, "the meeting form's errors")
    summary.get_by_role("link", name=re.compile("Ends")).click()
    form = chair.get_by_role("main").locator("form").filter(has_text="Schedule the meeting")
    form.get_by_label("Ends").fill("2030-03-05T16:00")
    form.get_by_label("Where").fill("Room 4B")
    mail.outbox.clear()
    form.get_by_role("button", name="Schedule the meeting").click()
    journey.arrive(chair, re.compile(r"/meetings/\d+/$"))
    expect(chair.get_by_text("The meeting is scheduled.")).to_be_visible()

    [invitation] = [message for message in mail.outbox if message.to == [DRAFTER]]
    assert invitation.subject == f"[{GROUP}] Invitation: Screening tool sign-off"
    [part] = invitation.attachments
    assert part.get_param("method") == "REQUEST"
    assert icalendar.Calendar.from_ical(part.get_content())["method"] == "REQUEST"
    meeting_path = link_path(invitation, r"/work-groups/[^\s]+/meetings/\d+/")

    member = open_space(journey, DRAFTER)
    journey.visit(member, meeting_path)
    with member.expect_download() as download:
        member.get_by_role("link", name="Add to your calendar (.ics)").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == f"[{GROUP}] Screening tool sign-off"
    assert event["dtstart"].params["TZID"] == "America/New_York"


def test_the_space_fits_a_1024_px_screen_signed_in(journey):
    member = open_space(journey, DRAFTER, viewport={"width": 1024, "height": 800})
    check_frame(member, 1024, signed_in=True)
    for tab, path in (("Discussions", "discussions/"), ("Meetings", "meetings/")):
        space_tab(member, tab).click()
        journey.arrive(member, SPACE + path)
        check_frame(member, 1024, signed_in=True)
