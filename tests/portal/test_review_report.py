"""The 'Pages due for review' report lists every reviewed page type whose review date has passed."""

import datetime

import pytest

from portal.review import overdue_review_pages
from tests.conftest import force_login_with_mfa
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/pages-due-for-review/"


@pytest.fixture
def pages(home_page):
    today = datetime.date.today()
    return {
        "overdue": StandardPageFactory(
            parent=home_page,
            title="Overdue guidance",
            last_reviewed=today - datetime.timedelta(days=400),
            next_review_due=today - datetime.timedelta(days=35),
        ),
        "current": StandardPageFactory(
            parent=home_page,
            title="Current guidance",
            last_reviewed=today,
        ),
        "unscheduled": StandardPageFactory(parent=home_page, title="Never reviewed"),
    }


def test_overdue_query_finds_only_pages_past_their_due_date(pages, home_page):
    directory = home_page.get_children().get(slug="members").specific
    directory.next_review_due = datetime.date.today() - datetime.timedelta(days=1)
    directory.save()
    found = set(overdue_review_pages().values_list("title", flat=True))
    assert found == {"Overdue guidance", directory.title}


def test_editor_sees_overdue_pages_with_due_date_owner_and_days(client, editor_with_mfa, pages):
    page = pages["overdue"]
    page.content_owner = editor_with_mfa
    page.save()
    force_login_with_mfa(client, editor_with_mfa)
    response = client.get(REPORT)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Overdue guidance" in html
    assert "35 days overdue" in html
    assert editor_with_mfa.get_full_name() in html
    assert "Current guidance" not in html
    assert "Never reviewed" not in html


def test_report_exports_csv(client, editor_with_mfa, pages):
    force_login_with_mfa(client, editor_with_mfa)
    response = client.get(REPORT + "?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    header, *rows = body.strip().splitlines()
    assert "Next review due" in header
    assert len(rows) == 1 and "Overdue guidance" in rows[0]


def test_report_is_listed_in_the_reports_menu(client, editor_with_mfa, pages):
    force_login_with_mfa(client, editor_with_mfa)
    html = client.get("/admin/").content.decode()
    assert REPORT in html
