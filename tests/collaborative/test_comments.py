"""Coaches' comments on a site's month: only coaches comment, the site's people read them with
author and time, and the site's data managers are e-mailed."""

import datetime

import pytest
from django.utils import timezone

from collaborative.models import CoachComment, SitePerson, Submission
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.bare]

URL = "/collaborative/sites/NORTH/months/2025-09/"
COMMENT = URL + "comments/"


@pytest.fixture
def month(sites):
    return Submission.objects.create(
        site=sites["north"], period=datetime.date(2025, 9, 1), status=Submission.Status.SUBMITTED
    )


def test_a_coach_comments_and_the_data_managers_are_emailed(
    clients, month, people, sites, mailoutbox, django_capture_on_commit_callbacks
):
    second_manager = UserFactory(first_name="Dee", last_name="Second")
    SitePerson.objects.create(
        site=sites["north"], user=second_manager, role=SitePerson.Role.DATA_MANAGER
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = clients["coach"].post(
            COMMENT, {"text": "The bolus times look much better.\nWhat changed?"}
        )
    assert response.status_code == 302
    assert response["Location"] == URL + "#comments"
    comment = CoachComment.objects.get()
    assert comment.submission == month
    assert comment.author == people["coach"]

    # The site's data managers, not its team, nor another site's.
    told = sorted(address for mail in mailoutbox for address in mail.to)
    assert told == sorted([people["data_manager"].email, second_manager.email])
    mail = mailoutbox[0]
    assert mail.subject == "Your coach commented on September 2025"
    assert "The bolus times look much better." in mail.body
    assert URL + "#comments" in mail.body
    assert URL in mail.alternatives[0][0]

    # The site's people read it, with its author and time.
    for role in ("data_manager", "team", "coach"):
        page = clients[role].get(URL).content.decode()
        assert "The bolus times look much better.<br>What changed?" in page
        assert "Casey Coach" in page
        assert f'datetime="{timezone.localtime(comment.created_at):%Y-%m-%dT%H:%M}' in page


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("outsider", 404),
        ("other_site", 404),
        ("data_manager", 403),
        ("team", 403),
    ],
)
def test_only_coaches_comment(clients, month, role, status):
    response = clients[role].post(COMMENT, {"text": "Looks fine."})
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")
    assert not CoachComment.objects.exists()
    if status == 403:
        assert "Post the comment" not in clients[role].get(URL).content.decode()


def test_the_comment_form_is_for_coaches(clients, month):
    assert "Post the comment" in clients["coach"].get(URL).content.decode()
    assert "Post the comment" in clients["superuser"].get(URL).content.decode()


def test_an_empty_comment_is_refused(clients, month, mailoutbox):
    response = clients["coach"].post(COMMENT, {"text": "   "})
    assert response.status_code == 200
    assert "Write a comment." in response.content.decode()
    assert not CoachComment.objects.exists()
    assert not mailoutbox


def test_a_month_not_started_has_nothing_to_comment_on(clients, sites, people):
    page = clients["coach"].get(URL).content.decode()
    assert "Post the comment" not in page
    assert "You can comment once the site has started this month." in page
    response = clients["coach"].post(COMMENT, {"text": "Any news?"})
    assert response.status_code == 302
    assert not CoachComment.objects.exists()
    assert not Submission.objects.exists()


def test_comments_on_a_draft_too(clients, sites, people, mailoutbox):
    Submission.objects.create(site=sites["north"], period=datetime.date(2025, 9, 1))
    assert clients["coach"].post(COMMENT, {"text": "Nearly there."}).status_code == 302
    assert CoachComment.objects.count() == 1
