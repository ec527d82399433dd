"""The event pages and routes from every role: who sees an event, registering from the page,
the calendar file, the joining link (only to a registered person, only from shortly before the
start, never cached), the e-mails' cancel and evaluation links, "My registrations", and staff's
attendance export and evaluation summary."""

import csv
import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse

from events import registrations
from events.emails import cancel_token, evaluation_token
from events.models import EvaluationResponse, Registration

from .conftest import assert_private, make_session, page_route

pytestmark = [pytest.mark.django_db, pytest.mark.bare, pytest.mark.postgresql]

LINK = "secret-room-42"


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 403),
        ("group_member", 403),
        ("member", 200),
        ("staff", 200),
        ("superuser", 200),
    ],
)
def test_a_members_only_event_is_seen_by_members_and_staff(members_event, clients, role, status):
    make_session(members_event)
    response = clients[role].get(members_event.url)
    assert response.status_code == status
    if status == 403:
        assert b"member organizations" in response.content


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("outsider", 403), ("member", 403), ("group_member", 200), ("staff", 200)],
)
def test_a_work_groups_event_is_seen_by_its_members_and_staff(group_event, clients, role, status):
    assert clients[role].get(group_event.url).status_code == status


def test_the_listing_shows_each_person_the_events_they_may_see(
    events_index, public_event, members_event, group_event, clients
):
    for event in (public_event, members_event, group_event):
        make_session(event)
    seen = {}
    for role in ("anonymous", "outsider", "member", "group_member", "staff"):
        content = clients[role].get(events_index.url).content.decode()
        seen[role] = {
            e.title for e in (public_event, members_event, group_event) if e.title in content
        }
    assert seen["anonymous"] == seen["outsider"] == {public_event.title}
    assert seen["member"] == {public_event.title, members_event.title}
    assert seen["group_member"] == {public_event.title, group_event.title}
    assert seen["staff"] == {public_event.title, members_event.title, group_event.title}


def test_the_listing_filters_by_audience_and_when(
    events_index, public_event, members_event, clients
):
    make_session(public_event)
    make_session(members_event, starts_in=-datetime.timedelta(days=10))
    staff = clients["staff"]
    upcoming = staff.get(events_index.url, {"audience": "members"}).content.decode()
    assert members_event.title not in upcoming and public_event.title not in upcoming
    past = staff.get(events_index.url, {"audience": "members", "when": "past"}).content.decode()
    assert members_event.title in past


def test_registering_from_the_page_and_the_full_session_says_waiting_list(
    public_event, clients, people
):
    session = make_session(public_event, capacity=1)
    url = page_route(public_event, "register", session.pk)
    response = clients["outsider"].post(url, follow=True)
    assert "You are registered." in response.content.decode()
    response = clients["member"].post(url, follow=True)
    assert "on the waiting list" in response.content.decode()
    response = clients["member"].post(url, follow=True)
    assert "already on the waiting list" in response.content.decode()
    assert Registration.objects.filter(session=session).count() == 2


def test_anonymous_visitors_are_asked_to_log_in_and_register_nothing(public_event, clients):
    session = make_session(public_event)
    response = clients["anonymous"].post(page_route(public_event, "register", session.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Registration.objects.exists()


def test_a_members_only_registration_refused_from_the_page_changes_nothing(members_event, clients):
    session = make_session(members_event)
    response = clients["group_member"].post(page_route(members_event, "register", session.pk))
    assert response.status_code == 403
    assert not Registration.objects.exists()


def test_the_calendar_file_is_for_registered_people(public_event, clients, people):
    session = make_session(public_event)
    url = page_route(public_event, "calendar", session.pk)
    assert clients["member"].get(url).status_code == 403
    registrations.register(people["member"], session.pk)
    response = clients["member"].get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VEVENT" in response.content and LINK.encode() not in response.content
    assert_private(response)


def test_the_joining_link_shows_only_to_the_registered_person_from_shortly_before(
    public_event, clients, people, page_cache
):
    soon = make_session(public_event, starts_in=datetime.timedelta(minutes=20))
    later = make_session(public_event, starts_in=datetime.timedelta(hours=3))
    for session in (soon, later):
        registrations.register(people["member"], session.pk)

    mine = clients["member"].get(public_event.url)
    content = mine.content.decode()
    assert content.count(LINK) == 1  # the session in 20 minutes, not the one in 3 hours
    assert "The joining link appears here at" in content
    assert_private(mine)

    for role in ("anonymous", "outsider", "staff"):
        response = clients[role].get(public_event.url)
        assert LINK not in response.content.decode(), role
    # The anonymous copy is the one stored for everyone: it never has the link.
    assert clients["anonymous"].get(public_event.url)["Cache-Control"].startswith("public")


def test_the_join_route_opens_the_link_only_when_the_page_would_show_it(
    public_event, clients, people
):
    soon = make_session(public_event, starts_in=datetime.timedelta(minutes=20))
    later = make_session(public_event, starts_in=datetime.timedelta(hours=3))
    registrations.register(people["member"], soon.pk)
    registrations.register(people["member"], later.pk)
    response = clients["member"].get(page_route(public_event, "join", soon.pk))
    assert response.status_code == 302 and LINK in response["Location"]
    assert_private(response)
    response = clients["member"].get(page_route(public_event, "join", later.pk))
    assert LINK not in response["Location"]
    response = clients["outsider"].get(page_route(public_event, "join", soon.pk))
    assert LINK not in response["Location"]


def test_a_waiting_list_place_does_not_open_the_link(public_event, clients, people):
    session = make_session(public_event, starts_in=datetime.timedelta(minutes=10), capacity=1)
    registrations.register(people["outsider"], session.pk)
    registrations.register(people["member"], session.pk)
    assert LINK not in clients["member"].get(public_event.url).content.decode()


def test_the_cancel_link_asks_first_then_cancels_with_a_post(public_event, people):
    from django.test import Client

    session = make_session(public_event)
    registration = registrations.register(people["member"], session.pk)
    url = reverse("event_cancel_link", args=[cancel_token(registration)])
    browser = Client()  # the e-mail's reader need not be logged in
    response = browser.get(url)
    assert (
        response.status_code == 200 and "Yes, cancel my registration" in response.content.decode()
    )
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    response = browser.post(url)
    assert "Your registration is cancelled" in response.content.decode()
    assert_private(response)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    response = browser.post(url)
    assert "already cancelled" in response.content.decode()


def test_a_forged_token_opens_nothing(client):
    for name in ("event_cancel_link", "event_evaluation"):
        assert client.get(reverse(name, args=["forged:token"])).status_code == 404


def test_my_registrations_lists_and_cancels_only_mine(public_event, clients, people):
    session = make_session(public_event)
    mine = registrations.register(people["member"], session.pk)
    theirs = registrations.register(people["outsider"], session.pk)
    response = clients["member"].get(reverse("event_registrations"))
    assert public_event.title in response.content.decode()
    assert_private(response)
    assert clients["anonymous"].get(reverse("event_registrations")).status_code == 302
    clients["member"].post(reverse("event_cancel_mine", args=[theirs.pk]))
    theirs.refresh_from_db()
    assert theirs.status == Registration.Status.CONFIRMED
    clients["member"].post(reverse("event_cancel_mine", args=[mine.pk]))
    mine.refresh_from_db()
    assert mine.status == Registration.Status.CANCELLED


def test_the_evaluation_takes_one_answer_after_the_session(public_event, people, client):
    session = make_session(public_event, starts_in=-datetime.timedelta(days=2))
    registration = Registration.objects.create(
        session=session, user=people["member"], status=Registration.Status.CONFIRMED
    )
    url = reverse("event_evaluation", args=[evaluation_token(registration)])
    answers = {"usefulness": "5", "will_apply": "yes", "best": "The run charts."}
    response = client.post(url, answers)
    assert "Thank you" in response.content.decode()
    response = client.post(url, {**answers, "usefulness": "1"})
    assert "already sent your evaluation" in response.content.decode()
    assert EvaluationResponse.objects.get().usefulness == 5


def test_an_incomplete_evaluation_says_what_is_missing_and_saves_nothing(
    public_event, people, client
):
    session = make_session(public_event, starts_in=-datetime.timedelta(days=2))
    registration = Registration.objects.create(
        session=session, user=people["member"], status=Registration.Status.CONFIRMED
    )
    url = reverse("event_evaluation", args=[evaluation_token(registration)])
    response = client.post(url, {"usefulness": "9"})
    assert response.status_code == 200 and "usa-error-message" in response.content.decode()
    assert not EvaluationResponse.objects.exists()


@pytest.fixture
def admin_clients(people, no_admin_mfa, editor):
    from django.test import Client

    result = {}
    for role, user in (
        ("staff", people["staff"]),
        ("editor", editor),
        ("member", people["member"]),
    ):
        result[role] = Client()
        result[role].force_login(user)
    return result


def refused_by_wagtail(response):
    """Wagtail answers a refusal inside its admin with a redirect to the dashboard (or to
    the login for an account without admin access)."""
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] in ("/admin/", "/accounts/login/?next=/admin/") or response[
            "Location"
        ].startswith("/accounts/login/")


def test_staff_export_attendance_with_safe_cells(public_event, people, admin_clients):
    session = make_session(public_event)
    people["member"].last_name = '=HYPERLINK("http://evil")'
    people["member"].save()
    registrations.register(people["member"], session.pk)
    url = reverse("events_attendance_csv", args=[session.pk])
    refused_by_wagtail(admin_clients["member"].get(url))
    refused_by_wagtail(admin_clients["editor"].get(url))
    response = admin_clients["staff"].get(url)
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[2][0] == '\'=HYPERLINK("http://evil")'
    assert rows[2][3] == "Worcester Community Hospital"
    assert_private(response)


def test_staff_see_the_evaluations_summarised(public_event, people, admin_clients):
    session = make_session(public_event, starts_in=-datetime.timedelta(days=2))
    for user, score in ((people["member"], 5), (people["other_member"], 3)):
        registration = Registration.objects.create(session=session, user=user, status="confirmed")
        EvaluationResponse.objects.create(
            registration=registration, usefulness=score, will_apply="yes", best=f"Good {score}"
        )
    url = reverse("events_evaluation_summary", args=[session.pk])
    refused_by_wagtail(admin_clients["editor"].get(url))
    content = admin_clients["staff"].get(url).content.decode()
    assert "Average usefulness: 4.0 out of 5." in content
    assert "Good 3" in content and "Good 5" in content
    assert mail.outbox == []
