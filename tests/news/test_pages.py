"""The news listing, news item pages, the Atom feed and the sitemap, from every role:
members-only items for members (and consortium staff) only, never in the feed."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from news import listing

from .conftest import make_item, translate

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def listed_titles(response):
    assert response.status_code == 200
    return [item.title for item in response.context["items"]]


@pytest.mark.parametrize(
    ("role", "sees_members_only"),
    [
        ("anonymous", False),
        ("outsider", False),
        ("member", True),
        # Not a member organization's staff: the listing offers only what the page opens.
        ("moderator", False),
        ("superuser", True),
    ],
)
def test_the_listing_shows_members_only_news_to_members_and_staff_only(
    news_index, items, people, role, sees_members_only
):
    client = client_for(people.get(role))
    titles = listed_titles(client.get(news_index.url))
    assert "Panel named" in titles
    assert ("Preliminary results" in titles) == sees_members_only
    html = client.get(news_index.url).content.decode()
    assert ("Members only" in html) == sees_members_only


@pytest.mark.parametrize(
    ("role", "status"),
    [("outsider", 403), ("member", 200), ("moderator", 403), ("superuser", 200)],
)
def test_a_members_only_item_page_opens_to_members_only(items, people, role, status):
    # Wagtail's restriction names the members group alone (and the listing follows it).
    assert client_for(people[role]).get(items["members"].url).status_code == status


def test_anonymous_visitors_are_asked_to_log_in_for_a_members_only_item(client, items):
    response = client.get(items["members"].url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.get(items["public"].url).status_code == 200


def test_a_news_item_closed_to_another_group_is_never_listed(news_index, people):
    make_item(news_index, "Chairs only", restricted_to=[Group.objects.get(name="Editors")])
    for role in ("outsider", "member", "moderator"):
        assert "Chairs only" not in listed_titles(client_for(people[role]).get(news_index.url))


def test_the_listing_is_paginated_newest_first(client, news_index):
    for n in range(listing.PER_PAGE + 2):
        make_item(news_index, f"Item {n}", days_ago=n)
    first = listed_titles(client.get(news_index.url))
    assert first[:2] == ["Item 0", "Item 1"] and len(first) == listing.PER_PAGE
    second = listed_titles(client.get(news_index.url + "?page=2"))
    assert second == [f"Item {listing.PER_PAGE}", f"Item {listing.PER_PAGE + 1}"]
    # A page number that is no number shows the first page; one past the end, the last.
    assert listed_titles(client.get(news_index.url + "?page=x")) == first
    assert listed_titles(client.get(news_index.url + "?page=99")) == second


def test_the_listing_filters_by_kind_without_javascript(client, news_index):
    make_item(news_index, "A learning session", kind="event")
    make_item(news_index, "An announcement")
    assert listed_titles(client.get(news_index.url + "?kind=event")) == ["A learning session"]
    # An unknown kind is ignored, not an error.
    assert len(listed_titles(client.get(news_index.url + "?kind=<script>"))) == 2


def test_news_pages_link_their_language_s_feed_in_the_head(client, news_index, items):
    for url in (news_index.url, items["public"].url):
        html = client.get(url).content.decode()
        head = html.split("</head>")[0]
        assert (
            '<link rel="alternate" type="application/atom+xml" title="News (Atom feed)" '
            f'href="{news_index.url}feed/">' in head
        )


def feed(client, index):
    response = client.get(index.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return response.content.decode()


@pytest.mark.parametrize("role", ["anonymous", "member", "superuser"])
def test_the_feed_holds_public_items_only_whoever_asks(news_index, items, people, role):
    body = feed(client_for(people.get(role)), news_index)
    assert "<title>Panel named</title>" in body
    assert "Summary of Panel named." in body
    assert "Preliminary results" not in body


def test_each_language_has_its_feed_with_english_news_not_yet_translated(
    client, home_page, news_index
):
    translated_only = make_item(news_index, "Monthly sessions")
    make_item(news_index, "Not translated")
    translate(home_page, "es")
    spanish_index = translate(news_index, "es", title="Noticias")
    translate(translated_only, "es", title="Sesiones mensuales", summary="Cada mes.")
    body = feed(client, spanish_index)
    assert 'xml:lang="es"' in body
    assert "<title>Sesiones mensuales</title>" in body
    assert "<title>Not translated</title>" in body
    assert "<title>Monthly sessions</title>" not in body
    assert "Sesiones mensuales" not in feed(client, news_index)
    spanish = listed_titles(client.get(spanish_index.url))
    assert set(spanish) == {"Sesiones mensuales", "Not translated"}


def test_public_news_is_in_the_sitemap_and_members_only_news_is_not(client, items):
    body = client.get("/sitemap.xml").content.decode()
    assert items["public"].full_url in body
    assert items["members"].full_url not in body
