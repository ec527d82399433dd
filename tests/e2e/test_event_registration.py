"""Journey: a member of a member hospital's staff finds the consortium's open day, logs in,
registers for a session starting soon and one next month, gets the calendar file, and sees the
joining link only for the session about to start; a visitor never sees it.

Everything here is links and forms (no JavaScript needed); each page is checked with axe.
"""

import datetime
import re

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from tests.e2e.journey import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("committed_demo"),
]

MEMBER = "david.chen@example.org"
EVENT = "Working together on the state's sepsis guidance"
LINK = "https://meet.example.org/drop-in-before-the-day"
SOON = "Drop-in questions before the day"


@pytest.fixture
def sessions(demo_site):
    """The open day's session (weeks away) and a drop-in session starting in 15 minutes."""
    from events.models import EventPage, Format, Session

    event = EventPage.objects.get(title=EVENT, locale__language_code="en-us")
    start = timezone.localtime(timezone.now() + datetime.timedelta(minutes=15))
    start = start.replace(second=0, microsecond=0)
    if start.hour == 23:  # a session runs within one day
        start = start.replace(minute=0)
    soon = Session.objects.create(
        event=event,
        title=SOON,
        date=start.date(),
        start_time=start.time(),
        end_time=(start + datetime.timedelta(minutes=30)).time()
        if start.hour < 23
        else datetime.time(23, 59),
        format=Format.ONLINE,
        joining_link=LINK,
    )
    later = event.upcoming_sessions().exclude(pk=soon.pk).first()
    return {"url": event.url, "soon": soon.pk, "later": later}


def session_box(page, title):
    return page.locator(".portal-event__session").filter(has_text=title)


def test_a_member_registers_gets_the_calendar_file_and_the_link_when_it_is_time(
    sessions, journey, tmp_path
):
    page = journey.page()
    journey.visit(page, "/events/")
    page.get_by_role("link", name=re.compile(EVENT)).first.click()
    journey.arrive(page, sessions["url"])
    assert LINK not in page.content()
    page.get_by_role("link", name="Log in to register").first.click()
    journey.arrive(page, re.compile(r"/accounts/login/\?next="))
    log_in(journey, page, MEMBER)
    journey.arrive(page, sessions["url"])

    soon = session_box(page, SOON)
    soon.get_by_role("button", name="Register").click()
    journey.arrive(page, sessions["url"] + "#sessions")
    expect(page.get_by_text("You are registered. We have e-mailed you")).to_be_visible()
    soon = session_box(page, SOON)
    expect(soon.get_by_role("link", name="Join the session")).to_have_attribute("href", LINK)

    later = page.locator(".portal-event__session").filter(has_not_text=SOON).first
    later.get_by_role("button", name="Register").click()
    journey.arrive(page, sessions["url"] + "#sessions")
    later = page.locator(".portal-event__session").filter(has_not_text=SOON).first
    expect(later.get_by_text("The joining link appears here at")).to_be_visible()
    expect(later.get_by_role("link", name="Join the session")).to_have_count(0)

    with page.expect_download() as download_info:
        session_box(page, SOON).get_by_role("link", name="Add to your calendar (.ics)").click()
    path = tmp_path / "session.ics"
    download_info.value.save_as(path)
    calendar = Calendar.from_ical(path.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]).endswith(SOON)
    assert str(event["UID"]).startswith(f"event-session-{sessions['soon']}@")
    assert event["DTSTART"].params["TZID"] == "America/New_York"
    assert LINK not in path.read_text()

    # A visitor's copy of the same page has no link.
    visitor = journey.page()
    journey.visit(visitor, sessions["url"])
    assert LINK not in visitor.content()
    expect(
        session_box(visitor, SOON).get_by_role("link", name="Log in to register")
    ).to_be_visible()
