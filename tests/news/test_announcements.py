"""The announcements contract (portal.announcements) and the toolkits' side of it: a toolkit's
new version appears in the news by itself; a members-only toolkit's only for members; a
toolkit closed more tightly, never."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from portal import announcements
from portal.access import members_group
from toolkits.models import ToolkitIndexPage, ToolkitPage

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


@pytest.fixture
def catalog(home_page):
    index = ToolkitIndexPage(title="Toolkits", slug="toolkits", introduction="All.")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def publish_toolkit(catalog, title, restricted_to=None):
    page = ToolkitPage(
        title=title,
        slug=title.lower().replace(" ", "-"),
        summary=f"What {title} is for.",
        recommendation="<p>Screen.</p>",
        rationale="<p>Minutes matter.</p>",
        version="1.0",
        release_date=datetime.date(2026, 3, 2),
    )
    catalog.add_child(instance=page)
    if restricted_to is not None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(restricted_to)
    page.save_revision().publish()
    return ToolkitPage.objects.get(pk=page.pk)


def new_version(page, number, change_log):
    page.version, page.change_log = number, f"<p>{change_log}</p>"
    page.save_revision().publish()


def titles(items):
    return [item.title for item in items]


def test_a_new_toolkit_and_each_new_version_are_announced(catalog):
    toolkit = publish_toolkit(catalog, "Time zero")
    new_version(toolkit, "2.0", "Adds an SBAR script.")
    found = announcements.collect()
    assert titles(found) == ["Time zero: version 2.0", "New toolkit: Time zero"]
    update = found[0]
    assert update.kind == "toolkit" and update.public
    assert update.summary == "Adds an SBAR script."
    assert update.url == toolkit.full_url
    # Since a date: only what was published after it.
    assert titles(announcements.collect(since=found[1].date)) == ["Time zero: version 2.0"]


def test_a_members_only_toolkit_is_announced_to_members_only(catalog, news_index, people, client):
    publish_toolkit(catalog, "Members kit", restricted_to=[members_group()])
    (item,) = announcements.collect()
    assert not item.public
    assert "New toolkit: Members kit" not in client.get(news_index.url + "feed/").content.decode()
    assert "New toolkit: Members kit" not in client.get(news_index.url).content.decode()
    member = Client()
    member.force_login(people["member"])
    assert "New toolkit: Members kit" in member.get(news_index.url).content.decode()
    assert "New toolkit: Members kit" not in member.get(news_index.url + "feed/").content.decode()


def test_a_toolkit_closed_to_another_group_is_never_announced(catalog):
    publish_toolkit(catalog, "Editors kit", restricted_to=[Group.objects.get(name="Editors")])
    assert announcements.collect() == []


def test_an_unpublished_toolkit_s_versions_are_no_longer_news(catalog):
    toolkit = publish_toolkit(catalog, "Withdrawn kit")
    toolkit.unpublish()
    assert announcements.collect() == []


def test_an_announcement_must_say_its_kind_and_time_zone():
    with pytest.raises(ValueError, match="Unknown kind"):
        announcements.Announcement(
            key="x:1", title="X", url="https://example.org/", date=timezone.now(), kind="gossip"
        )
    with pytest.raises(ValueError, match="no time zone"):
        announcements.Announcement(
            key="x:1", title="X", url="https://example.org/", date=datetime.datetime(2026, 1, 1)
        )
