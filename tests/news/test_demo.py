"""The demonstration news built by `load_demo_content`: a news index in three languages, items
in English (one translated into Spanish, one about the monthly learning sessions, one for
members only), and the demo's toolkit versions in the news beside them."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from news.models import NewsIndexPage, NewsItemPage
from portal.access import MEMBERS_GROUP_NAME
from portal.announcements import collect

pytestmark = pytest.mark.django_db


def test_the_demo_has_news_in_every_language():
    indexes = NewsIndexPage.objects.live()
    assert set(indexes.values_list("locale__language_code", flat=True)) == {"en-us", "es", "pt"}
    sessions = NewsItemPage.objects.get(
        slug="monthly-learning-sessions", locale__language_code="en-us"
    )
    assert "second Tuesday of every month" in sessions.summary
    assert sessions.kind == "event"
    spanish = sessions.get_translation(indexes.get(locale__language_code="es").locale)
    assert spanish.live and spanish.title.startswith("Sesiones mensuales")
    assert {topic.slug for topic in sessions.topics.all()} == {"education", "recognition-screening"}


def test_the_demo_news_listing_and_feed_keep_members_only_news_to_members(client):
    index = NewsIndexPage.objects.get(locale__language_code="en-us")
    listing = client.get(index.url).content.decode()
    assert "Monthly learning sessions for member teams" in listing
    assert "New toolkit: " in listing  # the demo's toolkits, announced by themselves
    assert "Preliminary collaborative results" not in listing
    assert (
        "Preliminary collaborative results" not in client.get(index.url + "feed/").content.decode()
    )
    member = Client()
    member.force_login(
        get_user_model().objects.filter(groups__name=MEMBERS_GROUP_NAME, is_active=True).first()
    )
    # The consortium's own items of this kind, not crowded out by the toolkits and events announced.
    announcements = member.get(index.url, {"kind": "other"}).content.decode()
    assert "Preliminary collaborative results" in announcements
    assert any(not item.public for item in collect())
