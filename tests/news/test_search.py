"""News in search through the contract: public items for everyone, members-only items with the
members token (found by members only), items closed more tightly not indexed at all."""

import pytest
from django.contrib.auth.models import Group

from news.search import providers
from portal.access import members_group
from search.contract import MEMBERS, PUBLIC, access_tokens

from .conftest import make_item

pytestmark = [pytest.mark.django_db, pytest.mark.bare]


def news_documents():
    (items, _index) = providers()
    return {document.title: document for document in items.documents()}


def test_news_items_carry_the_access_of_their_page(news_index, people):
    make_item(news_index, "Open news")
    members_only = make_item(news_index, "Members news", restricted_to=[members_group()])
    make_item(news_index, "Editors news", restricted_to=[Group.objects.get(name="Editors")])
    documents = news_documents()
    assert set(documents) == {"Open news", "Members news"}
    assert documents["Open news"].access == PUBLIC
    assert documents["Open news"].content_type == "news"
    assert "Body of Open news." in documents["Open news"].body
    assert documents["Members news"].access == MEMBERS
    assert providers()[0].document_for(members_only).access == MEMBERS
    assert MEMBERS in access_tokens(people["member"])
    assert MEMBERS not in access_tokens(people["outsider"])


def test_a_draft_or_unpublished_item_is_not_in_search(news_index):
    item = make_item(news_index, "Withdrawn news")
    item.unpublish()
    assert providers()[0].document_for(item) is None
    assert "Withdrawn news" not in news_documents()
