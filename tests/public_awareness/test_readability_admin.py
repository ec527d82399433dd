"""Editors see reading grades in the page editor and in a report of every awareness page."""

import pytest
from wagtail.models import Locale

from public_awareness.models import AwarenessArticlePage, SymptomGuidePage
from tests.conftest import force_login_with_mfa

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/awareness-reading-level/"


def test_editor_shows_the_reading_grade_of_the_page(client, editor_with_mfa, demo_site):
    guide = SymptomGuidePage.objects.get(locale=Locale.get_default())
    force_login_with_mfa(client, editor_with_mfa)
    html = client.get(f"/admin/pages/{guide.pk}/edit/").content.decode()
    assert f"Reading grade {guide.readability.grade}" in html
    assert "This meets the target of grade 8 or lower." in html


def test_editor_marks_portuguese_as_not_measured(client, editor_with_mfa, demo_site):
    guide = SymptomGuidePage.objects.get(locale__language_code="pt")
    force_login_with_mfa(client, editor_with_mfa)
    html = client.get(f"/admin/pages/{guide.pk}/edit/").content.decode()
    assert "Reading grade: not measured." in html
    assert "Flesch-Kincaid" not in html


def test_report_lists_every_awareness_page_and_flags_hard_ones(client, editor_with_mfa, demo_site):
    hard = AwarenessArticlePage.objects.get(slug="life-after-sepsis")
    jargon = (
        "Notwithstanding considerable heterogeneity in institutional implementation, "
        "multidisciplinary organizational commitment substantially ameliorates mortality."
    )
    hard.introduction = jargon
    hard.body = [("paragraph", f"<p>{jargon}</p>")]
    hard.save_revision().publish()
    force_login_with_mfa(client, editor_with_mfa)
    html = client.get(REPORT).content.decode()
    from wagtail.models import Page

    from public_awareness.reports import AWARENESS_MODELS

    for page in Page.objects.type(*AWARENESS_MODELS):
        assert page.title.replace("'", "&#x27;") in html
    row = html[html.index(hard.title) :].split("</tr>", 1)[0]
    assert "Above target" in row
    assert html.count("Not measured") == 5  # the five Portuguese pages
    assert "Meets target" in html


def test_report_exports_csv(client, editor_with_mfa, demo_site):
    force_login_with_mfa(client, editor_with_mfa)
    response = client.get(REPORT + "?export=csv")
    body = b"".join(response.streaming_content).decode()
    header, *rows = body.strip().splitlines()
    assert header.split(",")[:3] == ["Title", "Language", "Reading grade"]
    from wagtail.models import Page

    from public_awareness.reports import AWARENESS_MODELS

    assert len(rows) == Page.objects.type(*AWARENESS_MODELS).count() == 15


def test_report_is_closed_to_users_without_page_rights(client, user, demo_site):
    from tests.conftest import activate_totp

    user.is_staff = True
    user.save()
    activate_totp(user)
    force_login_with_mfa(client, user)
    assert client.get(REPORT).status_code in (302, 403)
