"""Fixtures of the news tests: a news index with items, people in every role. The tests are
`bare`: they build what they need."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale, PageViewRestriction

from news.models import NewsIndexPage, NewsItemPage, NewsSubscription
from portal.access import members_group
from tests.factories import MemberOrganizationFactory, UserFactory


@pytest.fixture
def news_index(home_page):
    index = NewsIndexPage(title="News", slug="news", introduction="What is new.")
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


def make_item(index, title, *, kind="announcement", days_ago=0, restricted_to=None, **fields):
    """A published news item; `restricted_to` a list of groups that alone may see it."""
    page = NewsItemPage(
        title=title,
        kind=kind,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        summary=f"Summary of {title}.",
        body=[("paragraph", f"<p>Body of {title}.</p>")],
        **fields,
    )
    index.add_child(instance=page)
    if restricted_to is not None:
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(restricted_to)
    page.save_revision().publish()
    return NewsItemPage.objects.get(pk=page.pk)


def translate(page, language_code, **fields):
    """The page's translation, published (its parent must be translated first)."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=language_code))
    for name, value in fields.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return translated


@pytest.fixture
def organization():
    return MemberOrganizationFactory(name="Springfield General Hospital")


@pytest.fixture
def people(organization):
    """Every role that sees the news differently."""
    member = UserFactory()
    member.profile.organization = organization
    member.profile.save()
    moderator = UserFactory()
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return {
        "outsider": UserFactory(),
        "member": member,
        "moderator": moderator,
        "superuser": UserFactory(is_staff=True, is_superuser=True),
    }


@pytest.fixture
def items(news_index):
    """A public item and a members-only one."""
    return {
        "public": make_item(news_index, "Panel named", days_ago=2),
        "members": make_item(
            news_index, "Preliminary results", days_ago=1, restricted_to=[members_group()]
        ),
    }


def confirmed_subscription(email="reader@example.net", **fields):
    fields = {"language": "en-us", "confirmed_at": timezone.now(), **fields}
    return NewsSubscription.objects.create(email=email, **fields)
