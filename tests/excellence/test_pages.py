"""The published stories: no patient information, the index and its themes, the stories on
toolkit pages sharing a theme, search (stories only, never reports) and the sitemap."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from excellence.models import ExcellenceReport, ExcellenceStoryPage
from search.contract import providers
from toolkits.models import ToolkitIndexPage, ToolkitPage

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def make_story(index, title, themes=(), live=True, **fields):
    values = {
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "summary": f"Summary of {title}.",
        "recognized": "A team in an emergency department",
        "what_they_did": "<p>Screened within 1 hour.</p>",
        "why_it_mattered": "<p>2 of 3 bundles on time.</p>",
    }
    values.update(fields)
    story = ExcellenceStoryPage(**values)
    story.themes.set(themes)
    index.add_child(instance=story)
    if live:
        story.save_revision().publish()
    else:
        story.live = False
        story.save()
    return ExcellenceStoryPage.objects.get(pk=story.pk)


@pytest.mark.parametrize(
    "field,text",
    [
        ("what_they_did", "<p>Her DOB was 2/3/2019.</p>"),
        ("why_it_mattered", "<p>MRN 4481234 discharged.</p>"),
        ("insights", "<p>Call the family on 508-555-0199.</p>"),
        ("summary", "Seen on 12 May 2026."),
        ("recognized", "Nurse at (617) 555-0134"),
    ],
)
def test_a_story_with_a_patient_identifier_cannot_be_saved(stories_index, field, text):
    story = ExcellenceStoryPage(
        title="A story",
        slug="a-story",
        summary="Summary.",
        recognized="A colleague",
        what_they_did="<p>Well done.</p>",
        why_it_mattered="<p>It mattered.</p>",
    )
    setattr(story, field, text)
    story.path, story.depth = stories_index.path + "0001", stories_index.depth + 1
    with pytest.raises(ValidationError) as raised:
        story.full_clean()
    assert field in raised.value.message_dict


def test_the_index_lists_live_public_stories_by_theme(client, stories_index, themes):
    make_story(stories_index, "Time zero story", [themes["time-zero"]])
    make_story(stories_index, "De-escalation story", [themes["de-escalation"]])
    make_story(stories_index, "Draft story", [themes["time-zero"]], live=False)
    page = client.get(stories_index.url).content.decode()
    assert "Time zero story" in page and "De-escalation story" in page
    assert "Draft story" not in page
    filtered = client.get(stories_index.url + "?theme=time-zero").content.decode()
    assert "Time zero story" in filtered and "De-escalation story" not in filtered
    assert 'aria-current="page">Time zero</a>' in filtered


def test_toolkit_pages_show_stories_on_their_topics(client, home_page, stories_index, themes):
    catalog = ToolkitIndexPage(title="Toolkits", slug="toolkits-x", introduction="All.")
    home_page.add_child(instance=catalog)
    catalog.save_revision().publish()
    toolkit = ToolkitPage(
        title="Time zero toolkit",
        slug="time-zero-toolkit",
        summary="Recording time zero.",
        recommendation="<p>Screen at triage.</p>",
        rationale="<p>Minutes matter.</p>",
        release_date=datetime.date(2026, 3, 2),
    )
    toolkit.topics.set([themes["time-zero"]])
    catalog.add_child(instance=toolkit)
    toolkit.save_revision().publish()
    make_story(stories_index, "Triage story", [themes["time-zero"]])
    make_story(stories_index, "Unpublished triage story", [themes["time-zero"]], live=False)
    make_story(stories_index, "Stewardship story", [themes["de-escalation"]])
    page = client.get(toolkit.url).content.decode()
    assert "Learning from excellence" in page
    assert "Triage story" in page
    assert "Unpublished triage story" not in page
    assert "Stewardship story" not in page


def test_search_offers_published_stories_and_never_reports(stories_index, themes, make_report):
    make_story(stories_index, "Searchable story", [themes["time-zero"]])
    make_story(stories_index, "Hidden draft", live=False)
    make_report(status=ExcellenceReport.Status.APPROVED)
    documents = [doc for provider in providers() for doc in provider.documents()]
    titles = {doc.title for doc in documents}
    assert "Searchable story" in titles
    assert "Hidden draft" not in titles
    assert not any("Alex Rivera" in doc.title + doc.body for doc in documents)
    assert not any(ExcellenceReport in provider.models for provider in providers())


def test_published_stories_are_in_the_sitemap(client, stories_index):
    story = make_story(stories_index, "Mapped story")
    make_story(stories_index, "Unmapped draft", live=False)
    sitemap = client.get("/sitemap.xml").content.decode()
    assert story.full_url in sitemap
    assert "unmapped-draft" not in sitemap
