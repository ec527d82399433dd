"""The demonstration's learning from excellence: three published stories on themes shared with
the toolkits (one with an interview's insights), a report awaiting moderation, and no e-mail."""

import pytest

from excellence.models import AppreciativeInquiry, ExcellenceReport, ExcellenceStoryPage
from tests.conftest import DEMO_LOAD_EMAILS
from toolkits.models import Topic

pytestmark = pytest.mark.django_db


def test_the_demo_has_three_published_stories_and_a_pending_report():
    stories = ExcellenceStoryPage.objects.live().public()
    assert stories.count() == 3
    assert sum(1 for story in stories if story.insights) == 1
    assert AppreciativeInquiry.objects.filter(publish_insights=True).count() == 1
    for story in stories:
        assert story.themes.exists()
        assert story.source_report.may_become_story
    assert ExcellenceReport.objects.filter(status=ExcellenceReport.Status.PENDING).count() == 1
    assert {"time-zero", "antibiotics-within-the-hour", "de-escalation"} <= set(
        Topic.objects.values_list("slug", flat=True)
    )
    assert not any("excellence" in message.subject.lower() for message in DEMO_LOAD_EMAILS)
    assert not any("recognized your sepsis care" in message.subject for message in DEMO_LOAD_EMAILS)


def test_the_stories_index_is_translated(client):
    assert client.get("/es/learning-from-excellence/").status_code == 200
    page = client.get("/pt/learning-from-excellence/").content.decode()
    assert "Aprender com a excelência" in page
